"""How the benchmarks measure and report: fresh processes timed after a warm-up, medians,
ratios against a baseline of the same run, peak memory from wait4, and the tables."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOSSIER = str(BIN / "dossier")
WEASYPRINT = str(BIN / "weasyprint")
PROJECT_FILES = ("dossier.toml", "chapters", "styles")  # the default dossier, nothing else
GIB = 1024 ** 3
MIB = 1024 ** 2
# The processes run as a user's do: an installed package has its bytecode compiled (pip
# writes it, an editable install on its first run), so every run need not compile it again.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Row:
    name: str
    seconds: float | None = None  # median
    runs: int = 0
    ratio: float | None = None
    baseline: str = ""  # what the ratio is against
    target: str = ""
    met: bool | None = None
    peak: int | None = None  # bytes: the largest resident set of one process of the build
    note: str = ""
    short: str = ""  # how a ratio against this row names it
    samples: list[float] = field(default_factory=list)


def run_once(commands: list[list[str]], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Run the commands one after the other as fresh processes; their total wall time and
    the peak resident memory of any one of their processes (children included)."""
    elapsed, peak = 0.0, 0
    for command in commands:
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                                       stderr=errors)
            # wait4's rusage covers the process and the children it waited for (the
            # forked PDF writer, the layout workers); ru_maxrss is in KiB on Linux.
            _, status, usage = os.wait4(process.pid, 0)
            elapsed += time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): "
                                   f"{errors.read().decode(errors='replace')[-2000:]}")
        peak = max(peak, usage.ru_maxrss * 1024)
    return elapsed, peak


def measure(name: str, commands: list[list[str]], cwd: Path, runs: int, *,
            before: Callable[[], None] | None = None, after: Callable[[], None] | None = None,
            env: dict | None = None) -> Row:
    """The median of `runs` timed runs after one untimed warm-up; `before` and `after` run
    untimed around every run (to edit a chapter, say, and to count its pages)."""
    print(f"  {name} ...", end="", flush=True, file=sys.stderr)
    row = Row(name, runs=runs)
    peaks = []
    for index in range(runs + 1):
        if before is not None:
            before()
        seconds, peak = run_once(commands, cwd, env)
        if after is not None:
            after()
        if index:  # the first run is the warm-up
            row.samples.append(seconds)
            peaks.append(peak)
    row.seconds = statistics.median(row.samples)
    row.peak = max(peaks)
    print(f" {row.seconds:.2f} s", file=sys.stderr)
    return row


def compare(row: Row, baseline: Row | None, limit: float | None, *, absolute: float | None = None,
            peak: int | None = None) -> Row:
    """Set the row's ratio against the baseline, and whether it meets its target: a
    ratio at most `limit`, or (with `absolute`) a time at most that many seconds; with
    `peak`, also a peak resident memory at most that many bytes."""
    if baseline is not None and baseline.seconds:
        row.ratio, row.baseline = row.seconds / baseline.seconds, baseline.short or baseline.name
    if absolute is not None:
        row.target, row.met = f"≤ {absolute:g} s", row.seconds <= absolute
    elif limit is not None and row.ratio is not None:
        row.target, row.met = f"≤ {limit:g}× {row.baseline}", row.ratio <= limit
    if peak is not None and row.peak is not None:
        row.target = ", ".join(filter(None, [row.target, f"peak ≤ {peak / GIB:g} GiB"]))
        row.met = (row.met is not False) and row.peak <= peak
    return row


def skipped(name: str, why: str) -> Row:
    print(f"  {name}: skipped: {why}", file=sys.stderr)
    return Row(name, note=f"skipped: {why}")


def megabytes(row: Row) -> str:
    return f"peak memory {row.peak / MIB:.0f} MiB"


# ---- The inputs ------------------------------------------------------------------------


def copy_default_dossier(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def slug_of(project: Path) -> str:
    return tomllib.loads((project / "dossier.toml").read_text("utf-8"))["dossier"]["slug"]


def export_print_html(project: Path, out: Path) -> Path:
    """The print HTML a build lays out, with what it loads beside it, as bare WeasyPrint takes it."""
    subprocess.run([DOSSIER, "build", "--format", "html", "--quiet", "--out", str(out)],
                   cwd=project, env=ENV, check=True)
    return out / f"{slug_of(project)}.html"


def pdf_pages(project: Path) -> int:
    """Pages of the main PDF the last build of the project wrote (build/<slug>.pdf)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(project / "build" / f"{slug_of(project)}.pdf"))
    try:
        return len(document)
    finally:
        document.close()


def machine() -> dict[str, str]:
    cpu, ram = "unknown", "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{int(memory) / 1024 ** 2:.1f} GiB"
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version

    facts = {
        "date": dt.date.today().isoformat(), "cores": str(os.cpu_count()), "cpu": cpu,
        "ram": ram, "python": platform.python_version(), "weasyprint": version("weasyprint"),
        "ebooklib": version("ebooklib"), "dossierkit": version("dossierkit"),
    }
    if os.environ.get("DOSSIER_WORKERS"):
        facts["DOSSIER_WORKERS"] = os.environ["DOSSIER_WORKERS"]
    return facts


# ---- Reporting -------------------------------------------------------------------------


def _cells(row: Row) -> list[str]:
    seconds = f"{row.seconds:.2f}" if row.seconds is not None else "–"
    ratio = f"{row.ratio:.2f}× {row.baseline}" if row.ratio is not None else ""
    met = "" if row.met is None else "yes" if row.met else "NO"
    return [row.name, seconds, str(row.runs or ""), ratio, row.target, met, row.note]


HEADER = ["benchmark", "median s", "runs", "ratio", "target", "met?", "note"]


def text_table(rows: list[Row]) -> str:
    table = [HEADER, *map(_cells, rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
                     for line in table)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in _cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def report(rows: list[Row], facts: dict[str, str], markdown: bool) -> None:
    print()
    print("; ".join(f"{k}: {v}" for k, v in facts.items()))
    print(text_table(rows))
    if markdown:
        print()
        print(markdown_table(rows))
