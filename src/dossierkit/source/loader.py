"""Loading a whole dossier project into one validated model before anything is rendered."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from dossierkit.errors import DossierError, Problem, Problems, fail
from dossierkit.options import DATA_DIR, MANIFEST
from dossierkit.source.files import ProjectFiles
from dossierkit.source.manifest import read_manifest, toml_line
from dossierkit.source.models import Data, Manifest, SourceRef
from dossierkit.source.validation import key_path, validate
from dossierkit.source.yamlfile import Locator, parse_yaml

CHAPTERS_DIR = "chapters"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ChapterSource:
    slug: str
    path: str  # relative to the project, as shown in messages
    text: str


@dataclass(frozen=True)
class Dossier:
    """A loaded, validated project: the only input the renderer sees."""

    root: Path
    manifest: Manifest
    data: Data
    chapters: tuple[ChapterSource, ...]
    # Problems that did not stop loading (unknown keys, unknown data files).
    warnings: tuple[Problem, ...] = ()


def load_dossier(root: Path, *, strict: bool = False,
                 environ: Mapping[str, str] = os.environ) -> Dossier:
    """Load and validate everything, reporting every problem at once.

    Each file is checked on its own, so one mistake does not hide the others; with
    `strict`, warnings count as errors.
    """
    root = root.resolve()
    if not root.is_dir():
        raise fail(str(root), "not a folder", hint="give the path of a dossier project")
    files = ProjectFiles(root)
    problems = Problems(strict)
    manifest, manifest_text = read_manifest(files, problems, environ)
    data = _load_data(files, problems)
    slugs = manifest.chapters if manifest is not None else _chapters_named(manifest_text)
    chapters = _load_chapters(files, slugs, manifest_text, problems)
    if manifest is not None:
        _check_project_files(files, manifest, manifest_text, problems)
    problems.raise_if_errors()
    return Dossier(root, manifest, data, chapters, problems.warnings)


def _load_data(files: ProjectFiles, problems: Problems) -> Data | None:
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
            value = _load_data_file(files, rel, stem, problems, locators)
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
    found = _check_ids(data) + ([] if "sources" in broken else _check_references(data))
    problems.add(*[Problem(file_of(loc), message, line_of(loc), key_of(loc), hint)
                   for loc, message, hint in found])
    return None if broken else data


def _load_data_file(files: ProjectFiles, rel: str, stem: str, problems: Problems,
                    locators: dict[str, Locator]):
    """One data file's validated value, or None after reporting its problems."""
    text = problems.collect(files.text, rel)
    if text is None:
        return None
    parsed = problems.collect(parse_yaml, text, rel)
    if parsed is None:
        return None
    raw, locator = parsed
    if raw is None:
        problems.add(Problem(rel, "the file is empty", hint="add its data or delete the file"))
        return None
    locators[stem] = locator
    part, found = validate(Data, {stem: raw}, file_of=lambda loc: rel,
                           line_of=lambda loc: locator.line(loc[1:]),
                           key_of=lambda loc: key_path(loc[1:]) if len(loc) > 1 else stem)
    problems.add(*found)
    return None if part is None else getattr(part, stem)

def _check_ids(data: Data) -> list[tuple[tuple, str, str]]:
    problems = []
    for field in ("sources", "reviews", "claims"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(data, field)):
            if item.id in seen:
                problems.append(((field, index, "id"),
                                 f"duplicate id '{item.id}' (first used at [{seen[item.id]}])",
                                 "give each entry its own id"))
            seen.setdefault(item.id, index)
    return problems


def _check_references(data: Data) -> list[tuple[tuple, str, str]]:
    known = {source.id for source in data.sources}
    problems = []

    def walk(value: object, loc: tuple) -> None:
        if isinstance(value, SourceRef):
            if value.id not in known:
                close = difflib.get_close_matches(value.id, sorted(known), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "add it to sources.yaml"
                problems.append((loc, f"unknown source '{value.id}'", hint))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), loc + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, loc + (index,))

    walk(data, ())
    return problems


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
                   problems: Problems) -> tuple[ChapterSource, ...]:
    chapters = []
    for index, slug in enumerate(slugs):
        rel = f"{CHAPTERS_DIR}/{slug}.md"
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
        chapters.append(ChapterSource(slug, rel, text))
    return tuple(chapters)


def _check_project_files(files: ProjectFiles, manifest: Manifest, text: str,
                         problems: Problems) -> None:
    """Stylesheets and pictures the manifest names: project files, and what they claim to be.

    WeasyPrint's fetcher enforces the same rules at layout time; checking here lets
    `dossier check` report them, with the manifest's or the stylesheet's line.
    """
    output = manifest.output
    for field in ("print_stylesheets", "epub_stylesheets"):
        for index, path in enumerate(getattr(output, field)):
            if "{" in path:  # a per-paper or per-variant sheet: optional, checked when used
                continue
            problems.add(*files.check_stylesheet(
                path, referrer=MANIFEST, line=toml_line(text, "output", (field,)),
                key=f"output.{field}[{index}]"))
    pictures = [("cover_image", manifest.cover_image)] if manifest.cover_image else []
    pictures += [(f"stills.{name}", still) for name, still in manifest.stills.items()]
    for key, picture in pictures:
        line = toml_line(text, "dossier", tuple(key.split(".")) + ("path",))
        try:
            files.image(picture.path, referrer=MANIFEST)
        except DossierError as error:
            problems.add(*[replace(p, line=line, key=f"dossier.{key}.path") for p in error.problems])
