"""Loading a whole dossier project into one validated model before anything is rendered."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dossierkit.errors import DossierError, Problem, Problems, fail
from dossierkit.i18n import LANGUAGES, has_catalogue
from dossierkit.options import DATA_DIR, MANIFEST
from dossierkit.source.checks import check_cast, check_ids, check_people, check_references
from dossierkit.source.editions import overlay, rename_keys
from dossierkit.source.extras import load_extra, warn_unlisted_chapters
from dossierkit.source.files import ProjectFiles
from dossierkit.source.manifest import read_manifest, toml_line
from dossierkit.source.models import Data, Manifest
from dossierkit.source.validation import key_path, validate
from dossierkit.source.yamlfile import Locator, parse_yaml

CHAPTERS_DIR = "chapters"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ChapterSource:
    slug: str
    path: str  # relative to the project, as shown in messages
    text: str
    # Set when an edition shows a chapter it has no translation of: the dossier's language.
    language: str | None = None


@dataclass(frozen=True)
class Dossier:
    """A loaded, validated project: the only input the renderer sees."""

    root: Path
    manifest: Manifest
    data: Data
    chapters: tuple[ChapterSource, ...]
    # Problems that did not stop loading (unknown keys, unknown data files).
    warnings: tuple[Problem, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.manifest.language


def load_dossier(root: Path, *, strict: bool = False, language: str | None = None,
                 environ: Mapping[str, str] = os.environ) -> Dossier:
    """Load and validate everything, reporting every problem at once.

    Each file is checked on its own, so one mistake does not hide the others; with
    `strict`, warnings count as errors. `language` picks an edition the manifest declares:
    its chapter files and data texts stand in for the default ones.
    """
    root = root.resolve()
    if not root.is_dir():
        raise fail(str(root), "not a folder", hint="give the path of a dossier project")
    files = ProjectFiles(root)
    problems = Problems(strict)
    manifest, manifest_text = read_manifest(files, problems, environ)
    if manifest is not None and not has_catalogue(manifest.language):
        problems.warn(Problem(
            MANIFEST, f"no labels in '{manifest.language}': the words dossierkit adds "
            "(Contents, Notes, dates…) stay English", toml_line(manifest_text, "dossier", ("language",)),
            "dossier.language", "labels exist in " + ", ".join(LANGUAGES)))
    edition, own_language = None, manifest.language if manifest is not None else None
    whole = manifest
    if manifest is not None and language not in (None, manifest.language):
        if language in manifest.edition_languages:
            whole, manifest, edition = manifest, manifest.edition(language), language
        else:
            problems.add(Problem(MANIFEST, f"no '{language}' edition", key="dossier.languages",
                                 hint="add the language to languages in dossier.toml, or build "
                                      "one of: " + ", ".join(manifest.edition_languages)))
    data = _load_data(files, problems, edition)
    extra = load_extra(files, problems, _read_yaml)
    slugs = manifest.chapters if manifest is not None else _chapters_named(manifest_text)
    chapters = _load_chapters(files, slugs, manifest_text, problems, edition, own_language)
    if manifest is not None:
        _check_project_files(files, manifest, manifest_text, problems)
        # Against the whole dossier's chapters: an edition shows some of them.
        warn_unlisted_chapters(files, whole, chapters, problems)
    problems.raise_if_errors()
    return Dossier(root, manifest, data, chapters, problems.warnings, extra)


def _load_data(files: ProjectFiles, problems: Problems, edition: str | None) -> Data | None:
    folder = files.root / DATA_DIR
    values: dict[str, object] = {}
    locators: dict[str, Locator] = {}
    paths: dict[str, str] = {}
    broken: set[str] = set()
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix not in {".yaml", ".yml"}:
                continue
            rel = f"{DATA_DIR}/{path.name}"
            stem = path.stem
            if stem not in Data.model_fields:
                close = difflib.get_close_matches(stem, list(Data.model_fields), n=1)
                hint = (f"did you mean '{close[0]}.yaml'?" if close else
                        "data files are named after what they hold: " + ", ".join(Data.model_fields))
                problems.warn(Problem(rel, "unknown data file", hint=hint))
                continue
            if stem in paths:
                problems.add(Problem(rel, f"'{stem}' is already given by {paths[stem]}",
                                     hint="keep one of the two files"))
                continue
            paths[stem] = rel
            value = _load_data_file(files, rel, stem, problems, locators, edition)
            if value is None:
                broken.add(stem)
            else:
                values[stem] = value
    data = Data.model_validate(values)  # parts already validated; this only assembles them

    def file_of(loc: tuple) -> str:
        return paths.get(loc[0], DATA_DIR) if loc else DATA_DIR

    def line_of(loc: tuple) -> int | None:
        return locators[loc[0]].line(loc[1:]) if loc and loc[0] in locators else None

    def key_of(loc: tuple) -> str:
        return key_path(loc[1:]) if len(loc) > 1 else str(loc[0]) if loc else ""

    # With sources.yaml broken, every reference would look unknown: say nothing of them.
    found = check_ids(data) + check_cast(data) + check_people(data)
    found += [] if "sources" in broken else check_references(data)
    problems.add(*[Problem(file_of(loc), message, line_of(loc), key_of(loc), hint)
                   for loc, message, hint in found])
    return None if broken else data


def _read_yaml(files: ProjectFiles, rel: str, problems: Problems):
    """A YAML file's value and locator, or None after reporting why there is none."""
    text = problems.collect(files.text, rel)
    if text is None:
        return None
    parsed = problems.collect(parse_yaml, text, rel)
    if parsed is not None and parsed[0] is None:
        problems.add(Problem(rel, "the file is empty", hint="add its data or delete the file"))
        return None
    return parsed


