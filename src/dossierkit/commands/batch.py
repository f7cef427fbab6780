"""Building several dossiers at once, one process per core: layout is CPU-bound Python,
so threads would take turns on one core."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import DossierError, Problem
from dossierkit.options import BuildOptions, Built


@dataclass
class Outcome:
    """What became of one dossier of a batch: its outputs, or the lines of its errors."""

    project: Path
    built: list[Built] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # its warnings, and errors if it failed

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def build_one(project: Path, options: BuildOptions) -> Outcome:
    """Build one dossier and report, never raise: run in a worker process, whose
    exceptions would otherwise cross the process boundary as tracebacks."""
    from dossierkit.build import build

    outcome = Outcome(project)
    try:
        outcome.built = build(project, options, warn=outcome.problems.append)
    except DossierError as error:
        # Its problems include the warnings met before it stopped.
        outcome.problems = [p for p in outcome.problems if p not in error.problems] + error.problems
    except Exception as exc:  # noqa: BLE001 — one dossier's bug must not stop the others
        outcome.problems.append(_internal(f"{type(exc).__name__}: {exc}"))
    return outcome


def _internal(message: str) -> Problem:
    return Problem("internal error", message,
                   hint="rerun this dossier alone with --debug and report the traceback", code="B607")


def build_many(projects: list[Path], options: BuildOptions, *, workers: int | None = None,
               done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Build every project, as many at a time as there are cores; `done` hears of each
    as it finishes. The outcomes come back in the order of `projects`."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(projects)))
    outcomes: dict[int, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(build_one, project, options): index
                   for index, project in enumerate(projects)}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 — the worker died (killed, out of memory)
                project = projects[futures[future]]
                outcome = Outcome(project, problems=[_internal(f"the build process died: {exc}")])
            outcomes[futures[future]] = outcome
            done(outcome)
    return [outcomes[index] for index in range(len(projects))]
