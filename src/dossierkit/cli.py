"""The `dossier` command line: a thin layer that parses options and reports problems."""

from __future__ import annotations

import sys
import traceback
from contextlib import contextmanager
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
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


class Format(str, Enum):
    pdf = "pdf"
    epub = "epub"
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


def _warn(problem) -> None:
    typer.echo(f"warning: {problem}", err=True)


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
        for problem in error.problems:
            typer.echo(f"{problem.severity}: {problem}", err=True)
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


@app.command()
def build(
    project_dir: ProjectDir = Path("."),
    format: Annotated[Format, typer.Option("--format", "-f", help="Which output to build.")] = Format.all,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Output folder.", show_default="PROJECT_DIR/build")] = None,
    paper: Annotated[Optional[Paper], typer.Option(
        "--paper", help="Paper size of the PDF.", show_default="the manifest's")] = None,
    variant: Annotated[Optional[list[Variant]], typer.Option(
        "--variant", help="PDF variant: screen (tagged, PDF/UA), press (bleed and crop marks) "
        "or archive (PDF/A-3b). Repeat to build several.", show_default="the manifest's")] = None,
    strict: Strict = False,
    debug: Debug = False,
) -> None:
    """Build the dossier's PDF and EPUB.

    Examples:

      dossier build                      # PDF and EPUB of the dossier here, into build/

      dossier build path/to/dossier --format epub

      dossier build --out /tmp/press-kit

      dossier build --format pdf --variant press --paper letter
    """
    with _reporting(debug):
        from dossierkit.build import BuildOptions
        from dossierkit.build import build as run_build

        options = BuildOptions(
            formats=None if format is Format.all else (format.value,),
            variants=tuple(v.value for v in variant) if variant else None,
            paper=paper.value if paper else None,
            out_dir=out,
            strict=strict)
        for built in run_build(project_dir, options, warn=_warn):
            typer.echo(f"wrote {built.path} ({built.size:,} bytes)")


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


def main() -> None:
    app(prog_name="dossier")


if __name__ == "__main__":
    sys.exit(main())
