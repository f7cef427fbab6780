"""The `dossier` command line: Typer declarations and error reporting; each command's work
is a function in `dossierkit.commands`."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dossierkit import __version__
from dossierkit.commands import HELP, afresh
from dossierkit.options import FORMATS, PAPERS, VARIANTS, BuildOptions
from dossierkit.verify import CHECKS

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

# The choices come from the one place that names them.
Format = Enum("Format", {name: name for name in (*FORMATS, "all")}, type=str)
Paper = Enum("Paper", {name: name for name in PAPERS}, type=str)
Variant = Enum("Variant", {name: name for name in VARIANTS}, type=str)

# `--debug` before the command or after it sets the same switch, which each run of the
# command line starts afresh (in `_main`).
_debug = {"on": False}


def _set_debug(value: bool) -> bool:
    _debug["on"] = _debug["on"] or bool(value)
    return value


ProjectDir = Annotated[Path, typer.Argument(
    help="The dossier project folder (the one with dossier.toml).", show_default="current folder")]
Debug = Annotated[bool, typer.Option("--debug", callback=_set_debug, help="Show a traceback on errors.")]
Strict = Annotated[bool, typer.Option(
    "--strict", help="Treat warnings (unknown keys, unknown data files) as errors.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
FormatChoice = Annotated[Format, typer.Option(
    "--format", "-f", help="Which output to build: all is PDF and EPUB; html is the print HTML "
    "with its stylesheets, fonts and images, as bare WeasyPrint would take it.")]
Force = Annotated[bool, typer.Option("--force", help="Rebuild everything, ignoring the build cache.")]
Workers = Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Processes laying the book's "
    "parts out at once.", show_default="$DOSSIER_WORKERS, else one per core")]
Cluster = Annotated[Optional[str], typer.Option("--cluster", help="Run the builds on the Dask cluster whose "
    "scheduler has this address (tcp://HOST:8786).", show_default="$DOSSIER_CLUSTER, else local processes")]
EditionsOut = Annotated[Optional[Path], typer.Option(
    "--out", "-o", help="Folder of the editions.", show_default="PROJECT_DIR/build/editions")]
OutDir = Annotated[Optional[Path], typer.Option(
    "--out", "-o", help="Output folder.", show_default="PROJECT_DIR/build")]


@contextmanager
def _reporting() -> Iterator[None]:
    """Turn the project's errors into one line each and exit status 1."""
    from dossierkit.commands.report import echo_problems, interrupted
    from dossierkit.errors import DossierError

    try:
        yield
    except DossierError as error:
        if _debug["on"]:
            traceback.print_exc()
        echo_problems(error)
        raise typer.Exit(1) from None
    except KeyboardInterrupt as interrupt:  # the truth about the outputs, whenever it comes
        typer.echo(interrupted(interrupt), err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 — a bug of ours must still end in one line
        if _debug["on"]:
            traceback.print_exc()
        typer.echo(f"error[B607]: internal error: {type(exc).__name__}: {exc} "
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
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    _debug["on"] = afresh(debug)


def _options(format: Format, out: Path | None, paper: Paper | None = None,
             variant: list[Variant] | None = None, language: str | None = None,
             **flags) -> BuildOptions:
    return BuildOptions(
        formats=None if format.value == "all" else (format.value,),
        variants=tuple(v.value for v in variant) if variant else None,
        paper=paper.value if paper else None, out_dir=out, language=language, **flags)


@app.command(help=HELP["build"])
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
    language: Annotated[Optional[str], typer.Option(
        "--language", "-l", help="Build only the edition in this language (one of the "
        "manifest's languages).", show_default="every edition")] = None,
    force: Force = False,
    workers: Workers = None,
    cluster: Cluster = None,
    quiet: Quiet = False,
    strict: Strict = False,
    debug: Debug = False,
) -> None:
    with _reporting():
        from dossierkit.commands.build import run_build

        ok = run_build(list(dict.fromkeys(project_dirs or [Path(".")])),
                       _options(format, out, paper, variant, language, strict=strict, force=force,
                                workers=workers),
                       quiet=quiet, cluster=cluster)
    # Outside the reporting block, which would take the exit for an internal error.
    if not ok:
        raise typer.Exit(1)


@app.command(help=HELP["editions"])
def editions(paths: Annotated[list[Path], typer.Argument(metavar="[PROJECT_DIR] RECIPIENTS", help="The dossier "
        "(the current folder when left out) and the recipients file (.csv, .yaml).")], out: EditionsOut = None,
        cluster: Cluster = None, quiet: Quiet = False, strict: Strict = False, debug: Debug = False) -> None:
    with _reporting():
        from dossierkit.commands.editions import editions_command

        editions_command(paths, out=out, cluster=cluster, quiet=quiet, strict=strict)


@app.command(help=HELP["check"])
def check(project_dir: ProjectDir = Path("."), strict: Strict = False,
          debug: Debug = False) -> None:
    with _reporting():
        from dossierkit.commands.check import run_check

        run_check(project_dir, strict=strict)


@app.command(help=HELP["new"])
def new(
    path: Annotated[Path, typer.Argument(help="Folder to create (it must not exist, or be empty).")],
    title: Annotated[str, typer.Option("--title", "-t", help="The dossier's title, usually the film's.")],
    language: Annotated[str, typer.Option(
        "--language", "-l", help="The dossier's language (en, ru, de, fr and es have labels).")] = "en",
    debug: Debug = False,
) -> None:
    with _reporting():
        from dossierkit.commands.new import run_new

        run_new(path, title, language)


@app.command(help=HELP["watch"])
def watch(
    project_dir: ProjectDir = Path("."),
    format: FormatChoice = Format.all,
    out: OutDir = None,
    serve: Annotated[bool, typer.Option(
        "--serve", help="Also serve a live HTML preview on 127.0.0.1 that reloads after each build.")] = False,
    port: Annotated[int, typer.Option("--port", help="Port of the preview (0: any free port).")] = 8000,
    workers: Workers = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    with _reporting():
        from dossierkit.commands.watch import run_watch

        run_watch(project_dir, _options(format, out, workers=workers), serve=serve, port=port, quiet=quiet)


@app.command(help=HELP["proof"])
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
    with _reporting():
        from dossierkit.commands.proof import run_proof

        run_proof(project_dir, out=out, pdf=pdf, columns=columns, width=width, pages=pages,
                  quiet=quiet)


@app.command(help=HELP["verify"])
def verify(
    files: Annotated[Optional[list[Path]], typer.Argument(
        help="PDF and EPUB files to check.", show_default="the outputs of the dossier here")] = None,
    project_dir: Annotated[Path, typer.Option(
        "--project", "-p", help="Check this dossier's outputs when no files are given.")] = Path("."),
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    only: Annotated[Optional[list[str]], typer.Option(
        "--only", help="Run only this check (repeat for several): " + ", ".join(CHECKS) + ".")] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    with _reporting():
        from dossierkit.commands.verify import run_verify

        ok = run_verify(files, project_dir, only=only, json_output=json_output, quiet=quiet)
    # Outside the reporting block, which would take the exit for an internal error.
    if not ok:
        raise typer.Exit(1)


def main() -> None:
    app(prog_name="dossier")

