"""Laying parts out in worker processes, one per core: forked from this process, so each
starts with WeasyPrint imported, the book rendered and the fonts' configuration loaded,
and sends back only bytes and page maps (laid-out pages cannot be pickled)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator

from dossierkit.errors import DossierError
from dossierkit.forked import _die_with_parent
from dossierkit.layout.parts import LaidPart, PartJob
from dossierkit.layout.weasy import warm_up

# The work of the pool being started: set before the fork, read by the forked workers (the
# book and the writer are not picklable; the job's index is all that travels).
_WORK: tuple[Callable[[PartJob], LaidPart], list[PartJob]] | None = None


def default_workers() -> int:
    """DOSSIER_WORKERS, else one per core this process may use."""
    wanted = os.environ.get("DOSSIER_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _start_worker() -> None:
    _die_with_parent()
    # Ctrl-C is the parent's to report (in one line); it ends the pool, and so the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int):
    run, jobs = _WORK
    try:
        return index, "ok", run(jobs[index])
    except DossierError as error:
        return index, "error", error.problems
    except Exception as error:  # noqa: BLE001 — reported by the parent
        return index, "crash", f"{type(error).__name__}: {error}"


def lay_out_jobs(run: Callable[[PartJob], LaidPart], jobs: list[PartJob], workers: int,
                 languages: tuple[str, ...] = ()) -> Iterator[LaidPart]:
    """Each job's result, in the order they finish; the first failure is raised.
    `languages`: whose hyphenation the workers should start with."""
    global _WORK
    # A daemonic process (a pool's worker, as in a batch build) may not start processes.
    if workers <= 1 or len(jobs) <= 1 or not hasattr(os, "fork") or multiprocessing.current_process().daemon:
        for job in jobs:
            yield run(job)
        return
    _WORK = (run, jobs)
    warm_up(languages)  # loaded once here, not once in each worker
    # The biggest parts first, so that no worker is left with a long one at the end.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(min(workers, len(jobs)), initializer=_start_worker) as pool:
            for index, kind, value in pool.imap_unordered(_run, order):
                if kind == "error":
                    raise DossierError(*value)
                if kind == "crash":
                    raise RuntimeError(f"a layout worker failed on {jobs[index].name}: {value}")
                yield value
    finally:
        _WORK = None
