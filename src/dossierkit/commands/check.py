"""`dossier check`: load, validate and render everything in memory; write nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from dossierkit.commands.report import warn


def run_check(project_dir: Path, *, strict: bool = False) -> None:
    from dossierkit.build import load_and_render

    book = load_and_render(project_dir, strict=strict, warn=warn)
    typer.echo(f"ok: {book.manifest.title}: {len(book.chapters)} chapters")
