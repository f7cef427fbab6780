"""The build cache: outputs are rebuilt only when something they were built from changed.

A build records every project file it read (through the one gate, ProjectFiles), by the
name asked for and the file behind it, the names in the data folder (a new data file
changes the data), the tool's version, the build's options and SOURCE_DATE_EPOCH,
together with a hash of each output. The next build with the same options hashes those
files again, through the same gate; if nothing differs and the outputs are still the
files it wrote, nothing is loaded, rendered or laid out. The cache's file is untrusted
input like any other (see cache.record).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dossierkit import __version__
from dossierkit.cache.record import (
    CACHE_NAME,
    SCHEMA,
    Damaged,
    digest,
    lenient_records,
    output_digest,
    read_records,
    recorded_outputs,
)
from dossierkit.errors import DossierError, Problem, shown
from dossierkit.options import (
    DATA_DIR,
    DEFAULT_FORMATS,
    DEFAULT_OUT_DIR,
    MANIFEST,
    BuildOptions,
    Built,
    source_date_epoch_text,
)
from dossierkit.source.textfile import MAX_SOURCE_BYTES, read_bytes
from dossierkit.transaction import journal_pending

__all__ = ["CACHE_NAME", "CacheKey", "current_output", "fresh_outputs", "out_dir_of",
           "record_bytes", "recorded_outputs", "reuse"]


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


def _manifest_output(project: Path) -> tuple[Path, dict] | None:
    """The output folder and the output options, known before the (slow) load, or None
    when the manifest is not plainly readable (the full load will say what is wrong)."""
    root = Path(project).resolve()
    try:
        document = tomllib.loads(read_bytes(root / MANIFEST, MANIFEST, MAX_SOURCE_BYTES).decode("utf-8"))
        output, dossier = document.get("output", {}), document.get("dossier", {})
        out_dir = output.get("out_dir", DEFAULT_OUT_DIR)
        if not isinstance(out_dir, str) or not isinstance(dossier.get("slug"), str):
            return None
        target = (root / out_dir).resolve()
    except (DossierError, ValueError, AttributeError, TypeError, RecursionError, OSError):
        return None
    if target == root or not target.is_relative_to(root):
        return None  # refused by the full load
    return target, {**output, "slug": dossier["slug"]}


def out_dir_of(project: Path, options: BuildOptions) -> Path | None:
    """Where the outputs go, known before the (slow) load: the cache lives there."""
    if options.out_dir is not None:
        return options.out_dir
    found = _manifest_output(project)
    return found[0] if found else None


def reuse(project: Path, options: BuildOptions, warn) -> list[Built] | None:
    """The outputs of the last build if nothing they depend on changed (their warnings
    given to `warn` again); None when the dossier must be built."""
    found = _manifest_output(project)
    out_dir = options.out_dir if options.out_dir is not None else found and found[0]
    if options.force or not out_dir or found is None or journal_pending(out_dir):
        return None
    formats = options.formats or found[1].get("formats", list(DEFAULT_FORMATS))
    try:
        fresh = fresh_outputs(Path(project).resolve(), out_dir, CacheKey.of(options),
                              found[1]["slug"], formats)
    except Damaged:
        warn(Problem(f"{shown(out_dir)}/{CACHE_NAME}", "the build record is damaged; building "
                     "everything", hint="nothing to do: the build writes a new one",
                     severity="warning"))
        return None
    if fresh is None:
        return None
    outputs, warnings = fresh
    for problem in warnings:
        warn(problem)
    return [Built(fmt, out_dir / name, size, reused=True) for name, (fmt, size) in outputs.items()]


def _fits(name: str, fmt: str, slug: str) -> bool:
    """Whether an output's name is one a build of this dossier gives (a forged entry
    naming another file of the folder is not)."""
    if fmt == "html":
        return True  # the page and the stylesheets, fonts and images beside it
    return "/" not in name and name.startswith(slug) and name.endswith(f".{fmt}")


def fresh_outputs(root: Path, out_dir: Path, key: CacheKey, slug: str, formats
                  ) -> tuple[dict[str, tuple[str, int]], list[Problem]] | None:
    """The outputs (name -> (format, size)) of the last build with these options and its
    warnings, if every output is still up to date; otherwise None. Raises Damaged for a
    cache file this tool did not write."""
    record = read_records(out_dir).get(key.name())
    if record is None or record["key"] != key.as_json() or record["data_files"] != _data_listing(root):
        return None
    if any(digest(root, rel) != value for rel, value in record["inputs"].items()):
        return None
    found = {}
    for name, (fmt, value) in record["outputs"].items():
        if not _fits(name, fmt, slug) or output_digest(out_dir / name) != value:
            return None  # listed by someone else, deleted or edited
        found[name] = (fmt, (out_dir / name).stat().st_size)
    if {fmt for fmt, _ in record["outputs"].values()} != set(formats):
        return None
    return found, [Problem(**fields) for fields in record["warnings"]]


def record_bytes(root: Path, out_dir: Path, key: CacheKey, reads: set[Path],
                 produced: list[tuple[str, str, bytes]], warnings: list[Problem]) -> bytes:
    """The cache file with this build's record added: placed with the outputs, at once."""
    root = root.resolve()
    inputs = {}
    for path in sorted(reads):
        if path.is_relative_to(root):
            rel = path.relative_to(root).as_posix()
            inputs[rel] = digest(root, rel)
    record = {
        "key": key.as_json(),
        "data_files": _data_listing(root),
        "inputs": inputs,
        "outputs": {filename: [fmt, hashlib.sha256(data).hexdigest()]
                    for fmt, filename, data in produced},
        # Shown again when the cache answers, so a warning does not vanish on a rebuild.
        "warnings": [dataclasses.asdict(problem) for problem in warnings if not problem.is_error],
    }
    records = lenient_records(out_dir)
    records[key.name()] = record
    return json.dumps({"schema": SCHEMA, "records": records}, indent=1).encode()


def current_output(project: Path, name: str) -> Path | None:
    """An output of the dossier's last builds (any option set) that is still up to date:
    `dossier proof` shows it instead of laying the dossier out again."""
    out_dir = out_dir_of(project, BuildOptions())
    if out_dir is None:
        return None
    root = Path(project).resolve()
    same_tool = {k: v for k, v in CacheKey(None, None, None).as_json().items()
                 if k in ("version", "schema", "source_date_epoch")}
    for record in lenient_records(out_dir).values():
        if name not in record["outputs"] or record["data_files"] != _data_listing(root):
            continue
        if any(record["key"].get(k) != v for k, v in same_tool.items()):
            continue
        if all(digest(root, rel) == value for rel, value in record["inputs"].items()) and \
                output_digest(out_dir / name) == record["outputs"][name][1]:
            return out_dir / name
    return None


def forget(out_dir: Path) -> None:
    (out_dir / CACHE_NAME).unlink(missing_ok=True)
