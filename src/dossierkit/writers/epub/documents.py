"""The EPUB's XHTML documents, assembled here rather than by EbookLib, whose HTML parser
lowercases SVG's camel-case names and drops what a chapter's head should carry."""

from __future__ import annotations

from lxml import etree

from dossierkit.markup import OPS, SVG, XHTML, XLINK, XML_LANG
from dossierkit.render.book import RenderedBook, RenderedChapter
from dossierkit.writers.epub.pages import EPUB_TYPE

# SVG names with capitals, which an HTML parser lowercases (readers then ignore `viewbox`).
SVG_NAMES = {name.lower(): name for name in """
    altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath
    feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
    feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence foreignObject glyphRef linearGradient
    radialGradient textPath
    attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits
    diffuseConstant edgeMode filterUnits gradientTransform gradientUnits kernelMatrix
    kernelUnitLength keyPoints keySplines keyTimes lengthAdjust limitingConeAngle markerHeight
    markerUnits markerWidth maskContentUnits maskUnits numOctaves pathLength
    patternContentUnits patternTransform patternUnits pointsAtX pointsAtY pointsAtZ
    preserveAlpha preserveAspectRatio primitiveUnits refX refY repeatCount repeatDur
    requiredExtensions requiredFeatures specularConstant specularExponent spreadMethod
    startOffset stdDeviation stitchTiles surfaceScale systemLanguage tableValues targetX
    targetY textLength viewBox viewTarget xChannelSelector yChannelSelector zoomAndPan
""".split()}


def file_name(part: RenderedChapter) -> str:
    return f"text/{part.slug}.xhtml"


def shape_chapter(part: RenderedChapter, book: RenderedBook) -> tuple[etree._Element, list[str]]:
    """The chapter as reading systems want it: pop-up note markup, links across files,
    images relative to the document. Returns the section and the project images it shows."""
    section = etree.fromstring(part.xhtml)
    for link in section.iter("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            owner = book.id_owner.get(href[1:])
            if owner and owner != part.slug:
                link.set("href", f"{owner}.xhtml{href}")
        classes = (link.get("class") or "").split()
        if "noteref" in classes:
            link.set(EPUB_TYPE, "noteref")
            link.set("role", "doc-noteref")
        elif "note-back" in classes:
            link.set("role", "doc-backlink")
    # The notes are a visible list at the chapter's end (readers that hide footnote asides,
    # Foliate and Apple Books, would show a bare heading) whose items still pop up.
    for notes in section.iter("section"):
        if "notes" in (notes.get("class") or "").split():
            notes.set(EPUB_TYPE, "endnotes")
            notes.set("role", "doc-endnotes")
            for item in notes.iter("li"):
                item.set(EPUB_TYPE, "endnote")
    _label_cells(section)
    images = []
    for img in section.iter("img"):
        src = img.get("src")
        # Checked while rendering: every image has a source and a text alternative.
        assert src and img.get("alt") is not None, f"{part.source}: an image unchecked by render"
        images.append(src)
        img.set("src", f"../{src}")
    if part.kind == "front":
        section.set(EPUB_TYPE, "titlepage")
    else:
        section.set(EPUB_TYPE, "chapter")
        section.set("role", "doc-chapter")
    return section, images


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _convert(element, parent, in_svg: bool = False):
    """Copy `element` under `parent` into the XHTML (or SVG) namespace, restoring SVG's
    camel-case names and giving every `lang` its `xml:lang` twin."""
    local = _local(element.tag)
    in_svg = in_svg or element.tag == f"{{{SVG}}}svg" or local.lower() == "svg"
    if in_svg:
        tag = f"{{{SVG}}}{SVG_NAMES.get(local.lower(), local)}"
    else:
        tag = f"{{{XHTML}}}{local}"
    attributes = {}
    for name, value in element.attrib.items():
        if name == EPUB_TYPE:
            name = f"{{{OPS}}}type"
        elif name == "xlink:href":
            name = f"{{{XLINK}}}href"
        elif name == "xml:lang":
            name = XML_LANG
        elif in_svg and not name.startswith("{"):
            name = SVG_NAMES.get(name.lower(), name)
        attributes[name] = value
    if attributes.get("lang") and XML_LANG not in attributes:
        attributes[XML_LANG] = attributes["lang"]
    if in_svg and local.lower() == "svg" and (parent is None or not _local(parent.tag) == "svg"):
        copy = etree.SubElement(parent, tag, attributes, nsmap={None: SVG, "xlink": XLINK})
    else:
        copy = etree.SubElement(parent, tag, attributes)
    copy.text = element.text
    copy.tail = element.tail
    for child in element:
        if isinstance(child.tag, str):
            _convert(child, copy, in_svg)
        elif child.tail:  # a comment goes, the text after it stays
            last = copy[-1] if len(copy) else None
            if last is not None:
                last.tail = (last.tail or "") + child.tail
            else:
                copy.text = (copy.text or "") + child.tail
    return copy


def document(title: str, language: str, content: etree._Element, stylesheets: list[str]) -> bytes:
    """A complete XHTML content document: title, language and stylesheets on every one."""
    html = etree.Element(f"{{{XHTML}}}html", {"lang": language, XML_LANG: language},
                         nsmap={None: XHTML, "epub": OPS})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", {"charset": "utf-8"})
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    for href in stylesheets:
        etree.SubElement(head, f"{{{XHTML}}}link",
                         {"rel": "stylesheet", "type": "text/css", "href": href})
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    _convert(content, body)
    return etree.tostring(etree.ElementTree(html), xml_declaration=True, encoding="utf-8",
                          doctype="<!DOCTYPE html>")


def has_svg(content: bytes) -> bool:
    """Whether a document holds inline SVG (the manifest must say so)."""
    return f'<svg xmlns="{SVG}"'.encode() in content


def cover_section(image_href: str, alt: str) -> etree._Element:
    section = etree.Element("section", {"class": "cover"})
    etree.SubElement(section, "img", {"src": image_href, "alt": alt, "role": "doc-cover",
                                      EPUB_TYPE: "cover"})
    return section


def _label_cells(section: etree._Element) -> None:
    """Give each body cell its column's heading (data-label), so that a narrow screen can
    stack a table's rows and still say what each value is (epub.css)."""
    for table in section.iter("table"):
        headings = [" ".join("".join(th.itertext()).split()) for th in table.iterfind("thead/tr/th")]
        for row in table.iterfind("tbody/tr"):
            for cell, heading in zip(row.iterfind("td"), headings):
                if heading:
                    cell.set("data-label", heading)
