"""Reading dossier.toml, the manifest that names the dossier and orders its chapters."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from dossierkit.errors import DossierError, fail
from dossierkit.source.models import Manifest
from dossierkit.source.textfile import read_text
from dossierkit.source.validation import key_path, problems_from

MANIFEST = "dossier.toml"


def toml_line(text: str, table: str, loc: tuple) -> int | None:
    """Best-effort line of a key: tomllib keeps no positions, so search the text."""
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\[?\s*" + re.escape(table) + r"(\.[\w.-]+)?\s*\]\]?")
    names = [p for p in loc if isinstance(p, str)]
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    for name in reversed(names):
        key = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
        for i in range(start, len(lines)):
            if key.match(lines[i]):
                return i + 1
    return start + 1


def load_manifest(root: Path) -> tuple[Manifest, str]:
    """Return the validated manifest and its raw text (kept for line look-ups)."""
    path = root / MANIFEST
    if not path.is_file():
        raise fail(MANIFEST, "no manifest found",
                   hint=f"run the command in a dossier folder, or create {MANIFEST}")
    text = read_text(path, MANIFEST)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match[1]) if match else None
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        raise fail(MANIFEST, f"invalid TOML: {problem[0].lower()}{problem[1:]}", line=line,
                   hint="check quotes, brackets and '=' signs") from None

    unknown = sorted(set(document) - {"dossier", "output"})
    if unknown:
        raise fail(MANIFEST, "unknown table", key=unknown[0],
                   line=toml_line(text, unknown[0], ()),
                   hint="the manifest has [dossier] and [output] tables")
    if not isinstance(document.get("dossier"), dict):
        raise fail(MANIFEST, "the [dossier] table is missing", key="dossier",
                   hint="add a [dossier] table with title, language, identifier…")
    raw = dict(document["dossier"])
    if "output" in raw:
        raise fail(MANIFEST, "unknown key", key="dossier.output",
                   line=toml_line(text, "dossier", ("output",)),
                   hint="put output options in their own [output] table")
    if "output" in document:
        raw["output"] = document["output"]
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        def table_of(loc: tuple) -> str:
            return "output" if loc and loc[0] == "output" else "dossier"

        def key_of(loc: tuple) -> str:
            return key_path(loc) if table_of(loc) == "output" else key_path(("dossier", *loc))

        raise DossierError(*problems_from(
            exc, Manifest, file_of=lambda loc: MANIFEST,
            line_of=lambda loc: toml_line(text, table_of(loc), loc[1:] if table_of(loc) == "output" else loc),
            key_of=key_of)) from None
    return manifest, text
