"""The benchmark suite of issue 13: `dossier build` against bare WeasyPrint on the same
print HTML, rebuilds after edits, start-up, one and two workers, and the 300- and
600-page generated dossiers, in one run.

    .venv/bin/python benchmarks/run.py [--runs 5] [--quick] [--only default|workers|large]
                                       [--markdown]

Every figure is the median of RUNS fresh processes after one warm-up run, and is shown
with its ratio against a baseline measured in the same run, in a copy of the dossier in
a temporary folder. It only measures and reports: nothing here fails on a slow figure.
(benchmarks/peers.py has issue 7's comparisons with Pandoc and of batch builds.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edits import Edit, added_page, edited_runs, typo  # noqa: E402
from generate import generate  # noqa: E402
from measure import (  # noqa: E402
    DOSSIER,
    GIB,
    WEASYPRINT,
    Row,
    compare,
    copy_default_dossier,
    export_print_html,
    machine,
    measure,
    megabytes,
    pdf_pages,
    report,
    run_once,
    skipped,
)

__all__ = ["DOSSIER", "copy_default_dossier", "machine", "run_once"]  # what catalogue.py uses

BUILD = [DOSSIER, "build", "--force", "--quiet"]
REBUILD = [DOSSIER, "build", "--quiet"]
TYPO_CHAPTER = "festival"  # a chapter in the middle of the book
# Generated dossiers by the pages they come to, and the size that makes them.
LARGE = {300: 1.0, 600: 2.0}
GROUPS = ("default", "workers", "large")


def default_rows(work: Path, runs: int) -> list[Row]:
    """The default dossier: a full build against bare WeasyPrint, rebuilds, start-up."""
    project = copy_default_dossier(work / "default")
    html = export_print_html(project, work / "html")
    bare = measure("bare weasyprint (print HTML → PDF)", [[WEASYPRINT, str(html), str(work / "bare.pdf")]],
                   work, runs)
    full = measure("dossier build --force (PDF + EPUB)", [BUILD], project, runs)
    bare.short, full.short = "weasyprint", "full build"
    rows = [bare, compare(full, bare, 0.6)]
    unchanged = measure("rebuild, nothing changed (dossier build)", [REBUILD], project, runs)
    rows.append(compare(unchanged, None, None, absolute=0.3))
    second = tomllib.loads((project / "dossier.toml").read_text("utf-8"))["dossier"]["chapters"][1]
    rows.append(edit_row(f"rebuild after a typo in {TYPO_CHAPTER} (pages unchanged)",
                         Edit(project / "chapters" / f"{TYPO_CHAPTER}.md", typo), project, runs,
                         grows=False, full=full, limit=0.3))
    rows.append(edit_row(f"rebuild after adding a page to chapter 2 ({second})",
                         Edit(project / "chapters" / f"{second}.md", added_page), project, runs,
                         grows=True, full=full, limit=0.7))
    start = compare(measure("dossier --help", [[DOSSIER, "--help"]], work, max(runs, 10)),
                    None, None, absolute=0.25)
    start.note = "issue 7's target (issue 13 sets none)"
    return [*rows, start]


def edit_row(name: str, edit: Edit, project: Path, runs: int, *, grows: bool, full: Row,
             limit: float) -> Row:
    """A rebuild after `edit` (a new one each run, from the chapter as it was, built),
    with a note of the page counts the edited builds came to."""
    pages, seen = pdf_pages(project), []

    def rebuild() -> None:
        run_once([REBUILD], project)

    try:
        row = measure(name, [REBUILD], project, runs, before=edited_runs(edit, rebuild),
                      after=lambda: seen.append(pdf_pages(project)))
    finally:
        edit.restore()
    rebuild()  # as it was, built, for the rows after
    counts = "/".join(str(n) for n in sorted(set(seen)))
    intended = all(n > pages for n in seen) if grows else set(seen) == {pages}
    row.note = f"{pages} → {counts} pages" + ("" if intended else " (NOT the edit intended)")
    return compare(row, full, limit)


def worker_rows(work: Path, runs: int) -> list[Row]:
    """The default dossier laid out by one worker process and by two."""
    name = "dossier build --force --workers"
    usage = subprocess.run([DOSSIER, "build", "--help"], capture_output=True, text=True, check=True).stdout
    if "--workers" not in usage:
        return [skipped(f"{name} 2 / {name} 1", "dossier build has no --workers option yet")]
    project = copy_default_dossier(work / "workers")
    one = measure(f"{name} 1", [[*BUILD, "--workers", "1"]], project, runs)
    two = measure(f"{name} 2", [[*BUILD, "--workers", "2"]], project, runs)
    one.short = "1 worker"
    compare(two, one, None).note = f"speed-up {one.seconds / two.seconds:.2f}× from 1 to 2 workers"
    return [one, two]


def large_rows(work: Path, runs: int, sizes: dict[int, float]) -> list[Row]:
    """Generated dossiers against bare WeasyPrint on their own print HTML, with peak memory,
    and how the time grows from 300 to 600 pages."""
    rows, builds = [], {}
    for nominal, size in sizes.items():
        project = generate(work / f"generated-{nominal}", size)
        html = export_print_html(project, work / f"html-{nominal}")
        bare = measure(f"bare weasyprint, generated dossier (size {size:g})",
                       [[WEASYPRINT, str(html), str(work / f"bare-{nominal}.pdf")]], work, runs)
        build = measure(f"dossier build --force, generated dossier (size {size:g})", [BUILD], project, runs)
        pages = pdf_pages(project)
        bare.name += f", {pages} pages"
        build.name += f", {pages} pages"
        bare.short, build.short = "weasyprint", f"{nominal}-page build"
        bare.note = megabytes(bare)
        compare(build, bare, 0.6, peak=GIB).note = megabytes(build)
        rows += [bare, build]
        builds[nominal] = build
    if {300, 600} <= builds.keys():
        growth = Row("600-page / 300-page build time", builds[600].seconds, runs)
        rows.append(compare(growth, builds[300], 2.1))
    return rows


def suite(work: Path, runs: int, groups: list[str], sizes: dict[int, float]) -> list[Row]:
    rows: list[Row] = []
    if "default" in groups:
        print("default dossier", file=sys.stderr)
        rows += default_rows(work, runs)
    if "workers" in groups:
        print("workers", file=sys.stderr)
        rows += worker_rows(work, runs)
    if "large" in groups:
        print("generated dossiers", file=sys.stderr)
        rows += large_rows(work, runs, sizes)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs per figure (default 5, 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="3 runs, and no 600-page dossier")
    parser.add_argument("--only", action="append", choices=GROUPS,
                        help="run only this group of figures (repeat for several)")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    sizes = {300: LARGE[300]} if args.quick else LARGE
    groups = args.only or list(GROUPS)
    facts = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in facts.items()), file=sys.stderr)
    if args.keep:
        args.keep.mkdir(parents=True)
        rows = suite(args.keep.resolve(), runs, groups, sizes)
    else:
        with tempfile.TemporaryDirectory(prefix="dossier-bench-") as work:
            rows = suite(Path(work), runs, groups, sizes)
    report(rows, facts, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
