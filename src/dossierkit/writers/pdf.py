"""The PDF writer: one file per variant, from the print layout."""

from __future__ import annotations

from dossierkit.layout import run_weasyprint


class PdfWriter:
    name = "pdf"

    def write(self, context) -> dict[str, bytes]:
        outputs = {}
        slug = context.book.manifest.slug
        for variant in context.variants:
            layout = context.layout(variant)
            suffix = "" if variant == "screen" else f"-{variant}"
            outputs[f"{slug}{suffix}.pdf"] = run_weasyprint(context.book, layout.document.write_pdf)
        return outputs
