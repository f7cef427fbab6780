"""The press variant's sheet: trim, a 3 mm bleed, and a slug outside it with the printer's
marks, drawn in the registration colour (every plate) on unprinted paper.

WeasyPrint lays the page out with the whole sheet as its CSS bleed (variant-press.css:
bleed 3 mm + slug 10 mm), so backgrounds and full-bleed art run to the sheet's edge; this
finisher then sets the PDF boxes (MediaBox = sheet, BleedBox = trim + 3 mm, TrimBox =
trim), paints the slug blank, so that art stops exactly at the bleed line, and draws crop
marks and registration targets in the slug, where no picture can hide them.
"""

from __future__ import annotations

MM = 72 / 25.4
BLEED = 3 * MM  # what print shops ask for
MARK_GAP = 0.5 * MM  # marks start this far outside the bleed
MARK_LENGTH = 5 * MM
TARGET_RADIUS = 2 * MM
LINE = 0.25  # points: a hairline, as printers' marks are


def _number(value) -> float:
    return float(str(value))


def finish_press_sheet(document, pdf) -> None:
    """A WeasyPrint finisher (see `write_pdf(finisher=...)`)."""
    import pydyf

    registration = pydyf.Array(["/Separation", "/All", "/DeviceCMYK", pydyf.Dictionary({
        "FunctionType": 2, "Domain": pydyf.Array([0, 1]), "N": 1,
        "C0": pydyf.Array([0, 0, 0, 0]), "C1": pydyf.Array([1, 1, 1, 1])})])
    pages = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/Page"]
    for page in pages:
        media = [_number(v) for v in page["MediaBox"]]
        trim = [_number(v) for v in page["TrimBox"]]
        if trim[0] - media[0] <= BLEED + MARK_GAP:
            continue  # no slug to draw in: the stylesheet asked for a bleed alone
        bleed = [trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED]
        page["BleedBox"] = pydyf.Array(bleed)
        resources = _resolved(pdf, page["Resources"])
        spaces = _resolved(pdf, resources.setdefault("ColorSpace", pydyf.Dictionary()))
        spaces["DossierRegistration"] = registration
        before = pydyf.Stream([b"q"])
        after = pydyf.Stream([b"Q", *_slug(media, bleed), *_marks(trim, bleed)])
        pdf.add_object(before)
        pdf.add_object(after)
        page["Contents"] = pydyf.Array([before.reference, page["Contents"], after.reference])


def _resolved(pdf, value):
    if isinstance(value, (str, bytes)):  # an indirect reference, "12 0 R"
        return pdf.objects[int(value.split()[0])]
    return value


def _slug(media, bleed) -> list[bytes]:
    """Paint the sheet outside the bleed as unprinted paper (no ink on any plate)."""
    x0, y0, x1, y1 = media
    b0, c0, b1, c1 = bleed
    ops = [b"0 0 0 0 k"]
    for rect in ((x0, y0, x1 - x0, c0 - y0), (x0, c1, x1 - x0, y1 - c1),
                 (x0, c0, b0 - x0, c1 - c0), (b1, c0, x1 - b1, c1 - c0)):
        ops.append(" ".join(f"{v:.3f}" for v in rect).encode() + b" re f")
    return ops


def _marks(trim, bleed) -> list[bytes]:
    """Crop marks on the trim lines, registration targets at the middle of each side."""
    t0, u0, t1, u1 = trim
    b0, c0, b1, c1 = bleed
    start, end = BLEED + MARK_GAP, BLEED + MARK_GAP + MARK_LENGTH
    ops = [b"/DossierRegistration CS 1 SCN", f"{LINE} w 0 J".encode()]
    lines = []
    for x, y, sx, sy in ((t0, u0, -1, -1), (t1, u0, 1, -1), (t0, u1, -1, 1), (t1, u1, 1, 1)):
        lines.append((x + sx * start, y, x + sx * end, y))  # horizontal, on the trim line y
        lines.append((x, y + sy * start, x, y + sy * end))  # vertical, on the trim line x
    centre = (end + start) / 2
    middle_x, middle_y = (t0 + t1) / 2, (u0 + u1) / 2
    targets = [(middle_x, u0 - centre), (middle_x, u1 + centre),
               (t0 - centre, middle_y), (t1 + centre, middle_y)]
    r = TARGET_RADIUS
    for x, y in targets:
        lines += [(x - r * 1.5, y, x + r * 1.5, y), (x, y - r * 1.5, x, y + r * 1.5)]
    for x0, y0, x1, y1 in lines:
        ops.append(f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S".encode())
    k = 0.5523 * r  # a circle from four Bézier curves
    for x, y in targets:
        ops.append((f"{x + r:.3f} {y:.3f} m "
                    f"{x + r:.3f} {y + k:.3f} {x + k:.3f} {y + r:.3f} {x:.3f} {y + r:.3f} c "
                    f"{x - k:.3f} {y + r:.3f} {x - r:.3f} {y + k:.3f} {x - r:.3f} {y:.3f} c "
                    f"{x - r:.3f} {y - k:.3f} {x - k:.3f} {y - r:.3f} {x:.3f} {y - r:.3f} c "
                    f"{x + k:.3f} {y - r:.3f} {x + r:.3f} {y - k:.3f} {x + r:.3f} {y:.3f} c S").encode())
    return ops
