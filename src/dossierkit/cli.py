"""The `dossier` command line: a thin layer that parses options and reports problems."""

from __future__ import annotations

import sys
import traceback
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dossierkit import __version__

app = typer.Typer(
    name="dossier",
    help="Publish dossiers and press kits to print-styled PDF and EPUB 3 from one source.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich's formatting took `dossier --help` from 0.10 s to 0.20 s (importing
    # and laying out Rich), for boxes round the same text.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


class Format(str, Enum):
    pdf = "pdf"
    epub = "epub"
    html = "html"  # only on request: the print HTML with its files, for bare WeasyPrint
    all = "all"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


class Variant(str, Enum):
    screen = "screen"
    press = "press"
    archive = "archive"


ProjectDir = Annotated[Path, typer.Argument(
    help="The dossier project folder (the one with dossier.toml).", show_default="current folder")]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]
Strict = Annotated[bool, typer.Option(
    "--strict", help="Treat warnings (unknown keys, unknown data files) as errors.")]


Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
FormatChoice = Annotated[Format, typer.Option(
    "--format", "-f", help="Which output to build: all is PDF and EPUB; html is the print HTML "
    "with its stylesheets, fonts and images, as bare WeasyPrint would take it.")]
Force = Annotated[bool, typer.Option("--force", help="Rebuild everything, ignoring the build cache.")]
OutDir = Annotated[Optional[Path], typer.Option(
    "--out", "-o", help="Output folder.", show_default="PROJECT_DIR/build")]


def _warn(problem) -> None:
    typer.echo(f"warning: {problem}", err=True)


def _ignore(problem) -> None:
    """Where --quiet asks for nothing but errors, warnings go unprinted."""


def _echo_problems(error) -> None:
    """Print a DossierError's problems, one line each; `watch` reports through this too."""
    for problem in error.problems:
        typer.echo(f"{problem.severity}: {problem}", err=True)


@contextmanager
def _reporting(debug: bool):
    """Turn the project's errors into one line each and exit status 1."""
    from dossierkit.errors import DossierError

    debug = debug or _state["debug"]
    try:
        yield
    except DossierError as error:
        if debug:
            traceback.print_exc()
        _echo_problems(error)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing was changed", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 — a bug of ours must still end in one line
        if debug:
            traceback.print_exc()
        typer.echo(f"error: internal error: {type(exc).__name__}: {exc} "
                   "(rerun with --debug and report the traceback)", err=True)
        raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
    debug: Debug = False,
) -> None:
    _state["debug"] = debug


def _build_options(format: Format, out: Path | None, paper: Paper | None,
                   variant: list[Variant] | None):
    from dossierkit.options import BuildOptions

    return BuildOptions(
        formats=None if format is Format.all else (format.value,),
        variants=tuple(v.value for v in variant) if variant else None,
        paper=paper.value if paper else None,
        out_dir=out)