def _load_data_file(files: ProjectFiles, rel: str, stem: str, problems: Problems,
                    locators: dict[str, Locator], edition: str | None):
    """One data file's validated value, or None after reporting its problems."""
    parsed = _read_yaml(files, rel, problems)
    if parsed is None:
        return None
    raw, locator = parsed
    raw, renamed = rename_keys(stem, raw, rel, locator.line)
    for warning in renamed:
        problems.warn(warning)
    translated = f"{DATA_DIR}/{edition}/{stem}.yaml" if edition else None
    if translated and (files.root / translated).is_file():
        over = _read_yaml(files, translated, problems)
        if over is None:
            return None
        raw = overlay(raw, rename_keys(stem, over[0], translated, over[1].line)[0])
    locators[stem] = locator
    part, found = validate(Data, {stem: raw}, file_of=lambda loc: rel,
                           line_of=lambda loc: locator.line(loc[1:]),
                           key_of=lambda loc: key_path(loc[1:]) if len(loc) > 1 else stem)
    problems.add(*found)
    return None if part is None else getattr(part, stem)

def _chapters_named(manifest_text: str) -> list[str]:
    """The chapter list of a manifest that has other errors, so its chapters are checked too."""
    try:
        named = tomllib.loads(manifest_text).get("dossier", {}).get("chapters", [])
    except (tomllib.TOMLDecodeError, AttributeError, RecursionError):
        return []
    if not isinstance(named, list):
        return []
    return [slug for slug in named if isinstance(slug, str) and SLUG.match(slug)]


def _load_chapters(files: ProjectFiles, slugs: list[str], manifest_text: str,
                   problems: Problems, edition: str | None = None,
                   default_language: str | None = None) -> tuple[ChapterSource, ...]:
    chapters = []
    for index, slug in enumerate(slugs):
        rel = f"{CHAPTERS_DIR}/{slug}.md"
        untranslated = default_language if edition else None
        if edition and (files.root / f"{CHAPTERS_DIR}/{slug}.{edition}.md").is_file():
            rel, untranslated = f"{CHAPTERS_DIR}/{slug}.{edition}.md", None
        path = files.root / rel
        if not path.exists() and not path.is_symlink():
            problems.add(Problem(MANIFEST, f"chapter '{slug}' has no file {rel}",
                                 toml_line(manifest_text, "dossier", ("chapters",)),
                                 f"dossier.chapters[{index}]",
                                 f"create {rel} or remove '{slug}' from the list"))
            continue
        text = problems.collect(files.text, rel)
        if text is None:
            continue
        if not text.strip():
            problems.add(Problem(rel, "the chapter is empty",
                                 hint="write its content or remove it from dossier.toml"))
            continue
        chapters.append(ChapterSource(slug, rel, text, untranslated))
    return tuple(chapters)


def _check_project_files(files: ProjectFiles, manifest: Manifest, text: str,
                         problems: Problems) -> None:
    """Stylesheets and pictures the manifest names: project files, and what they claim to be.

    WeasyPrint's fetcher enforces the same rules at layout time; checking here lets
    `dossier check` report them, with the manifest's or the stylesheet's line.
    """
    output = manifest.output
    for sheets in ("print_stylesheets", "epub_stylesheets"):
        for index, path in enumerate(getattr(output, sheets)):
            if "{" in path:  # a per-paper or per-variant sheet: optional, checked when used
                continue
            problems.add(*files.check_stylesheet(
                path, referrer=MANIFEST, line=toml_line(text, "output", (sheets,)),
                key=f"output.{sheets}[{index}]"))
    pictures = [("cover_image", manifest.cover_image)] if manifest.cover_image else []
    pictures += [(f"stills.{name}", still) for name, still in manifest.stills.items()]
    for key, picture in pictures:
        line = toml_line(text, "dossier", tuple(key.split(".")) + ("path",))
        try:
            files.image(picture.path, referrer=MANIFEST)
        except DossierError as error:
            # The manifest's own line for what it names; an SVG's problems keep theirs.
            problems.add(*[replace(p, line=line, key=f"dossier.{key}.path") if p.file == MANIFEST
                           else p for p in error.problems])
