"""Output formats: one writer per format behind one interface, looked up by name."""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from dossierkit.render.book import RenderedBook


class Writer(Protocol):
    name: str       # the --format value
    extension: str  # of the output file

    def write(self, book: RenderedBook) -> bytes:
        """Produce the whole output in memory; placing it on disk is the caller's job."""


# Imported only when used: WeasyPrint alone takes most of a second to import.
WRITERS = {
    "pdf": "dossierkit.writers.pdf:PdfWriter",
    "epub": "dossierkit.writers.epub:EpubWriter",
}


def get_writer(name: str) -> Writer:
    module, _, attribute = WRITERS[name].partition(":")
    return getattr(import_module(module), attribute)()
