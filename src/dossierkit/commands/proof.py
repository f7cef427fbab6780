"""`dossier proof`: the PDF's pages side by side on one PNG contact sheet, for review and the README."""

from __future__ import annotations

import io
import math
from pathlib import Path

BACKGROUND = (226, 226, 222)
BORDER = (150, 150, 150)
LABEL = (90, 90, 90)


def contact_sheet(pdf: bytes | Path, *, columns: int = 6, width: int = 180, gap: int = 14,
                  first: int = 1, last: int | None = None) -> bytes:
    """PNG bytes of pages `first`..`last` (1-based, inclusive), `columns` to a row."""
    import pypdfium2
    from PIL import Image, ImageDraw

    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        count = len(document)
        last = count if last is None else min(last, count)
        numbers = list(range(max(first, 1), last + 1))
        if not numbers:
            raise ValueError(f"no pages to show: the PDF has {count}")
        thumbs = []
        for number in numbers:
            page = document[number - 1]
            page_width, _ = page.get_size()
            # Render at the thumbnail's own size: smaller files than shrinking a big render.
            bitmap = page.render(scale=width / page_width)
            thumbs.append(bitmap.to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    columns = max(1, min(columns, len(thumbs)))
    rows = math.ceil(len(thumbs) / columns)
    cell_h = max(t.height for t in thumbs)
    label_h = 16
    sheet = Image.new("RGB", (gap + columns * (width + gap), gap + rows * (cell_h + label_h + gap)),
                      BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for index, (number, thumb) in enumerate(zip(numbers, thumbs)):
        x = gap + (index % columns) * (width + gap)
        y = gap + (index // columns) * (cell_h + label_h + gap)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=BORDER)
        label = str(number)
        draw.text((x + (thumb.width - draw.textlength(label)) / 2, y + thumb.height + 3), label,
                  fill=LABEL)
    # A palette image is a fraction of the size of true colour and reads the same.
    out = io.BytesIO()
    sheet.quantize(colors=128, dither=0).save(out, "PNG", optimize=True)
    return out.getvalue()


def proof_pdf(project: Path, paper: str | None = None, progress=lambda stage: None,
              **warn) -> tuple[bytes, str, Path]:
    """The screen PDF of a dossier, laid out in memory: (bytes, slug, output folder)."""
    from dossierkit.build import BuildContext, load_and_render

    book = load_and_render(project, progress, **warn)
    output = book.manifest.output
    context = BuildContext(book, paper or output.paper, ("screen",), progress)
    progress("pdf")
    return context.pdf_bytes("screen"), book.manifest.slug, book.root / output.out_dir
