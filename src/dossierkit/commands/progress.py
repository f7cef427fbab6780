"""Showing a build's stages: a live display on a terminal, plain lines in CI, nothing when quiet."""

from __future__ import annotations

import sys
import time
from typing import TextIO

# A stage a writer starts from inside its own (the PDF writer lays the book out):
# it runs within the current stage rather than ending it.
NESTED = {"layout"}


class PlainProgress:
    """One line per stage with the time since the build started, for logs and CI."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()

    def __call__(self, stage: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:5.1f}s] {stage}", file=self.stream, flush=True)

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self("done")


class QuietProgress(PlainProgress):
    def __call__(self, stage: str) -> None:
        pass


class RichProgress:
    """A spinner and bar per stage; a stage is done when the next one at its level starts."""

    def __init__(self, stream: TextIO | None = None):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description:<8}"),
            BarColumn(bar_width=24), TimeElapsedColumn(),
            console=Console(file=stream or sys.stderr), transient=False)
        self.active: list[tuple[str, int]] = []

    def __call__(self, stage: str) -> None:
        if stage not in NESTED:
            self._finish_all()
        task = self.progress.add_task(stage, total=1)
        self.active.append((stage, task))

    def _finish_all(self) -> None:
        for _, task in self.active:
            self.progress.update(task, completed=1)
            self.progress.stop_task(task)
        self.active.clear()

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self._finish_all()
        self.progress.stop()


def make_progress(quiet: bool = False, stream: TextIO | None = None):
    """The display that suits where the output goes."""
    stream = stream or sys.stderr
    if quiet:
        return QuietProgress(stream)
    if stream.isatty():
        return RichProgress(stream)
    return PlainProgress(stream)
