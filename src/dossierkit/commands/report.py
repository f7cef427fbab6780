"""How commands speak to the user: problems one line each on stderr, warnings unless quiet."""

from __future__ import annotations

from collections.abc import Callable

from dossierkit.errors import DossierError, Problem
from dossierkit.transaction import interrupted

__all__ = ["echo_problems", "ignore", "interrupted", "warn", "warner"]


def warn(problem: Problem) -> None:
    import typer  # not before there is something to say: a no-change build has no Typer

    typer.echo(problem.report(), err=True)


def ignore(problem: Problem) -> None:
    """Where --quiet asks for nothing but errors, warnings go unprinted."""


def warner(quiet: bool) -> Callable[[Problem], None]:
    return ignore if quiet else warn


def echo_problems(error: DossierError) -> None:
    """Print a DossierError's problems, one line each; `watch` reports through this too."""
    import typer

    for problem in error.problems:
        typer.echo(problem.report(), err=True)


def show_outputs(paths, *, quiet: bool) -> None:
    """The table a build ends with, unless quiet."""
    import sys

    if not quiet:
        from dossierkit.commands.table import outputs_table, print_table

        print_table(outputs_table(list(paths)), rich=sys.stdout.isatty())
