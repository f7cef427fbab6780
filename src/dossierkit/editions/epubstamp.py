"""Stamping a written EPUB for one recipient: the statement on its title page and in the
package metadata (the identifier stays the dossier's own; the recipient goes in
dcterms:audience, the embargo in dcterms:available). Other entries are copied as they are."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

from dossierkit.editions.base import TITLEPAGE_ID
from dossierkit.editions.texts import Stamp
from dossierkit.markup import XHTML, XML_LANG

NOTE_CLASS = "edition-note"


def stamp_epub(base: bytes, stamp: Stamp) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():  # same order, times and compression: reproducible
            data = source.read(info)
            if info.filename.endswith(".opf"):
                data = _package(data, stamp)
            elif info.filename.endswith(f"/{TITLEPAGE_ID}.xhtml"):
                data = _titlepage(data, stamp)
            target.writestr(info, data)
    return out.getvalue()


def _package(data: bytes, stamp: Stamp) -> bytes:
    entries = (f"<dc:rights>{escape(stamp.margin)}</dc:rights>"
               f'<meta property="dcterms:audience">{escape(stamp.recipient)}</meta>'
               f'<meta property="dcterms:available">{escape(stamp.embargo)}</meta>')
    text = data.decode("utf-8")
    assert text.count("</metadata>") == 1, "an EPUB package without one metadata element"
    return text.replace("</metadata>", entries + "</metadata>").encode("utf-8")


def _titlepage(data: bytes, stamp: Stamp) -> bytes:
    tree = etree.fromstring(data).getroottree()
    section = tree.find(f".//{{{XHTML}}}section")
    assert section is not None, "a title page without its section"
    note = etree.SubElement(section, f"{{{XHTML}}}p", {"class": NOTE_CLASS})
    note.set("lang", stamp.language)
    note.set(XML_LANG, stamp.language)
    note.text = stamp.full[0]
    etree.SubElement(note, f"{{{XHTML}}}br").tail = stamp.full[1]
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
