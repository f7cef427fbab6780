"""Reading a built EPUB for the EPUB tests (no tests here): package, documents, text."""

from __future__ import annotations

import re
import unicodedata
import zipfile

from lxml import etree

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/", "svg": "http://www.w3.org/2000/svg"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{NS['epub']}}}type"


def opf(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("EPUB/content.opf"))


def manifest_items(path) -> dict[str, etree._Element]:
    return {i.get("href"): i for i in opf(path).iterfind(".//opf:manifest/opf:item", NS)}


def spine_files(path) -> list[str]:
    package = opf(path)
    hrefs = {i.get("id"): i.get("href") for i in package.iterfind(".//opf:manifest/opf:item", NS)}
    return [hrefs[i.get("idref")] for i in package.iterfind(".//opf:spine/opf:itemref", NS)]


def read(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(f"EPUB/{name}")


def xhtml(path, name: str) -> etree._Element:
    return etree.fromstring(read(path, name))


def documents(path) -> dict[str, etree._Element]:
    """Every XHTML document of the manifest, by its href."""
    return {href: xhtml(path, href) for href, item in manifest_items(path).items()
            if item.get("media-type") == "application/xhtml+xml"}


def words(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Only letters and digits, lowercased: what survives PDF text extraction, whatever
    it makes of spaces, hyphenation at line ends, ligatures and quotation marks."""
    return re.sub(r"\W|_", "", unicodedata.normalize("NFKC", text)).lower()
