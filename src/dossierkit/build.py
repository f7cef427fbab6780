"""The pipeline: load and validate, render once, let each writer produce bytes, then place them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dossierkit.output import prepare_out_dir, write_atomically
from dossierkit.render.book import RenderedBook, render_book
from dossierkit.source.loader import load_dossier
from dossierkit.writers import get_writer


@dataclass(frozen=True)
class Built:
    format: str
    path: Path
    size: int


def _display(path: Path) -> str:
    """How a path appears in messages: relative to where the user stands, if inside it."""
    path = path.absolute()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def load_and_render(project: Path) -> RenderedBook:
    return render_book(load_dossier(project))


def build(project: Path, formats: list[str] | None = None, out_dir: Path | None = None) -> list[Built]:
    book = load_and_render(project)
    manifest = book.manifest
    formats = formats or list(manifest.output.formats)
    target = out_dir if out_dir is not None else book.root / manifest.output.out_dir
    shown = _display(target)
    prepare_out_dir(target, shown)
    # Every output is produced before any is placed: a failing writer leaves
    # the previous build untouched.
    produced = []
    for name in formats:
        writer = get_writer(name)
        produced.append((writer, writer.write(book)))
    results = []
    for writer, data in produced:
        path = target / f"{manifest.slug}.{writer.extension}"
        write_atomically(path, data, os.path.join(shown, path.name))
        results.append(Built(writer.name, path, len(data)))
    return results
