"""Reading a built EPUB's package and documents for the EPUB tests (no tests here)."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from lxml import etree

from dossierkit.markup import EPUB_TYPE_ATTRIBUTE as EPUB_TYPE
from dossierkit.markup import NCX, OPF, OPS, SVG, XHTML, XML_LANG, epub_package

NS = {"opf": OPF, "dc": "http://purl.org/dc/elements/1.1/", "x": XHTML, "epub": OPS,
      "ncx": NCX, "svg": SVG}
__all__ = ["EPUB_TYPE", "NS", "XML_LANG", "documents", "manifest_items", "opf", "read",
           "spine_files", "xhtml"]


def _package(path) -> tuple[PurePosixPath, etree._Element]:
    """The package document's folder in the archive, and the package (found through
    META-INF/container.xml, as reading systems find it)."""
    with zipfile.ZipFile(path) as z:
        opf_path, package = epub_package(z)
    return PurePosixPath(opf_path).parent, package


def opf(path) -> etree._Element:
    return _package(path)[1]


def manifest_items(path) -> dict[str, etree._Element]:
    """The manifest's items by href (relative to the package document)."""
    return {i.get("href"): i for i in opf(path).iterfind(".//opf:manifest/opf:item", NS)}


def spine_files(path) -> list[str]:
    """Every spine document's href in reading order, the navigation document included."""
    package = opf(path)
    hrefs = {i.get("id"): i.get("href") for i in package.iterfind(".//opf:manifest/opf:item", NS)}
    return [hrefs[i.get("idref")] for i in package.iterfind(".//opf:spine/opf:itemref", NS)]


def read(path, name: str) -> bytes:
    """A file of the archive by its href relative to the package document."""
    folder = _package(path)[0]
    with zipfile.ZipFile(path) as z:
        return z.read(str(folder / name))


def xhtml(path, name: str) -> etree._Element:
    return etree.fromstring(read(path, name))


def documents(path) -> dict[str, etree._Element]:
    """Every XHTML document of the manifest, by its href."""
    return {href: xhtml(path, href) for href, item in manifest_items(path).items()
            if item.get("media-type") == "application/xhtml+xml"}
