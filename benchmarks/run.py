"""The benchmark suite of issue 7: `dossier build` against bare WeasyPrint and Pandoc,
rebuilds, start-up, a large generated dossier and batch builds, in one run.

    .venv/bin/python benchmarks/run.py [--runs 5] [--quick] [--markdown]

Every figure is the median of RUNS fresh processes after one warm-up run, and is shown
with its ratio against a baseline measured in the same run. It only measures and
reports: nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOSSIER = str(BIN / "dossier")
WEASYPRINT = str(BIN / "weasyprint")
PROJECT_FILES = ("dossier.toml", "chapters", "styles")  # the default dossier, nothing else
GIB = 1024 ** 3


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
            process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=errors)
            # wait4's rusage covers the process and the children it waited for (the
            # forked PDF writer); ru_maxrss is in KiB on Linux.
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
            before: Callable[[], None] | None = None, env: dict | None = None) -> Row:
    """The median of `runs` timed runs after one untimed warm-up; `before` runs untimed
    ahead of every run (to edit a chapter, say)."""
    print(f"  {name} ...", end="", flush=True, file=sys.stderr)
    row = Row(name, runs=runs)
    peaks = []
    for index in range(runs + 1):
        if before is not None:
            before()
        seconds, peak = run_once(commands, cwd, env)
        if index:  # the first run is the warm-up
            row.samples.append(seconds)
            peaks.append(peak)
    row.seconds = statistics.median(row.samples)
    row.peak = max(peaks)
    print(f" {row.seconds:.2f} s", file=sys.stderr)
    return row


def compare(row: Row, baseline: Row | None, limit: float | None, *, absolute: float | None = None) -> Row:
    """Set the row's ratio against the baseline, and whether it meets its target: a
    ratio at most `limit`, or (with `absolute`) a time at most that many seconds."""
    if baseline is not None and baseline.seconds:
        row.ratio, row.baseline = row.seconds / baseline.seconds, baseline.short or baseline.name
    if absolute is not None:
        row.target, row.met = f"≤ {absolute:g} s", row.seconds <= absolute
    elif limit is not None and row.ratio is not None:
        row.target, row.met = f"≤ {limit:g}× {row.baseline}", row.ratio <= limit
    return row


def skipped(name: str, why: str) -> Row:
    print(f"  {name}: skipped: {why}", file=sys.stderr)
    return Row(name, note=f"skipped: {why}")


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


def export_for_pandoc(project: Path, target: Path) -> list[Path]:
    """The chapters as Pandoc reads them: Markdown after Jinja, each with its footnote
    definitions, rendered by dossierkit's own template code (as a build renders them)."""
    from dossierkit.render.book import render_chapter_template
    from dossierkit.render.citations import Citations
    from dossierkit.render.figures import TOKEN
    from dossierkit.render.templates import make_environment
    from dossierkit.source.loader import load_dossier

    dossier = load_dossier(project)
    env = make_environment(dossier.root)
    target.mkdir(parents=True)
    files = []
    for number, chapter in enumerate(dossier.chapters, 1):
        citations = Citations(dossier.data.sources)
        text = render_chapter_template(env, dossier, chapter.path, citations) + citations.definitions()
        # Pandoc reads all files as one document: note labels must differ between chapters.
        text = re.sub(r"\[\^([^\]]+)\]", rf"[^{chapter.slug}-\1]", text)
        # A generated figure's placeholder (dossierkit draws the SVG after Markdown).
        text = "\n".join(line for line in text.splitlines() if not line.startswith(TOKEN))
        path = target / f"{number:02d}-{chapter.slug}.md"
        path.write_text(text + "\n", "utf-8")
        files.append(path)
    return files


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{int(memory) / 1024 ** 2:.1f} GiB"
    except (OSError, StopIteration):
        ram = "unknown"
    from importlib.metadata import version

    pandoc = shutil.which("pandoc")
    pandoc_version = (subprocess.run([pandoc, "--version"], capture_output=True, text=True)
                      .stdout.splitlines()[0] if pandoc else "not installed")
    return {
        "date": dt.date.today().isoformat(), "cores": str(os.cpu_count()), "cpu": cpu,
        "ram": ram, "python": platform.python_version(), "weasyprint": version("weasyprint"),
        "ebooklib": version("ebooklib"), "pandoc": pandoc_version,
        "dossierkit": version("dossierkit"),
    }


# ---- The suite ---------------------------------------------------------------------------


