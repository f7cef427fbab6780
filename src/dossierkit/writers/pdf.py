"""The PDF writer: one file per variant, from the print layout; the variants' options and
the finishing touches to the written PDF live here."""

from __future__ import annotations

from dossierkit.layout import PrintLayout
from dossierkit.layout.weasy import run_weasyprint
from dossierkit.render.book import RenderedBook
from dossierkit.writers.base import BuildContext
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


def write_pdf(book: RenderedBook, layout: PrintLayout) -> bytes:
    options = PDF_OPTIONS[layout.variant]

    def finish(document, pdf) -> None:
        _scope_header_cells(document, pdf)
        if layout.variant == "press":
            finish_press_sheet(document, pdf)

    return run_weasyprint(book, lambda: layout.document.write_pdf(finisher=finish, **options))


class PdfWriter:
    name = "pdf"

    def write(self, context: BuildContext) -> dict[str, bytes]:
        return {context.output_name("pdf", variant): pdf_bytes(context, variant)
                for variant in context.variants}


def pdf_bytes(context: BuildContext, variant: str = "screen") -> bytes:
    """The PDF of a variant, written once however many callers ask for it."""
    if variant not in context.written:
        context.written[variant] = write_pdf(context.book, context.layout(variant))
    return context.written[variant]
