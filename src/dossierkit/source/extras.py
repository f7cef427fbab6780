"""Files beside the typed ones: data of no kind (`extra.<name>`) and chapter files the
manifest does not list, which would otherwise be lost without a word."""

from __future__ import annotations

from dossierkit.errors import Problem, Problems
from dossierkit.source.files import ProjectFiles
from dossierkit.source.models import Manifest

CHAPTERS_DIR = "chapters"
# Data with no typed kind: chapters/data/extra/<name>.yaml reads as `extra.<name>`.
EXTRA_DIR = "chapters/data/extra"


def load_extra(files: ProjectFiles, problems: Problems, read_yaml) -> dict[str, object]:
    """Data of no typed kind, as written: each chapters/data/extra/<name>.yaml is `extra.<name>`."""
    folder = files.root / EXTRA_DIR
    extra: dict[str, object] = {}
    if not folder.is_dir():
        return extra
    for path in sorted(folder.iterdir()):
        if path.suffix not in {".yaml", ".yml"}:
            continue
        rel = f"{EXTRA_DIR}/{path.name}"
        if not path.stem.isidentifier():
            problems.add(Problem(rel, "the name cannot be read in a template",
                                 hint="name it with letters, digits and _ (extra.<name>)"))
            continue
        parsed = read_yaml(files, rel, problems)
        if parsed is not None:
            extra[path.stem] = parsed[0]
    return extra


def _included(chapters: tuple) -> set[str]:
    """Files the chapters include or import: parts of a chapter, not chapters left out."""
    import jinja2
    from jinja2 import meta

    env = jinja2.Environment()
    named: set[str] = set()
    for chapter in chapters:
        try:
            named |= {n for n in meta.find_referenced_templates(env.parse(chapter.text)) if n}
        except jinja2.TemplateSyntaxError:
            continue  # reported when the chapter is rendered
    return named


def warn_unlisted_chapters(files: ProjectFiles, manifest: Manifest,
                            chapters: tuple, problems: Problems) -> None:
    """A chapter file the manifest does not list is never published: say so."""
    folder = files.root / CHAPTERS_DIR
    if not folder.is_dir():
        return
    languages = set(manifest.edition_languages)
    included = _included(chapters)
    for path in sorted(folder.glob("*.md")):
        slug, _, language = path.stem.partition(".")
        if f"{CHAPTERS_DIR}/{path.name}" in included:
            continue
        if slug not in manifest.chapters and (not language or language in languages):
            problems.warn(Problem(f"{CHAPTERS_DIR}/{path.name}", "chapter file not listed in dossier.toml",
                                  hint=f"add '{slug}' to dossier.chapters, or delete the file"))
