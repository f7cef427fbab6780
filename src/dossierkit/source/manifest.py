"""Reading dossier.toml, the manifest that names the dossier and orders its chapters."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from dossierkit.errors import Problem, Problems, fail, quoted
from dossierkit.options import MANIFEST, source_date_epoch_text
from dossierkit.source.files import ProjectFiles
from dossierkit.source.models import Manifest
from dossierkit.source.validation import key_path, validate


def toml_line(text: str, table: str, loc: tuple) -> int | None:
    """Best-effort line of a key: tomllib keeps no positions, so search the text.

    The deepest table the key path names is searched first (`[dossier.stills.orbit]`
    for dossier.stills.orbit.alt), and only up to the next table header; an index in
    the path picks that occurrence of an array of tables (`[[dossier.authors]]`).
    """
    lines = text.splitlines()
    parts = list(loc)
    names = [p for p in parts if isinstance(p, str)]
    headers = [i for i, line in enumerate(lines) if line.lstrip().startswith("[")]
    for depth in range(len(names), -1, -1):
        dotted = ".".join([table, *names[:depth]])
        pattern = re.compile(r"^\s*\[\[?\s*" + re.escape(dotted) + r"\s*\]\]?\s*(#.*)?$")
        found = [i for i in headers if pattern.match(lines[i])]
        if not found and depth == len(names) and depth:
            # A table written only as its sub-tables ([dossier.editions.ru]): the first one.
            nested = re.compile(r"^\s*\[\[?\s*" + re.escape(dotted) + r"\.")
            first = next((i for i in headers if nested.match(lines[i])), None)
            if first is not None:
                return first + 1
        if not found:
            continue
        after = parts.index(names[depth - 1]) + 1 if depth else 0
        index = parts[after] if after < len(parts) and isinstance(parts[after], int) else 0
        start = found[min(index, len(found) - 1)]
        end = next((i for i in headers if i > start), len(lines))
        for name in reversed(names[depth:]):
            key = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
            for i in range(start + 1, end):
                if key.match(lines[i]):
                    return i + 1
        return start + 1
    return None


# Dates past this cannot be written into a PDF or an EPUB.
MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention, if set."""
    value = source_date_epoch_text(environ)
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_EPOCH:
        raise fail("environment", f"not a number of seconds since 1970: '{value}'",
                   key="SOURCE_DATE_EPOCH",
                   hint="set it to a whole number such as `git log -1 --format=%ct`, or unset it")
    return int(value)


def load_manifest(root: Path) -> tuple[Manifest, str]:
    """Return the validated manifest and its raw text; raise with every problem found."""
    problems = Problems()
    manifest, text = read_manifest(ProjectFiles(root), problems)
    problems.raise_if_errors()
    return manifest, text


def read_manifest(files: ProjectFiles, problems: Problems,
                  environ: Mapping[str, str] = os.environ) -> tuple[Manifest | None, str]:
    """The validated manifest (None if it has errors) and its text; problems go to `problems`."""
    if not (files.root / MANIFEST).exists() and not (files.root / MANIFEST).is_symlink():
        problems.add(Problem(MANIFEST, "no manifest found",
                             hint=f"run the command in a dossier folder, or create {MANIFEST}"))
        return None, ""
    text = problems.collect(files.text, MANIFEST)
    if text is None:
        return None, ""
    document = problems.collect(parse_toml, text)
    if document is None:
        return None, text
    manifest = problems.collect(validate_manifest, document, text, problems, environ)
    if manifest is not None and problems.collect(check_out_dir, files.root,
                                                 manifest.output.out_dir, text) is None:
        return None, text
    return manifest, text


def check_out_dir(root: Path, out_dir: str, text: str = "") -> Path:
    """The manifest's output folder, which must lie inside the project (symlinks
    followed): a dossier cannot make a build write anywhere else. `--out` can."""
    root = root.resolve()
    target = (root / out_dir).resolve()
    if target == root or not target.is_relative_to(root):
        where = "is the project folder itself" if target == root else "is outside the dossier project"
        raise fail(MANIFEST, f"'{quoted(out_dir)}' {where}", line=toml_line(text, "output", ("out_dir",)),
                   key="output.out_dir",
                   hint="give a folder inside the project, such as \"build\"; --out builds elsewhere")
    return target


def parse_toml(text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match[1]) if match else None
        problem = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise fail(MANIFEST, f"invalid TOML: {problem[:1].lower()}{problem[1:]}", line=line,
                   hint="check quotes, brackets and '=' signs") from None
    except RecursionError:
        raise fail(MANIFEST, "invalid TOML: nested too deeply", hint="flatten the value") from None


def validate_manifest(document: dict, text: str, problems: Problems,
                      environ: Mapping[str, str] = os.environ) -> Manifest | None:
    """The manifest of a parsed dossier.toml; unknown tables and keys are warnings."""
    for name in sorted(set(document) - {"dossier", "output"}):
        close = difflib.get_close_matches(name, ["dossier", "output"], n=1)
        hint = f"did you mean [{close[0]}]?" if close else "the manifest has [dossier] and [output] tables"
        problems.warn(Problem(MANIFEST, "unknown table", toml_line(text, name, ()), name, hint))
    if not isinstance(document.get("dossier"), dict):
        raise fail(MANIFEST, "the [dossier] table is missing", key="dossier",
                   hint="add a [dossier] table with title, language, identifier…")
    raw = dict(document["dossier"])
    if "output" in raw:
        problems.warn(Problem(MANIFEST, "unknown key", toml_line(text, "dossier", ("output",)),
                              "dossier.output", "put output options in their own [output] table"))
        del raw["output"]
    if "output" in document:
        raw["output"] = document["output"]

    def table_of(loc: tuple) -> str:
        return "output" if loc and loc[0] == "output" else "dossier"

    def line_of(loc: tuple) -> int | None:
        return toml_line(text, table_of(loc), loc[1:] if table_of(loc) == "output" else loc)

    def key_of(loc: tuple) -> str:
        return key_path(loc) if table_of(loc) == "output" else key_path(("dossier", *loc))

    manifest, found = validate(Manifest, raw, file_of=lambda loc: MANIFEST, line_of=line_of,
                               key_of=key_of)
    problems.add(*found)
    epoch = problems.collect(source_date_epoch, environ)
    if manifest is None:
        return None
    return manifest.at_source_date(epoch)
