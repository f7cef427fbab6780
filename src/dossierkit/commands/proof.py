"""`dossier proof`: the PDF's pages side by side on one PNG contact sheet, for review and the README."""

from __future__ import annotations

import io
import math
from pathlib import Path

import typer

from dossierkit.errors import fail, shown

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
    from dossierkit.build import load_and_render
    from dossierkit.writers import BuildContext
    from dossierkit.writers.pdf import pdf_bytes

    book = load_and_render(project, progress, **warn)
    output = book.manifest.output
    context = BuildContext(book, paper or output.paper, ("screen",), progress)
    progress("pdf")
    return pdf_bytes(context, "screen"), book.manifest.slug, book.root / output.out_dir


def _current_pdf(project: Path) -> tuple[bytes | None, str, Path]:
    """The screen PDF `dossier build` wrote, if nothing it was built from has changed since:
    reading it beats laying the dossier out again."""
    import tomllib

    from dossierkit.cache import current_output
    from dossierkit.options import MANIFEST, output_name

    try:
        slug = tomllib.loads((project / MANIFEST).read_text("utf-8"))["dossier"]["slug"]
    except (OSError, ValueError, KeyError, TypeError):
        return None, "", project  # the full load says what is wrong
    path = current_output(project, output_name(str(slug), "pdf"))
    return (path.read_bytes(), str(slug), path.parent) if path else (None, str(slug), project)


def page_range(pages: str | None) -> tuple[int, int | None]:
    """FIRST-LAST (or one page) as 1-based bounds; all pages when None."""
    if not pages:
        return 1, None
    head, _, tail = pages.partition("-")
    if not head.isdigit() or (tail and not tail.isdigit()):
        raise fail("--pages", f"'{pages}' is not a page range", hint="write it like 1-12")
    return int(head), int(tail) if tail else int(head)


def run_proof(project_dir: Path, *, out: Path | None = None, pdf: Path | None = None,
              columns: int = 6, width: int = 180, pages: str | None = None,
              quiet: bool = False) -> None:
    """Write the contact sheet of a PDF given, or of the dossier laid out afresh."""
    from dossierkit.atomic import write_atomically
    from dossierkit.commands.report import warner

    first, last = page_range(pages)
    if pdf is not None:
        if not pdf.is_file():
            raise fail(shown(pdf), "no such PDF", hint="check the path, or leave out --pdf")
        data, target = pdf.read_bytes(), out or pdf.with_name(f"{pdf.stem}-proof.png")
    else:
        data, slug, out_dir = _current_pdf(project_dir)
        if data is None:
            from dossierkit.commands.progress import make_progress

            with make_progress(quiet) as progress:
                data, slug, out_dir = proof_pdf(project_dir, progress=progress, warn=warner(quiet))
        target = out or out_dir / f"{slug}-proof.png"
    try:
        png = contact_sheet(data, columns=columns, width=width, first=first, last=last)
    except ValueError as exc:
        raise fail(shown(pdf) if pdf else "--pages", str(exc), hint="choose pages the PDF has") from None
    except Exception as exc:  # noqa: BLE001 — PDFium's errors name no type worth catching
        raise fail(shown(pdf) if pdf else "the PDF", f"cannot render it: {exc}",
                   hint="check that it is a PDF") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, png, shown(target))
    if not quiet:
        typer.echo(f"wrote {shown(target)} ({len(png):,} bytes)")
