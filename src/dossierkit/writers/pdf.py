"""The PDF writer: one file per variant, joined from the parts the layout wrote."""

from __future__ import annotations

from dossierkit.layout import PrintLayout
from dossierkit.writers.base import BuildContext
from dossierkit.writers.pdfjoin import join_parts
from dossierkit.writers.pdfpart import PDF_OPTIONS

__all__ = ["PDF_OPTIONS", "PdfWriter", "pdf_bytes", "write_pdf"]


def write_pdf(layout: PrintLayout) -> bytes:
    return join_parts(layout)


class PdfWriter:
    name = "pdf"

    def write(self, context: BuildContext) -> dict[str, bytes]:
        return {context.output_name("pdf", variant): pdf_bytes(context, variant)
                for variant in context.variants}


def pdf_bytes(context: BuildContext, variant: str = "screen") -> bytes:
    """The PDF of a variant, written once however many callers ask for it."""
    if variant not in context.written:
        context.written[variant] = write_pdf(context.layout(variant))
    return context.written[variant]
