"""Stamping a laid-out PDF for one recipient: a line in the foot margin of every page,
marked as a pagination artifact (outside the structure tree, so PDF/UA holds), the
statement in full in the title page's head margin as a tagged paragraph, and the
document metadata. Nothing is laid out again."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from dossierkit.editions.font import StampFont
from dossierkit.editions.texts import Stamp

FONT_NAME = "/DKStamp"
MM = 72 / 25.4
MARGIN_SIZE, FULL_SIZE = 6.5, 8.5  # points
FOOT, HEAD = 5.5 * MM, 12 * MM  # baselines: above the foot edge, below the head edge
GREY = b"0.45 0.45 0.45 rg"  # legible on the white pages and on a dark cover


def _text(font: StampFont, text: str, size: float, x: float, y: float) -> bytes:
    return (b"BT %s %.2f Tf %.2f %.2f Td <%s> Tj ET" % (FONT_NAME.encode(), size, x, y,
                                                        font.encode(text).hex().encode()))


def _fitted(font: StampFont, text: str, size: float, room: float) -> float:
    """The size at which `text` fits `room`: a long name and outlet shrink, never overflow."""
    width = font.width(text, size)
    return size if width <= room else size * room / width


def _margin_stream(font: StampFont, stamp: Stamp, box) -> bytes:
    left, bottom, right, _ = (float(v) for v in box)
    width = right - left
    size = _fitted(font, stamp.margin, MARGIN_SIZE, width - 30 * MM)
    x = left + (width - font.width(stamp.margin, size)) / 2
    return (b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + GREY + b" "
            + _text(font, stamp.margin, size, x, bottom + FOOT) + b" Q EMC")


def _full_stream(font: StampFont, stamp: Stamp, box, mcid: int) -> bytes:
    left, _, right, top = (float(v) for v in box)
    room = right - left - 44 * MM
    size = min(_fitted(font, line, FULL_SIZE, room) for line in stamp.full)
    lines = b" ".join(_text(font, line, size, left + 22 * MM, top - HEAD - index * size * 1.35)
                      for index, line in enumerate(stamp.full))
    return b"/P <</MCID %d>> BDC q 0.15 0.15 0.15 rg %s Q EMC" % (mcid, lines)


def stamp_pdf(base: bytes, stamp: Stamp, font: StampFont, titlepage: int) -> bytes:
    """The base PDF as `stamp`'s recipient's copy."""
    with pikepdf.open(io.BytesIO(base)) as pdf:
        embedded = font.embed(pdf)
        for index, page in enumerate(pdf.pages):
            page.add_resource(embedded, Name.Font, Name(FONT_NAME))
            # The page's own drawing is closed off first, so its graphics state cannot leak.
            page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)
            parts = [b"Q", _margin_stream(font, stamp, page.trimbox)]
            if index == titlepage:
                parts.append(_full_stream(font, stamp, page.trimbox, _tag_paragraph(pdf, page, stamp)))
            page.contents_add(pikepdf.Stream(pdf, b"\n".join(parts)))
        _metadata(pdf, stamp)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _tag_paragraph(pdf, page, stamp: Stamp) -> int:
    """Add a /P structure element for the title page's statement, after the title page's
    own elements in reading order; returns its marked-content id."""
    root = pdf.Root.StructTreeRoot
    document = root.K if isinstance(root.K, Dictionary) else root.K[0]
    owned = _parent_tree_entry(root.ParentTree, int(page.obj.StructParents))
    mcid = len(owned)
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document,
                                           Pg=page.obj, K=mcid, Lang=pikepdf.String(stamp.language)))
    owned.append(element)
    kids = document.K if isinstance(document.K, Array) else Array([document.K])
    # After the title page's own section (the first element with content on the page).
    tops = set()
    for item in owned[:-1]:
        top = item
        while isinstance(top, Dictionary) and "/P" in top and top.P.objgen != document.objgen:
            top = top.P
        if isinstance(top, Dictionary):
            tops.add(top.objgen)
    places = [i for i, kid in enumerate(kids) if isinstance(kid, Dictionary) and kid.objgen in tops]
    position = places[0] + 1 if places else len(kids)
    kids.insert(position, element)
    document.K = kids
    return mcid


def _parent_tree_entry(tree, key: int):
    """The array of structure elements owning the marked content of the page keyed `key`."""
    if "/Nums" in tree:
        nums = tree.Nums
        for i in range(0, len(nums), 2):
            if int(nums[i]) == key:
                return nums[i + 1]
    for kid in tree.get("/Kids", []):
        found = _parent_tree_entry(kid, key)
        if found is not None:
            return found
    return None


def _metadata(pdf, stamp: Stamp) -> None:
    """Name the recipient in the document information and the XMP metadata; no date of
    now is written (the copy stays reproducible)."""
    pdf.docinfo[Name("/PreparedFor")] = stamp.recipient
    pdf.docinfo[Name("/EmbargoedUntil")] = stamp.embargo
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:rights"] = stamp.margin
