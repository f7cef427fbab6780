"""The build cache's file, read as untrusted input: bounded, a regular file, every field
checked. A file this tool did not write is "damaged": ignored with a warning, at the cost
of one full build. Inputs are re-read through the same file gate as the build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dossierkit.errors import DossierError
from dossierkit.options import FORMATS
from dossierkit.source.textfile import MAX_SOURCE_BYTES, read_bytes

CACHE_NAME = ".dossier-cache.json"
SCHEMA = 3  # 3: inputs also by the name asked for, so a link turning outside is noticed

_PROBLEM_FIELDS = {"file": str, "message": str, "line": int, "key": str, "hint": str,
                   "severity": str, "code": str}


class Damaged(Exception):
    """The cache file is not one this tool writes."""


def digest(root: Path, rel: str) -> str | None:
    """The hash of a project file reached through the same gate as the build (inside
    the project once symlinks are followed, a regular file, bounded); None if absent."""
    from dossierkit.source.files import ProjectFiles, _Unusable

    try:
        path = ProjectFiles(root)._real(root / rel)
    except _Unusable as unusable:
        if unusable.args[0] == "missing" and not (root / rel).is_symlink():
            return None
        return "unusable"
    try:
        return hashlib.sha256(read_bytes(path, rel)).hexdigest()
    except DossierError:
        return "unusable"


def output_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path, path.name)).hexdigest()
    except DossierError:
        return None


def read_records(out_dir: Path) -> dict[str, dict]:
    """The cache's records by option set, each checked; {} when there is no cache or an
    older tool's. Raises Damaged for anything else that is not what this tool writes."""
    path = out_dir / CACHE_NAME
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        cache = json.loads(read_bytes(path, CACHE_NAME, MAX_SOURCE_BYTES))
    except (DossierError, ValueError, RecursionError):
        raise Damaged from None
    if isinstance(cache, dict) and isinstance(cache.get("schema"), int) and cache["schema"] < SCHEMA:
        return {}  # an older tool's cache: a rebuild, nothing to warn of
    if not isinstance(cache, dict) or cache.get("schema") != SCHEMA:
        raise Damaged
    records = cache.get("records")
    if not isinstance(records, dict) or not all(_valid(r) for r in records.values()):
        raise Damaged
    return records


def lenient_records(out_dir: Path) -> dict[str, dict]:
    """The records when they are sound, none when not (the build warns of that itself)."""
    try:
        return read_records(out_dir)
    except Damaged:
        return {}


def recorded_outputs(out_dir: Path) -> set[str]:
    """The names the last builds in `out_dir` wrote, by its cache (none if damaged)."""
    return {name for record in lenient_records(out_dir).values() for name in record["outputs"]}


def _valid(record) -> bool:
    if not isinstance(record, dict) or not isinstance(record.get("key"), dict):
        return False
    inputs, outputs = record.get("inputs"), record.get("outputs")
    data_files, warnings = record.get("data_files"), record.get("warnings", [])
    return (isinstance(inputs, dict) and isinstance(outputs, dict) and bool(outputs)
            and isinstance(data_files, list) and isinstance(warnings, list)
            and all(safe_name(n) and (d is None or _is_hash(d)) for n, d in inputs.items())
            and all(safe_name(n) and isinstance(e, list) and len(e) == 2 and e[0] in FORMATS
                    and _is_hash(e[1]) for n, e in outputs.items())
            and all(safe_name(n) for n in data_files)
            and all(_is_problem(w) for w in warnings))


def safe_name(name) -> bool:
    """A relative path inside its folder, on one line."""
    return (isinstance(name, str) and bool(name) and name.isprintable() and not name.startswith("/")
            and ".." not in name.split("/"))


def _is_hash(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _is_problem(fields) -> bool:
    return (isinstance(fields, dict) and {"file", "message"} <= set(fields) <= set(_PROBLEM_FIELDS)
            and all(value is None or isinstance(value, _PROBLEM_FIELDS[name])
                    for name, value in fields.items())
            and fields.get("severity", "warning") == "warning")