@app.command()
def build(
    project_dirs: Annotated[Optional[list[Path]], typer.Argument(
        metavar="PROJECT_DIR",
        help="The dossier project folder (the one with dossier.toml); several are built "
        "in parallel, one per core.", show_default="current folder")] = None,
    format: FormatChoice = Format.all,
    out: OutDir = None,
    paper: Annotated[Optional[Paper], typer.Option(
        "--paper", help="Paper size of the PDF.", show_default="the manifest's")] = None,
    variant: Annotated[Optional[list[Variant]], typer.Option(
        "--variant", help="PDF variant: screen (tagged, PDF/UA), press (bleed and crop marks) "
        "or archive (PDF/A-3b). Repeat to build several.", show_default="the manifest's")] = None,
    force: Force = False,
    quiet: Quiet = False,
    strict: Strict = False,
    debug: Debug = False,
) -> None:
    """Build the dossier's PDF and EPUB.

    Examples:

      dossier build                 # PDF and EPUB of this dossier, into build/

      dossier build path/to/dossier --format epub

      dossier build --out /tmp/press-kit

      dossier build --format pdf --variant press --paper letter

      dossier build --format html   # build/<slug>.html, for bare WeasyPrint

      dossier build kit-a kit-b kit-c   # several dossiers, one per core

      dossier build --force         # rebuild all, ignoring the build cache

      dossier build --quiet         # errors only, for scripts

    Shows each stage as it runs (live on a terminal, plain lines otherwise).

    Ends with a table of the outputs: path, size and pages.
    """
    projects = list(dict.fromkeys(project_dirs or [Path(".")]))
    with _reporting(debug):
        from dossierkit.commands.outputs import outputs_table, print_table

        options = replace(_build_options(format, out, paper, variant), strict=strict, force=force)
        if len(projects) > 1:
            failed = _build_batch(projects, options, quiet)
        else:
            from dossierkit.cache import reuse

            # Asked first, before the pipeline (and WeasyPrint, pydantic…) is imported.
            results = reuse(projects[0], options, warn=_ignore if quiet else _warn)
            if results is None:
                from dossierkit.build import build as run_build
                from dossierkit.commands.progress import make_progress

                with make_progress(quiet) as progress:
                    results = run_build(projects[0], options, progress,
                                        warn=_ignore if quiet else _warn)
            if not quiet:
                print_table(outputs_table([b.path for b in results]), rich=sys.stdout.isatty())
            failed = False
    # Outside the reporting block, which would take the exit for an internal error.
    if failed:
        raise typer.Exit(1)


def _build_batch(projects: list[Path], options, quiet: bool) -> bool:
    """Build several dossiers at once; report each one's outputs or problems, prefixed by
    the dossier. True if any failed."""
    from dossierkit.commands.batch import build_many
    from dossierkit.commands.outputs import outputs_table, print_table, shown
    from dossierkit.errors import fail

    if options.out_dir is not None:
        raise fail("--out", "cannot be used with several dossiers",
                   hint="leave it out: each dossier builds into its own out_dir")

    def done(outcome) -> None:
        name = shown(outcome.project)
        for problem in outcome.problems:
            if problem.is_error or not quiet:
                typer.echo(f"{problem.severity}: {name}: {problem}", err=True)
        if not quiet:
            typer.echo(f"{'built' if outcome.ok else 'failed'}: {name}", err=True)

    outcomes = build_many(projects, options, done=done)
    built = [b.path for outcome in outcomes for b in outcome.built]
    if built and not quiet:
        print_table(outputs_table(built), rich=sys.stdout.isatty())
    return not all(outcome.ok for outcome in outcomes)


@app.command()
def check(project_dir: ProjectDir = Path("."), strict: Strict = False,
          debug: Debug = False) -> None:
    """Load, validate and render the dossier in memory; write nothing.

    Examples:

      dossier check

      dossier check path/to/dossier

      dossier check --strict             # unknown keys fail too, for CI
    """
    with _reporting(debug):
        from dossierkit.build import load_and_render

        book = load_and_render(project_dir, strict=strict, warn=_warn)
        typer.echo(f"ok: {book.manifest.title}: {len(book.chapters)} chapters")


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="Folder to create (it must not exist, or be empty).")],
    title: Annotated[str, typer.Option("--title", "-t", help="The dossier's title, usually the film's.")],
    debug: Debug = False,
) -> None:
    """Start a new dossier: manifest, five example chapters, data, styles and fonts.

    The example builds at once and passes EPUBCheck; replace its example data and text.

    The slug, which names the outputs, is made from the title.

    Examples:

      dossier new my-film --title "My Film"

      dossier new ~/press/salyut-7 --title "Salyut-7" && cd ~/press/salyut-7 && dossier build
    """
    with _reporting(debug):
        from dossierkit.commands.outputs import shown
        from dossierkit.scaffold import create

        files = create(path, title)
        typer.echo(f"created {shown(path)} ({len(files)} files)")
        typer.echo(f"next: cd {shown(path)} && dossier build")


