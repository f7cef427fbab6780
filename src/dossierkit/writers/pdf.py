"""The PDF writer: one file per variant, from the print layout."""

from __future__ import annotations

class PdfWriter:
    name = "pdf"

    def write(self, context) -> dict[str, bytes]:
        outputs = {}
        slug = context.book.manifest.slug
        for variant in context.variants:
            suffix = "" if variant == "screen" else f"-{variant}"
            outputs[f"{slug}{suffix}.pdf"] = context.pdf_bytes(variant)
        return outputs