def suite(work: Path, runs: int, quick: bool) -> list[Row]:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate

    rows: list[Row] = []
    default = copy_default_dossier(work / "default")
    build = [DOSSIER, "build", "--force", "--quiet"]

    print("default dossier", file=sys.stderr)
    subprocess.run([DOSSIER, "build", "--format", "html", "--quiet", "--out", str(work / "html")],
                   cwd=default, check=True)
    html = work / "html" / "salyut-7.html"
    bare = measure("bare weasyprint (print HTML → PDF)", [[WEASYPRINT, str(html), str(work / "bare.pdf")]],
                   work, runs)
    full = measure("dossier build --force (PDF + EPUB)", [build], default, runs)
    bare.short, full.short = "weasyprint", "full build"
    rows += [bare, compare(full, bare, 1.10)]

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        rows.append(skipped("pandoc (EPUB + PDF)", "pandoc is not installed (apt-get install pandoc)"))
    else:
        chapters = [str(p) for p in export_for_pandoc(default, work / "pandoc")]
        styles = default / "styles"
        common = [pandoc, "--from", "markdown", "--metadata", "title=Salyut-7", "--metadata", "lang=en"]
        epub = [*common, "--to", "epub3", "-o", str(work / "pandoc.epub"), "--css", str(styles / "epub.css"),
                *(f"--epub-embed-font={font}" for font in sorted((styles / "fonts").glob("*.ttf"))),
                *chapters]
        pdf = [*common, "--to", "html5", "--pdf-engine=weasyprint", "-o", str(work / "pandoc.pdf"),
               "--css", (styles / "print.css").as_uri(), *chapters]
        # Pandoc runs `weasyprint` from the PATH: the venv's, the same as dossierkit's.
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        both = measure("pandoc (EPUB + PDF)", [epub, pdf], work, runs, env=env)
        versus = Row("dossier build --force (PDF + EPUB)", full.seconds, full.runs)
        both.short = "pandoc"
        rows += [both, compare(versus, both, 1.0)]

    rows.append(compare(measure("dossier --help", [[DOSSIER, "--help"]], work, max(runs, 10)),
                        None, None, absolute=0.25))
    rows.append(measure("dossier build --help", [[DOSSIER, "build", "--help"]], work, max(runs, 10)))
    rows[-1].note = "no target; Typer's parameter coercion imports pydantic"

    unchanged = measure("rebuild, nothing changed", [[DOSSIER, "build", "--quiet"]], default, runs)
    rows.append(compare(unchanged, full, None, absolute=0.5))
    festival = default / "chapters" / "festival.md"
    edits = iter(range(10 ** 6))

    def edit_chapter() -> None:
        with festival.open("a", encoding="utf-8") as handle:
            handle.write(f"\nThe festival programme was revised once more (edit {next(edits)}).\n")

    edited = measure("rebuild after editing one chapter", [[DOSSIER, "build", "--quiet"]], default,
                     runs, before=edit_chapter)
    rows.append(compare(edited, full, 0.6))

    print("generated dossiers", file=sys.stderr)
    sizes = {"half": 0.5, "full": 1.0} if quick else {"half": 0.5, "full": 1.0, "double": 2.0}
    large: dict[str, Row] = {}
    for label, size in sizes.items():
        project = generate(work / f"generated-{label}", size)
        subprocess.run([DOSSIER, "build", "--force", "--quiet"], cwd=project, check=True)
        pages = _pdf_pages(project)
        large[label] = row = measure(f"generated dossier, {label} size ({pages} pages)", [build],
                                     project, runs)
        row.note, row.short = f"peak memory {row.peak / 2 ** 20:.0f} MiB", label
        rows.append(row)
    compare(large["full"], large["half"], 2.2)
    if "double" in large:
        compare(large["double"], large["full"], 2.2)
    limits = Row("generated dossier, full size: time and peak memory", large["full"].seconds,
                 runs, target="≤ 60 s and ≤ 1 GiB", peak=large["full"].peak)
    limits.met = limits.seconds <= 60 and limits.peak <= GIB
    limits.note = f"peak memory {limits.peak / 2 ** 20:.0f} MiB"
    rows.append(limits)

    print("batch", file=sys.stderr)
    copies = [copy_default_dossier(work / f"batch-{i}") for i in range(1, 5)]
    one_by_one = measure("4 dossiers one by one", [[*build, str(c)] for c in copies], work, runs)
    together = measure(f"dossier build d1 d2 d3 d4 ({os.cpu_count()} cores)", [[*build, *map(str, copies)]],
                       work, runs)
    one_by_one.short = "one by one"
    rows += [one_by_one, compare(together, one_by_one, None)]
    together.note = f"speed-up {one_by_one.seconds / together.seconds:.2f}×"
    return rows


def _pdf_pages(project: Path) -> int:
    """Pages of the PDF a build of the project wrote."""
    from pypdf import PdfReader

    return len(PdfReader(next((project / "build").glob("*.pdf"))).pages)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs per figure (default 5, 3 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs, and no double-size dossier")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), file=sys.stderr)
    if args.keep:
        args.keep.mkdir(parents=True)
        rows = suite(args.keep.resolve(), runs, args.quick)
    else:
        with tempfile.TemporaryDirectory(prefix="dossier-bench-") as work:
            rows = suite(Path(work), runs, args.quick)
    print()
    print("; ".join(f"{k}: {v}" for k, v in info.items()))
    print(text_table(rows))
    if args.markdown:
        print()
        print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
