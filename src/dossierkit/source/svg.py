"""SVG image files, checked against an allow-list: what a writer ships is the cleaned copy.

An SVG is a document that can run scripts, load stylesheets and other files, and draw
whole web pages (<foreignObject>). A dossier's SVG may only draw: static shapes, text,
gradients, filters, its own symbols (<use href="#id">) and raster images of the project.
Anything that runs or loads is refused with one line naming the file; editors' private
markup (other namespaces, unknown attributes) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from dossierkit.errors import DossierError, Problem, fail, quoted
from dossierkit.source.css import css_references

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = set("""
    svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline
    polygon text tspan textPath linearGradient radialGradient stop pattern clipPath mask
    marker filter style image feBlend feColorMatrix feComponentTransfer feComposite
    feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
    feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())
ATTRIBUTES = set("""
    id class style lang transform x y x1 y1 x2 y2 cx cy r rx ry width height d points viewBox
    preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke stroke-width
    stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray
    stroke-dashoffset opacity color display visibility font-family font-size font-weight
    font-style font-variant font-stretch text-anchor dominant-baseline alignment-baseline
    baseline-shift letter-spacing word-spacing text-decoration writing-mode direction
    unicode-bidi dx dy rotate textLength lengthAdjust startOffset method spacing offset
    stop-color stop-opacity gradientUnits gradientTransform spreadMethod fx fy fr
    patternUnits patternContentUnits patternTransform clip-path clip-rule clipPathUnits mask
    maskUnits maskContentUnits marker-start marker-mid marker-end markerWidth markerHeight
    markerUnits refX refY orient filter filterUnits primitiveUnits in in2 result stdDeviation
    mode operator k1 k2 k3 k4 values type tableValues slope intercept amplitude exponent
    flood-color flood-opacity lighting-color baseFrequency numOctaves seed stitchTiles scale
    xChannelSelector yChannelSelector radius order kernelMatrix divisor bias targetX targetY
    edgeMode preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent
    azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle role aria-label
    aria-labelledby aria-describedby aria-hidden focusable image-rendering shape-rendering
    text-rendering color-interpolation color-interpolation-filters paint-order vector-effect
    overflow requiredFeatures requiredExtensions systemLanguage pathLength mix-blend-mode
    isolation white-space
""".split()) | {f"{{{XML_NS}}}space", f"{{{XML_NS}}}lang"}
HINT = "remove it, or export the SVG as plain shapes"
# url(...) in an attribute or a style: only a fragment of this file (url(#gradient)).
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def clean(data: bytes, rel: str, picture: Callable[[str, int], str]) -> tuple[bytes, list[str]]:
    """The SVG `data` of the project file `rel` with only allowed markup, and the project
    files its <image> elements show. `picture(href, line)` checks one such reference and
    gives its project path (or raises). Raises one error listing every problem."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, huge_tree=False)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except (etree.XMLSyntaxError, ValueError):
        raise fail(rel, "not an SVG image: it is not well-formed XML",
                   hint="use a PNG, JPEG, GIF, WebP or SVG file") from None
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        raise fail(rel, "not an SVG image: its root is not <svg> in the SVG namespace",
                   hint="use a PNG, JPEG, GIF, WebP or SVG file")
    problems: list[Problem] = []
    dtd = tree.docinfo.internalDTD  # an external one is never loaded; a subset declares
    if dtd is not None and (any(dtd.iterentities()) or any(dtd.iterelements())):
        problems.append(Problem(rel, "an SVG image cannot declare entities or a DTD", 1,
                                hint="remove the <!DOCTYPE …[ ]> block"))
    for sibling in _siblings(root):
        if isinstance(sibling, etree._ProcessingInstruction) and sibling.target == "xml-stylesheet":
            problems.append(Problem(rel, "an SVG image cannot load a stylesheet with "
                                    "<?xml-stylesheet?>", sibling.sourceline, hint=HINT))
    walk = _Walk(rel, picture, problems)
    walk.element(root)
    if problems:
        raise DossierError(*problems)
    etree.cleanup_namespaces(root)  # the editors' namespaces, now unused
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), walk.images


def _siblings(root):
    node = root.getprevious()
    while node is not None:
        yield node
        node = node.getprevious()
    node = root.getnext()
    while node is not None:
        yield node
        node = node.getnext()


class _Walk:
    def __init__(self, rel: str, picture, problems: list[Problem]):
        self.rel = rel
        self.picture = picture
        self.problems = problems
        self.images: list[str] = []

    def refuse(self, line: int | None, message: str, hint: str = HINT) -> None:
        self.problems.append(Problem(self.rel, message, line, hint=hint))

    def element(self, element) -> None:
        for child in list(element):
            if not isinstance(child.tag, str):  # an entity or processing instruction
                if isinstance(child, etree._Entity):
                    self.refuse(child.sourceline, "an SVG image cannot use entities")
                element.remove(child)
                continue
            name = etree.QName(child)
            if name.namespace != SVG_NS:  # an editor's private markup: no reader draws it
                _remove(child)
                continue
            if name.localname not in ELEMENTS:
                self.refuse(child.sourceline, f"an SVG image cannot hold <{name.localname}>")
                continue
            self.element(child)
        self.attributes(element)
        if etree.QName(element).localname == "style":
            self.css(element.text or "", element.sourceline)

    def attributes(self, element) -> None:
        tag = etree.QName(element).localname
        for name, value in list(element.attrib.items()):
            local = etree.QName(name).localname
            line = element.sourceline
            if local.lower().startswith("on"):
                self.refuse(line, f"an SVG image cannot hold the event handler '{quoted(local)}'")
            elif name in ("href", XLINK_HREF):
                self.reference(tag, value, line)
                continue
            elif name not in ATTRIBUTES:
                del element.attrib[name]
                continue
            if local == "style":
                self.css(f"x{{{value}}}", line)
            else:
                for match in URL.finditer(value):
                    if not match[2].strip().startswith("#"):
                        self.refuse(line, f"an SVG image cannot load '{quoted(match[2])}'")

    def reference(self, tag: str, href: str, line: int | None) -> None:
        if tag == "image":
            try:
                self.images.append(self.picture(href, line))
            except DossierError as error:
                self.problems.extend(error.problems)
        elif not href.startswith("#"):
            self.refuse(line, f"an SVG image cannot load '{quoted(href)}'",
                        "point <use> and gradients at an #id of the same file")

    def css(self, css: str, line: int | None) -> None:
        lowered = css.lower()
        if "expression(" in lowered or "javascript:" in lowered or "@import" in lowered:
            self.refuse(line, "an SVG image cannot run or import anything from its styles")
            return
        for target, _line, _imported in css_references(css):
            if not target.startswith("#"):
                self.refuse(line, f"an SVG image cannot load '{quoted(target)}'")


def _remove(element) -> None:
    """Take an element out, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
