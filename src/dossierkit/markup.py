"""XML shared by the writers and the checks: namespaces, the safe parser, reading an EPUB's package."""

from __future__ import annotations

import zipfile

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLINK_HREF = f"{{{XLINK}}}href"
EPUB_TYPE_ATTRIBUTE = f"{{{OPS}}}type"


def safe_parser() -> etree.XMLParser:
    """A parser that expands no entities and loads nothing: what a user's file gets."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def local_name(tag) -> str:
    """An element's name without its namespace, lower case; '' for comments and the like."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def epub_package(archive: zipfile.ZipFile) -> tuple[str, etree._Element]:
    """The package document's path in the archive and its parsed XML."""
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = container.find(f".//{{{CONTAINER}}}rootfile").get("full-path")
    return opf_path, etree.fromstring(archive.read(opf_path))
