"""Press preflight: what a print shop checks before it accepts a PDF (boxes, bleed, image
resolution; the fonts have their own check). A PDF without a bleed is not for press."""

from __future__ import annotations

from pathlib import Path

from dossierkit.verify import Result

MM = 72 / 25.4
MIN_BLEED = 3 * MM
MIN_PPI = 300
WHITE = 250  # a pixel this light in every channel counts as bare paper


def _boxes(page) -> tuple[list[float], list[float], list[float]]:
    media = [float(v) for v in page.MediaBox]
    trim = [float(v) for v in page.get("/TrimBox", page.MediaBox)]
    bleed = [float(v) for v in page.get("/BleedBox", page.MediaBox)]
    return media, bleed, trim


def _inside(inner, outer, margin: float = 0.0) -> bool:
    return (inner[0] - outer[0] >= margin - 0.01 and inner[1] - outer[1] >= margin - 0.01
            and outer[2] - inner[2] >= margin - 0.01 and outer[3] - inner[3] >= margin - 0.01)


def _art_stops_at_trim(image, media, bleed, trim, scale: float) -> bool:
    """Ink touches a trim edge where the bleed beyond it is bare paper."""
    height = image.height

    def pixel(x: float, y: float):
        px = int((x - media[0]) * scale)
        py = int(height - (y - media[1]) * scale)
        return image.getpixel((min(max(px, 0), image.width - 1), min(max(py, 0), height - 1)))

    def inked(p) -> bool:
        return min(p) < WHITE

    step = 2 * MM
    inset, outset = 0.8 * MM, (trim[0] - bleed[0]) - 0.8 * MM
    edges = []
    y = trim[1] + step
    while y < trim[3] - step:
        edges += [((trim[0] + inset, y), (trim[0] - outset, y)), ((trim[2] - inset, y), (trim[2] + outset, y))]
        y += step
    x = trim[0] + step
    while x < trim[2] - step:
        edges += [((x, trim[1] + inset), (x, trim[1] - outset)), ((x, trim[3] - inset), (x, trim[3] + outset))]
        x += step
    gaps = sum(1 for inner, outer in edges if inked(pixel(*inner)) and not inked(pixel(*outer)))
    return gaps > len(edges) / 50


def _low_resolution_images(page) -> list[int]:
    """The effective resolutions (ppi) below MIN_PPI of the page's pictures as placed."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    low = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        if isinstance(obj, pypdfium2.PdfImage):
            metadata = obj.get_metadata()
            ppi = round(min(metadata.horizontal_dpi, metadata.vertical_dpi))
            if 0 < ppi < MIN_PPI:
                low.append(ppi)
    return low


def check(path: Path) -> Result:
    import pikepdf
    import pypdfium2

    result = Result()
    with pikepdf.open(path) as pdf:
        boxes = [_boxes(page.obj) for page in pdf.pages]
    if not any(trim != media for media, _, trim in boxes):
        result.skipped = True
        result.summary = "no bleed: a PDF for screen or archive, not for press"
        return result
    for number, (media, bleed, trim) in enumerate(boxes, 1):
        if not (_inside(trim, bleed, MIN_BLEED) and _inside(bleed, media)):
            result.error(f"page {number}: the boxes do not nest with a 3 mm bleed "
                         "(MediaBox ⊇ BleedBox ⊇ TrimBox + 3 mm; use the press variant's stylesheet)")
    document = pypdfium2.PdfDocument(str(path))
    try:
        for number, (media, bleed, trim) in enumerate(boxes, 1):
            page = document[number - 1]
            scale = 1.0  # one pixel per point is fine enough for a 3 mm strip
            image = page.render(scale=scale, crop=(0, 0, 0, 0)).to_pil().convert("RGB")
            if _art_stops_at_trim(image, media, bleed, trim, scale):
                result.error(f"page {number}: art stops at the trim instead of running into the "
                             "bleed (extend full-bleed elements 3 mm past the page edge)")
            for ppi in _low_resolution_images(page):
                result.warning(f"page {number}: a picture prints at {ppi} ppi "
                               f"(use one of at least {MIN_PPI} ppi at its printed size)")
            page.close()
    finally:
        document.close()
    result.summary = f"{len(boxes)} pages: boxes, bleed and image resolution checked"
    return result
