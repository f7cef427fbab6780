"""Build jobs that can run on a machine without the project's disk: a job carries the
dossier's files in, and its outputs come back as bytes for the caller to place."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dossierkit.errors import DossierError, Problem
from dossierkit.options import BuildOptions

# Never carried: the tool's own records and version-control or editor folders.
SKIPPED_NAMES = {"__pycache__", "node_modules"}


@dataclass(frozen=True)
class Bundle:
    """A dossier's files (relative POSIX path -> bytes) and the name it is shown by."""

    shown: str
    files: dict[str, bytes]


@dataclass
class JobResult:
    """What a job gives back: its outputs (name -> (format, bytes)), the build cache's
    record to place beside them, and its problems (warnings, and errors if it failed)."""

    shown: str
    outputs: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    cache_record: bytes | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def pack(project: Path, shown: str, *, skip: Path | None = None) -> Bundle:
    """Every file of the project a build may read: the whole folder, without its output
    folder, hidden entries and links that lead outside it (the file gate refuses those)."""
    root = project.resolve()
    skip = skip.resolve() if skip is not None else None
    files: dict[str, bytes] = {}

    def walk(folder: Path) -> None:
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or entry.name in SKIPPED_NAMES:
                continue
            try:
                real = entry.resolve(strict=True)
            except (OSError, RuntimeError):
                continue  # a broken link or a loop: the build reports it where it is used
            if not real.is_relative_to(root) or (skip is not None and real.is_relative_to(skip)):
                continue
            if real.is_dir():
                walk(entry)
            elif real.is_file():
                files[entry.relative_to(root).as_posix()] = real.read_bytes()

    walk(root)
    return Bundle(shown, files)


def unpack(bundle: Bundle, into: Path) -> None:
    for name, data in bundle.files.items():
        path = into / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _rehomed(problem: Problem, root: Path, shown: str) -> Problem:
    """A problem found in the job's copy, named by where the user keeps the file."""
    text = problem.file
    for prefix in (str(root) + "/", str(root)):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            return replace(problem, file=f"{shown}/{rest}" if rest else shown)
    return problem


def internal(message: str) -> Problem:
    return Problem("internal error", message,
                   hint="rerun this dossier alone with --debug and report the traceback", code="B607")


def run_in_copy(bundle: Bundle, work: Callable[[Path, Path, list[Problem]], None]) -> JobResult:
    """Unpack the bundle in a scratch folder and run `work(root, out_dir, problems)`; every
    file it leaves in out_dir comes back. Never raises: a job's exception would otherwise
    cross to the caller as a traceback."""
    result = JobResult(bundle.shown)
    with tempfile.TemporaryDirectory(prefix="dossier-job-") as scratch:
        root, out_dir = Path(scratch) / "dossier", Path(scratch) / "out"
        root.mkdir()
        unpack(bundle, root)
        problems: list[Problem] = []
        try:
            work(root, out_dir, problems)
        except DossierError as error:
            problems = [p for p in problems if p not in error.problems] + error.problems
        except Exception as exc:  # noqa: BLE001 — one dossier's bug must not stop the others
            problems.append(internal(f"{type(exc).__name__}: {exc}"))
        result.problems = [_rehomed(p, root, bundle.shown) for p in problems]
        if result.ok and out_dir.is_dir():
            _collect(result, out_dir)
    return result


def _collect(result: JobResult, out_dir: Path) -> None:
    from dossierkit.cache import CACHE_NAME

    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        name = path.relative_to(out_dir).as_posix()
        if name == CACHE_NAME:
            result.cache_record = path.read_bytes()
        else:
            result.outputs[name] = ("", path.read_bytes())


def build_job(bundle: Bundle, options: BuildOptions) -> JobResult:
    """Build the bundled dossier as `dossier build` would, into bytes."""
    formats: dict[str, str] = {}

    def work(root: Path, out_dir: Path, problems: list[Problem]) -> None:
        from dossierkit.build import build

        built = build(root, replace(options, out_dir=out_dir, force=True), warn=problems.append)
        formats.update({b.path.relative_to(out_dir).as_posix(): b.format for b in built})

    result = run_in_copy(bundle, work)
    result.outputs = {name: (formats.get(name, ""), data) for name, (_, data) in result.outputs.items()
                      if name in formats}
    return result
