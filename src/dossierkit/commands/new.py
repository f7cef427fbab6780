"""`dossier new`: a complete example dossier that builds at once."""

from __future__ import annotations

from pathlib import Path

import typer

from dossierkit.errors import shown


def run_new(path: Path, title: str, language: str = "en") -> None:
    from dossierkit.scaffold import create

    files = create(path, title, language=language)
    typer.echo(f"created {shown(path)} ({len(files)} files)")
    typer.echo(f"next: cd {shown(path)} && dossier build")
