"""What the PDF writer asks of each part's WeasyPrint write: the variant's options and the
finishing touches, applied in the layout worker that laid the part out."""

from __future__ import annotations

from functools import partial

from dossierkit.render.book import RenderedBook
from dossierkit.writers.presssheet import finish_press_sheet

# What each variant asks of WeasyPrint; the press variant's bleed and sheet come from its
# stylesheet (variant-press.css), since they are page design, and its marks from the
# finisher (writers.presssheet).
PDF_OPTIONS = {
    "screen": {"pdf_variant": "pdf/ua-1"},  # tagged, with live links, for reading on screen
    "press": {},
    # PDF/A with the screen edition's tags, so the archived copy stays accessible.
    "archive": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
}


def _scope_header_cells(document, pdf) -> None:
    """Give every tagged header cell an explicit /Scope, so that assistive technology
    (and PDF/UA checkers) need not guess which cells a header governs."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/TH":
            attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes.setdefault("Scope", "/Column")


def _write(book: RenderedBook, variant: str, document) -> bytes:
    from dossierkit.layout.weasy import run_weasyprint

    def finish(document, pdf) -> None:
        _scope_header_cells(document, pdf)
        if variant == "press":
            finish_press_sheet(document, pdf)

    return run_weasyprint(book, lambda: document.write_pdf(finisher=finish, **PDF_OPTIONS[variant]))


def part_writer(book: RenderedBook, variant: str):
    """The function a layout worker writes a laid-out part with."""
    return partial(_write, book, variant)
