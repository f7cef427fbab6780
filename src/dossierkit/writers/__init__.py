"""Output formats: one writer per format behind one interface, looked up by name."""

from __future__ import annotations

from importlib import import_module

from dossierkit.options import FORMATS
from dossierkit.writers.base import BuildContext, Writer

__all__ = ["BuildContext", "WRITERS", "Writer", "get_writer"]

# Imported only when used: WeasyPrint alone takes most of a second to import.
WRITERS = {
    "pdf": "dossierkit.writers.pdf:PdfWriter",
    "epub": "dossierkit.writers.epub:EpubWriter",
    "html": "dossierkit.writers.html:HtmlWriter",  # the print HTML, for bare WeasyPrint
}
assert tuple(WRITERS) == FORMATS, "options.FORMATS names the writers, in this order"


def get_writer(name: str) -> Writer:
    module, _, attribute = WRITERS[name].partition(":")
    return getattr(import_module(module), attribute)()
