"""Building several dossiers at once: each dossier is a job that carries its files to a
worker (a local process or a Dask worker) and brings its outputs back as bytes, placed
here atomically."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import DossierError, Problem, shown
from dossierkit.jobs import JobResult, build_job, internal, pack
from dossierkit.options import DEFAULT_OUT_DIR, BuildOptions, Built


@dataclass
class Outcome:
    """What became of one dossier of a batch: its outputs, or the lines of its errors."""

    project: Path
    built: list[Built] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # its warnings, and errors if it failed

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def build_many(projects: list[Path], options: BuildOptions, *, workers: int | None = None,
               cluster: str | None = None,
               done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Build every project, as many at a time as there are workers; `done` hears of each
    as it finishes. The outcomes come back in the order of `projects`."""
    from dossierkit.cache import reuse
    from dossierkit.commands.executor import executor

    outcomes: dict[int, Outcome] = {}
    pending: list[int] = []
    for index, project in enumerate(projects):
        warnings: list[Problem] = []
        reused = reuse(project, options, warnings.append)  # asked here: nothing to send
        if reused is None:
            pending.append(index)
        else:
            outcomes[index] = Outcome(project, reused, warnings)
            done(outcomes[index])
    if pending:
        workers = max(1, min(workers or os.cpu_count() or 1, len(pending)))
        with executor(workers, cluster) as pool:
            futures = {pool.submit(build_job, pack(projects[i], shown(projects[i]),
                                                   skip=_out_dir(projects[i], options)), options): i
                       for i in pending}
            for future in as_completed(futures):
                index = futures[future]
                outcomes[index] = _placed(projects[index], options, _result(future, projects[index]))
                done(outcomes[index])
    return [outcomes[index] for index in range(len(projects))]


def _result(future, project: Path) -> JobResult:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 — the worker died (killed, out of memory, lost)
        return JobResult(shown(project), problems=[internal(f"the build process died: {exc}")])


def _out_dir(project: Path, options: BuildOptions) -> Path:
    from dossierkit.cache import out_dir_of

    return out_dir_of(project, options) or Path(project).resolve() / DEFAULT_OUT_DIR


def _placed(project: Path, options: BuildOptions, result: JobResult) -> Outcome:
    """Place a job's outputs in the dossier's output folder as one set, as a build in
    this process would: all of them or none, under the folder's lock."""
    from dossierkit.build import replaceable
    from dossierkit.cache import CACHE_NAME
    from dossierkit.transaction import OutFolder

    outcome = Outcome(project, problems=list(result.problems))
    if not result.ok:
        return outcome
    target = _out_dir(project, options)
    files = {name: data for name, (_format, data) in result.outputs.items()}
    if result.cache_record is not None:
        files[CACHE_NAME] = result.cache_record
    try:
        with OutFolder(target, shown(target), outcome.problems.append) as folder:
            folder.place(files, replaceable(target, options.out_dir is None,
                                            _sources(project, result.cache_record)))
    except DossierError as error:
        outcome.problems += error.problems
        return outcome
    outcome.built += [Built(format, target / name, len(data))
                      for name, (format, data) in result.outputs.items()]
    return outcome


def _sources(project: Path, cache_record: bytes | None) -> set[Path]:
    """The files the job's build read, as its cache record names them."""
    import json

    root = Path(project).resolve()
    try:
        records = json.loads(cache_record or b"{}").get("records", {})
        return {root / name for record in records.values() for name in record.get("inputs", {})}
    except (ValueError, AttributeError, TypeError):
        return set()