@app.command()
def watch(
    project_dir: ProjectDir = Path("."),
    format: FormatChoice = Format.all,
    out: OutDir = None,
    serve: Annotated[bool, typer.Option(
        "--serve", help="Also serve a live HTML preview on 127.0.0.1 that reloads after each build.")] = False,
    port: Annotated[int, typer.Option("--port", help="Port of the preview (0: any free port).")] = 8000,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Build, then rebuild whenever a source changes; stop with Ctrl-C.

    A change to the EPUB's stylesheet rebuilds only the EPUB; others rebuild everything.

    A mistake is shown and watching goes on.

    Examples:

      dossier watch

      dossier watch path/to/dossier --serve            # preview at http://127.0.0.1:8000/

      dossier watch --format pdf --serve --port 8765
    """
    with _reporting(debug):
        from dossierkit.commands.outputs import outputs_table, print_table, shown
        from dossierkit.commands.progress import make_progress
        from dossierkit.commands.watch import WatchEvents, Watcher

        def built(results) -> None:
            if not quiet:
                print_table(outputs_table([b.path for b in results]), rich=sys.stdout.isatty())

        def changed(paths: list[str]) -> None:
            if not quiet:
                typer.echo(f"changed: {', '.join(paths)}", err=True)

        events = WatchEvents(progress=lambda: make_progress(quiet), built=built,
                             failed=_echo_problems, changed=changed,
                             warn=_ignore if quiet else _warn)
        preview = None
        if serve:
            from dossierkit.commands.preview import Preview

            try:
                preview = Preview(project_dir.resolve(), port=port)
            except OSError as exc:
                from dossierkit.errors import fail

                raise fail(f"127.0.0.1:{port}", f"cannot serve the preview: {exc.strerror}",
                           hint="choose another port with --port") from None
            preview.start()
            typer.echo(f"preview: {preview.url}", err=True)
        try:
            if not quiet:
                typer.echo(f"watching {shown(project_dir)} (Ctrl-C to stop)", err=True)
            Watcher(project_dir, _build_options(format, out, None, None), events, preview).run()
        finally:
            if preview is not None:
                preview.stop()


@app.command()
def proof(
    project_dir: ProjectDir = Path("."),
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The PNG to write.", show_default="PROJECT_DIR/build/<slug>-proof.png")] = None,
    pdf: Annotated[Optional[Path], typer.Option(
        "--pdf", help="Proof this PDF instead of laying the dossier out afresh.")] = None,
    columns: Annotated[int, typer.Option("--columns", min=1, max=20, help="Pages per row.")] = 6,
    width: Annotated[int, typer.Option("--width", min=40, max=1200, help="Width of each page in pixels.")] = 180,
    pages: Annotated[Optional[str], typer.Option(
        "--pages", help="Which pages, as FIRST-LAST (e.g. 1-12).", show_default="all")] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Render the PDF's pages to one PNG contact sheet, for review or a README.

    Examples:

      dossier proof                                   # build/<slug>-proof.png

      dossier proof --out docs/pages.png --pages 1-12 --columns 6

      dossier proof --pdf build/salyut-7-press.pdf --width 120
    """
    with _reporting(debug):
        from dossierkit.commands.outputs import shown
        from dossierkit.commands.proof import contact_sheet, proof_pdf
        from dossierkit.errors import fail
        from dossierkit.output import write_atomically

        first, last = 1, None
        if pages:
            head, _, tail = pages.partition("-")
            if not head.isdigit() or (tail and not tail.isdigit()):
                raise fail("--pages", f"'{pages}' is not a page range", hint="write it like 1-12")
            first, last = int(head), int(tail) if tail else int(head)
        if pdf is not None:
            if not pdf.is_file():
                raise fail(shown(pdf), "no such PDF", hint="check the path, or leave out --pdf")
            data, target = pdf.read_bytes(), out or pdf.with_name(f"{pdf.stem}-proof.png")
        else:
            from dossierkit.commands.progress import make_progress

            with make_progress(quiet) as progress:
                data, slug, out_dir = proof_pdf(project_dir, progress=progress,
                                                warn=_ignore if quiet else _warn)
            target = out or out_dir / f"{slug}-proof.png"
        try:
            png = contact_sheet(data, columns=columns, width=width, first=first, last=last)
        except ValueError as exc:
            raise fail(shown(pdf) if pdf else "--pages", str(exc), hint="choose pages the PDF has") from None
        except Exception as exc:  # noqa: BLE001 — PDFium's errors name no type worth catching
            raise fail(shown(pdf) if pdf else "the PDF", f"cannot render it: {exc}",
                       hint="check that it is a PDF") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, png, shown(target))
        if not quiet:
            typer.echo(f"wrote {shown(target)} ({len(png):,} bytes)")


