"""Issue 7's comparisons beside the main suite: `dossier build` against Pandoc making the
same two formats, and four dossiers built one by one against one `dossier build` of all.

    .venv/bin/python benchmarks/peers.py [--runs 5] [--markdown]

Medians of RUNS fresh processes after a warm-up, like run.py; it only measures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import (  # noqa: E402
    BIN,
    DOSSIER,
    ENV,
    Row,
    compare,
    copy_default_dossier,
    machine,
    measure,
    report,
    skipped,
)

BUILD = [DOSSIER, "build", "--force", "--quiet"]


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
        text = render_chapter_template(env, dossier, chapter.path, citations)
        text = _pandoc_notes(text, citations.definitions())
        # Pandoc reads all files as one document: note labels must differ between chapters.
        text = re.sub(r"\[\^([^\]]+)\]", rf"[^{chapter.slug}-\1]", text)
        # A generated figure's placeholder (dossierkit draws the SVG after Markdown).
        text = "\n".join(line for line in text.splitlines() if not line.startswith(TOKEN))
        path = target / f"{number:02d}-{chapter.slug}.md"
        path.write_text(text + "\n", "utf-8")
        files.append(path)
    return files


def _pandoc_notes(text: str, definitions: str) -> str:
    """dossierkit's note calls and notes (HTML) as Pandoc footnotes: `[^note-1]` and its
    definition, the note's text without its markup."""
    text = re.sub(r'<a class="noteref-\w+" href="#[^"]*?-note-(\d+)" id="[^"]*">[^<]*</a>',
                  r"[^note-\1]", text)
    notes = re.findall(r'<li class="note-\w+" id="[^"]*?-note-(\d+)"><p>(.*?)</p></li>', definitions)
    return text + "".join(f"\n[^note-{n}]: {re.sub(r'<[^>]+>', '', body)}\n" for n, body in notes)


def pandoc_rows(work: Path, default: Path, full: Row, runs: int) -> list[Row]:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return [skipped("pandoc (EPUB + PDF)", "pandoc is not installed (apt-get install pandoc)")]
    chapters = [str(p) for p in export_for_pandoc(default, work / "pandoc")]
    styles = default / "styles"
    common = [pandoc, "--from", "markdown", "--metadata", "title=Salyut-7", "--metadata", "lang=en"]
    epub = [*common, "--to", "epub3", "-o", str(work / "pandoc.epub"), "--css", str(styles / "epub.css"),
            *(f"--epub-embed-font={font}" for font in sorted((styles / "fonts").glob("*.ttf"))),
            *chapters]
    pdf = [*common, "--to", "html5", "--pdf-engine=weasyprint", "-o", str(work / "pandoc.pdf"),
           "--css", (styles / "print.css").as_uri(), *chapters]
    # Pandoc runs `weasyprint` from the PATH: the venv's, the same as dossierkit's.
    env = {**ENV, "PATH": f"{BIN}{os.pathsep}{ENV.get('PATH', '')}"}
    both = measure("pandoc (EPUB + PDF)", [epub, pdf], work, runs, env=env)
    both.short = "pandoc"
    return [both, compare(full, both, 1.0)]


def batch_rows(work: Path, runs: int) -> list[Row]:
    copies = [copy_default_dossier(work / f"batch-{i}") for i in range(1, 5)]
    one_by_one = measure("4 dossiers one by one", [[*BUILD, str(c)] for c in copies], work, runs)
    together = measure(f"dossier build d1 d2 d3 d4 ({os.cpu_count()} cores)", [[*BUILD, *map(str, copies)]],
                       work, runs)
    one_by_one.short = "one by one"
    compare(together, one_by_one, None).note = f"speed-up {one_by_one.seconds / together.seconds:.2f}×"
    return [one_by_one, together]


def suite(work: Path, runs: int) -> list[Row]:
    default = copy_default_dossier(work / "default")
    full = measure("dossier build --force (PDF + EPUB)", [BUILD], default, runs)
    return [*pandoc_rows(work, default, full, runs), *batch_rows(work, runs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    facts = machine()
    pandoc = shutil.which("pandoc")
    facts["pandoc"] = (subprocess.run([pandoc, "--version"], capture_output=True, text=True)
                       .stdout.splitlines()[0] if pandoc else "not installed")
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as work:
        rows = suite(Path(work), args.runs)
    report(rows, facts, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
