"""Stamping a laid-out PDF for one recipient: a line in the foot margin of every page,
marked as a pagination artifact (outside the structure tree, so PDF/UA holds), the
statement in full in the title page's head margin as a tagged paragraph, and the
document metadata. Nothing is laid out again."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

from dossierkit.editions.font import StampFont
from dossierkit.editions.pdfupdate import _literal, _text_string, _Update
from dossierkit.editions.texts import Stamp

# Stands where a copy's own text goes, in the template's metadata and structure element.
PLACEHOLDER = "dossierkit-stamp-placeholder"
RECIPIENT, EMBARGO = PLACEHOLDER + "-recipient", PLACEHOLDER + "-embargo"

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


@dataclass(frozen=True)
class PdfTemplate:
    """A group's PDF with the stamp's objects in place (placeholder texts) and where they
    are: each copy is this file plus an incremental update that replaces those objects."""

    data: bytes
    startxref: int
    size: int  # the trailer's /Size: the update's objects are numbered from here
    root: bytes  # "12 0 R"
    first_id: bytes  # the first half of the file identifier, kept by every copy
    margins: tuple[tuple[int, tuple[float, ...]], ...]  # margin stream objects and their page box
    title: tuple[int, tuple[float, ...], int]  # title stream object, its box, the statement's MCID
    statement: tuple[int, bytes]  # the statement's structure element and its body
    info: tuple[int, bytes]  # the document information and its body
    metadata: tuple[int, bytes]  # the XMP stream and its text


def pdf_template(base: bytes, font: StampFont, titlepage: int) -> PdfTemplate:
    """Lay the stamp's objects into the base PDF once: the font, a shared `q`, a margin
    stream per page size, the title page's tagged statement, the metadata entries."""
    with pikepdf.open(io.BytesIO(base)) as pdf:
        embedded = font.embed(pdf)
        opening = pdf.make_indirect(pikepdf.Stream(pdf, b"q"))
        closing = pdf.make_indirect(pikepdf.Stream(pdf, b"Q"))
        margins: dict[tuple[float, ...], object] = {}
        for index, page in enumerate(pdf.pages):
            box = tuple(float(v) for v in page.trimbox)
            page.add_resource(embedded, Name.Font, Name(FONT_NAME))
            # The page's own drawing is closed off first, so its graphics state cannot leak.
            page.contents_add(opening, prepend=True)
            page.contents_add(closing)
            margin = margins.setdefault(box, pdf.make_indirect(pikepdf.Stream(pdf, b"")))
            page.contents_add(margin)
            if index == titlepage:
                mcid = _tag_paragraph(pdf, page)
                page.contents_add(pdf.make_indirect(pikepdf.Stream(pdf, b"%d" % mcid)))
        pdf.docinfo[Name("/PreparedFor")] = RECIPIENT
        pdf.docinfo[Name("/EmbargoedUntil")] = EMBARGO
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:rights"] = PLACEHOLDER
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return _located(out.getvalue(), titlepage)


def _located(data: bytes, titlepage: int) -> PdfTemplate:
    """Find the stamp's objects again in the saved template (saving renumbers them)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        margins, title = {}, None
        for index, page in enumerate(pdf.pages):
            contents = page.obj.Contents
            box = tuple(float(v) for v in page.trimbox)
            if index == titlepage:
                stream = contents[len(contents) - 1]
                title = (stream.objgen[0], box, int(stream.read_bytes()))
                contents = contents[:len(contents) - 1]
            margins.setdefault(box, contents[len(contents) - 1].objgen[0])
        statement = next(o for o in pdf.objects if isinstance(o, Dictionary) and o.get("/Lang") == PLACEHOLDER)
        info, metadata = pdf.trailer.Info, pdf.Root.Metadata
        startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
        return PdfTemplate(data, startxref, int(pdf.trailer.Size), b"%d %d R" % pdf.Root.objgen,
                           bytes(pdf.trailer.ID[0]), tuple((n, b) for b, n in margins.items()), title,
                           (statement.objgen[0], statement.unparse(resolved=True)),
                           (info.objgen[0], info.unparse(resolved=True)),
                           (metadata.objgen[0], metadata.read_bytes()))


def stamp_pdf(template: PdfTemplate, stamp: Stamp, font: StampFont) -> bytes:
    """`stamp`'s recipient's copy: the template and one incremental update, no layout and
    no parsing (a few milliseconds)."""
    update = _Update(template)
    for number, box in template.margins:
        update.stream(number, _margin_stream(font, stamp, box))
    number, box, mcid = template.title
    update.stream(number, _full_stream(font, stamp, box, mcid))
    number, body = template.statement
    update.object(number, body.replace(_literal(PLACEHOLDER), _literal(stamp.language)))
    number, body = template.info
    body = body.replace(_literal(RECIPIENT), _text_string(stamp.recipient))
    update.object(number, body.replace(_literal(EMBARGO), _text_string(stamp.embargo)))
    number, xmp = template.metadata
    update.stream(number, xmp.replace(PLACEHOLDER.encode(), escape(stamp.margin).encode()),
                  b" /Type /Metadata /Subtype /XML")
    return update.finish()


def _tag_paragraph(pdf, page) -> int:
    """Add a /P structure element for the title page's statement, after the title page's
    own elements in reading order; returns its marked-content id."""
    root = pdf.Root.StructTreeRoot
    document = root.K if isinstance(root.K, Dictionary) else root.K[0]
    owned = _parent_tree_entry(root.ParentTree, int(page.obj.StructParents))
    mcid = len(owned)
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document,
                                           Pg=page.obj, K=mcid, Lang=pikepdf.String(PLACEHOLDER)))
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