@app.command()
def verify(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="PDF and EPUB files to check.", show_default="the outputs of the dossier here")] = None,
    project_dir: Annotated[Path, typer.Option(
        "--project", "-p", help="Check this dossier's outputs when no files are given.")] = Path("."),
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    only: Annotated[Optional[list[str]], typer.Option(
        "--only", help="Run only this check (repeat for several): pdf-structure, fonts, pdf-ua, "
        "epubcheck, ace, page-list, text.")] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check the outputs: EPUBCheck, Ace, PDF/UA, PDF structure, fonts, page-list and text.

    A PDF and an EPUB of the same name are checked against each other too.

    Exits with status 1 if any check finds an error. Ace runs when DAISY Ace is installed.

    Examples:

      dossier build && dossier verify

      dossier verify build/salyut-7.pdf build/salyut-7.epub

      dossier verify --json > report.json

      dossier verify --only epubcheck --only fonts
    """
    with _reporting(debug):
        import json

        from dossierkit.errors import fail
        from dossierkit.verify import CHECKS
        from dossierkit.verify import verify as run_verify

        unknown = [name for name in only or [] if name not in CHECKS]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], list(CHECKS), n=1)
            raise fail("--only", f"unknown check '{unknown[0]}'",
                       hint=f"did you mean '{close[0]}'?" if close else "one of " + ", ".join(CHECKS))
        paths = list(files) if files else _default_outputs(project_dir)
        for path in paths:
            if not path.is_file():
                raise fail(str(path), "no such file", hint="build the dossier first with dossier build")
            if path.suffix not in (".pdf", ".epub"):
                raise fail(str(path), "not a PDF or EPUB", hint="give .pdf and .epub files")

        def show(result) -> None:
            if json_output:
                return
            status = "skip" if result.skipped else "FAIL" if result.errors else "ok"
            if not quiet or result.errors:
                typer.echo(f"{status:<4}  {result.check:<13} {result.file}: {result.summary}")
            for finding in result.findings:
                if finding.severity == "error" or not quiet:
                    typer.echo(f"      {finding.severity}: {finding.message}")

        report = run_verify(paths, only=only, on_result=show)
        if json_output:
            typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        elif not quiet or not report.ok:
            verdict = "ok" if report.ok else "failed"
            typer.echo(f"verify {verdict}: {report.errors} errors, {report.warnings} warnings "
                       f"in {len(paths)} file{'s' if len(paths) != 1 else ''}")
    # Outside the reporting block, which would take the exit for an internal error.
    if not report.ok:
        raise typer.Exit(1)


def _default_outputs(project_dir: Path) -> list[Path]:
    """The files `dossier build` writes for the dossier in `project_dir`."""
    from dossierkit.source.manifest import load_manifest

    manifest, _ = load_manifest(project_dir.resolve())
    out = project_dir / manifest.output.out_dir
    files = []
    for variant in manifest.output.variants:
        suffix = "" if variant == "screen" else f"-{variant}"
        if "pdf" in manifest.output.formats:
            files.append(out / f"{manifest.slug}{suffix}.pdf")
    if "epub" in manifest.output.formats:
        files.append(out / f"{manifest.slug}.epub")
    return files


def main() -> None:
    app(prog_name="dossier")


if __name__ == "__main__":
    sys.exit(main())
