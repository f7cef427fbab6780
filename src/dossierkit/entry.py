"""The `dossier` program: a build with nothing to do is answered before the command line
(Typer, and the pydantic its parameter coercion imports) is loaded at all."""

from __future__ import annotations

import sys


def main() -> None:
    from dossierkit.commands.unchanged import answered

    if not answered(sys.argv[1:]):
        from dossierkit.cli import main as command_line

        command_line()
