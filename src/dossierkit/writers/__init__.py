"""Output formats: one writer per format behind one interface, looked up by name."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dossierkit.build import BuildContext


class Writer(Protocol):
    name: str  # the --format value

    def write(self, context: BuildContext) -> dict[str, bytes]:
        """Produce every file of the format in memory, by file name; the caller places them."""


# Imported only when used: WeasyPrint alone takes most of a second to import.
WRITERS = {
    "pdf": "dossierkit.writers.pdf:PdfWriter",
    "epub": "dossierkit.writers.epub:EpubWriter",
    "html": "dossierkit.writers.html:HtmlWriter",  # the print HTML, for bare WeasyPrint
}


def get_writer(name: str) -> Writer:
    module, _, attribute = WRITERS[name].partition(":")
    return getattr(import_module(module), attribute)()
