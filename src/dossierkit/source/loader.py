"""Loading a whole dossier project into one validated model before anything is rendered."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from dossierkit.errors import DossierError, Problem, fail
from dossierkit.source.manifest import MANIFEST, toml_line, load_manifest
from dossierkit.source.models import Data, Manifest, SourceRef
from dossierkit.source.textfile import read_text
from dossierkit.source.validation import key_path, problems_from
from dossierkit.source.yamlfile import Locator, load_yaml

CHAPTERS_DIR = "chapters"
DATA_DIR = "chapters/data"


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


def load_dossier(root: Path) -> Dossier:
    root = root.resolve()
    if not root.is_dir():
        raise fail(str(root), "not a folder", hint="give the path of a dossier project")
    manifest, manifest_text = load_manifest(root)
    data = _load_data(root)
    chapters = _load_chapters(root, manifest, manifest_text)
    return Dossier(root, manifest, data, chapters)


def _load_data(root: Path) -> Data:
    folder = root / DATA_DIR
    raw: dict[str, object] = {}
    locators: dict[str, Locator] = {}
    files: dict[str, str] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix not in {".yaml", ".yml"}:
                continue
            rel = f"{DATA_DIR}/{path.name}"
            if path.stem not in Data.model_fields:
                close = difflib.get_close_matches(path.stem, list(Data.model_fields), n=1)
                hint = (f"did you mean '{close[0]}.yaml'?" if close else
                        "data files are named after what they hold: " + ", ".join(Data.model_fields))
                raise fail(rel, "unknown data file", hint=hint)
            if path.stem in raw:
                raise fail(rel, f"'{path.stem}' is already given by {files[path.stem]}",
                           hint="keep one of the two files")
            raw[path.stem], locators[path.stem] = load_yaml(path, rel)
            files[path.stem] = rel
            if raw[path.stem] is None:
                raise fail(rel, "the file is empty", hint="add its data or delete the file")

    def file_of(loc: tuple) -> str:
        return files.get(loc[0], DATA_DIR) if loc else DATA_DIR

    def line_of(loc: tuple) -> int | None:
        return locators[loc[0]].line(loc[1:]) if loc and loc[0] in locators else None

    def key_of(loc: tuple) -> str:
        return key_path(loc[1:]) if len(loc) > 1 else str(loc[0]) if loc else ""

    try:
        data = Data.model_validate(raw)
    except ValidationError as exc:
        raise DossierError(*problems_from(exc, Data, file_of=file_of, line_of=line_of,
                                          key_of=key_of)) from None
    problems = _check_ids(data) + _check_references(data)
    if problems:
        raise DossierError(*[Problem(file_of(loc), message, line_of(loc), key_of(loc), hint)
                             for loc, message, hint in problems])
    return data


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


def _load_chapters(root: Path, manifest: Manifest, manifest_text: str) -> tuple[ChapterSource, ...]:
    chapters = []
    for index, slug in enumerate(manifest.chapters):
        rel = f"{CHAPTERS_DIR}/{slug}.md"
        path = root / rel
        if not path.is_file():
            raise fail(MANIFEST, f"chapter '{slug}' has no file {rel}",
                       line=toml_line(manifest_text, "dossier", ("chapters",)),
                       key=f"dossier.chapters[{index}]",
                       hint=f"create {rel} or remove '{slug}' from the list")
        text = read_text(path, rel)
        if not text.strip():
            raise fail(rel, "the chapter is empty", hint="write its content or remove it from dossier.toml")
        chapters.append(ChapterSource(slug, rel, text))
    return tuple(chapters)
