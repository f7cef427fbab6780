"""The build cache: outputs are rebuilt only when something they were built from changed.

A build records every project file it read (through the one gate, ProjectFiles), the
names in the data folder (a new data file changes the data), the tool's version, the
build's options and SOURCE_DATE_EPOCH, together with a hash of each output. The next
build with the same options hashes those files again; if nothing differs and the outputs
are still the files it wrote, nothing is loaded, rendered or laid out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dossierkit import __version__
from dossierkit.errors import Problem
from dossierkit.options import (
    DATA_DIR,
    DEFAULT_OUT_DIR,
    MANIFEST,
    BuildOptions,
    Built,
    source_date_epoch_text,
)

CACHE_NAME = ".dossier-cache.json"
SCHEMA = 2  # 2: one record per option set, so A4 and Letter builds do not evict each other


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _data_listing(root: Path) -> list[str]:
    folder = root / DATA_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


@dataclass(frozen=True)
class CacheKey:
    """Everything besides file contents that decides what a build produces."""

    formats: tuple[str, ...] | None
    variants: tuple[str, ...] | None
    paper: str | None
    strict: bool = False
    language: str | None = None

    @classmethod
    def of(cls, options: BuildOptions) -> CacheKey:
        return cls(options.formats, options.variants, options.paper, options.strict,
                   options.language)

    def name(self) -> str:
        """The record's name in the cache file: the options it was built with."""
        return json.dumps(self.as_json(), sort_keys=True)

    def as_json(self) -> dict:
        return {
            "version": __version__,
            "schema": SCHEMA,
            "formats": list(self.formats) if self.formats else None,
            "variants": list(self.variants) if self.variants else None,
            "paper": self.paper,
            "strict": self.strict,
            "language": self.language,
            # Dates in the outputs come from it when it is set.
            "source_date_epoch": source_date_epoch_text() or None,
        }


def out_dir_of(project: Path, options: BuildOptions) -> Path | None:
    """Where the outputs go, known before the (slow) load: the cache lives there."""
    if options.out_dir is not None:
        return options.out_dir
    try:
        with open(Path(project) / MANIFEST, "rb") as handle:
            output = tomllib.load(handle).get("output", {})
        return Path(project).resolve() / output.get("out_dir", DEFAULT_OUT_DIR)
    except (OSError, ValueError, AttributeError):
        return None  # the full load will say what is wrong


def reuse(project: Path, options: BuildOptions, warn) -> list[Built] | None:
    """The outputs of the last build if nothing they depend on changed (their warnings
    given to `warn` again); None when the dossier must be built."""
    out_dir = out_dir_of(project, options)
    if options.force or out_dir is None:
        return None
    fresh = fresh_outputs(Path(project), out_dir, CacheKey.of(options))
    if fresh is None:
        return None
    outputs, warnings = fresh
    for problem in warnings:
        warn(problem)
    return [Built(fmt, out_dir / name, size, reused=True) for name, (fmt, size) in outputs.items()]


def fresh_outputs(root: Path, out_dir: Path, key: CacheKey
                  ) -> tuple[dict[str, tuple[str, int]], list[Problem]] | None:
    """The outputs (name -> (format, size)) of the last build and its warnings, if every
    output is still up to date; otherwise None."""
    record = _records(out_dir).get(key.name())
    if not isinstance(record, dict) or record.get("key") != key.as_json():
        return None
    if record.get("data_files") != _data_listing(root):
        return None
    inputs, outputs = record.get("inputs"), record.get("outputs")
    if not isinstance(inputs, dict) or not isinstance(outputs, dict) or not outputs:
        return None
    for rel, digest in inputs.items():
        if _digest(root / rel) != digest:
            return None
    found = {}
    for name, entry in outputs.items():
        path = out_dir / name
        if not isinstance(entry, list) or _digest(path) != entry[1]:  # deleted or edited
            return None
        found[name] = (entry[0], path.stat().st_size)
    try:
        warnings = [Problem(**fields) for fields in record.get("warnings", [])]
    except TypeError:
        return None
    return found, warnings


def record_build(root: Path, out_dir: Path, key: CacheKey, reads: set[Path],
                 outputs: dict[str, tuple[str, bytes]], warnings: list[Problem]) -> None:
    """Remember what this build read and wrote; a failure to write it only costs speed."""
    root = root.resolve()
    inputs = {p.relative_to(root).as_posix(): _digest(p) for p in sorted(reads)
              if p.is_relative_to(root)}
    record = {
        "key": key.as_json(),
        "data_files": _data_listing(root),
        "inputs": inputs,
        "outputs": {name: [fmt, hashlib.sha256(data).hexdigest()]
                    for name, (fmt, data) in outputs.items()},
        # Shown again when the cache answers, so a warning does not vanish on a rebuild.
        "warnings": [dataclasses.asdict(problem) for problem in warnings],
    }
    from dossierkit.atomic import write_atomically

    records = _records(out_dir)
    records[key.name()] = record
    try:
        write_atomically(out_dir / CACHE_NAME, json.dumps({"schema": SCHEMA, "records": records},
                                                          indent=1).encode(), CACHE_NAME)
    except Exception:  # noqa: BLE001 — the outputs are written; a missing record only means a rebuild
        pass


def _records(out_dir: Path) -> dict:
    """The cache's records by option set; an unreadable or older cache holds none."""
    try:
        cache = json.loads((out_dir / CACHE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(cache, dict) or cache.get("schema") != SCHEMA:
        return {}
    records = cache.get("records")
    return records if isinstance(records, dict) else {}


def current_output(project: Path, name: str) -> Path | None:
    """An output of the dossier's last builds (any option set) that is still up to date:
    `dossier proof` shows it instead of laying the dossier out again."""
    out_dir = out_dir_of(project, BuildOptions())
    if out_dir is None:
        return None
    root = Path(project).resolve()
    for record in _records(out_dir).values():
        key = record.get("key") if isinstance(record, dict) else None
        if not isinstance(key, dict) or name not in (record.get("outputs") or {}):
            continue
        same_tool = all(key.get(k) == v for k, v in CacheKey(None, None, None).as_json().items()
                        if k in ("version", "schema", "source_date_epoch"))
        if not same_tool or record.get("data_files") != _data_listing(root):
            continue
        inputs = record.get("inputs") or {}
        entry = record["outputs"][name]
        if all(_digest(root / rel) == digest for rel, digest in inputs.items()) and \
                isinstance(entry, list) and _digest(out_dir / name) == entry[1]:
            return out_dir / name
    return None


def forget(out_dir: Path) -> None:
    (out_dir / CACHE_NAME).unlink(missing_ok=True)
