"""Print page equivalence in the EPUB: a page-break marker where each print page starts."""

from __future__ import annotations

import re

from lxml import etree

from dossierkit.layout import PageStart
from dossierkit.markup import local_name as _local

# Letters enough to find where a page begins inside a paragraph.
PROBE = 40
EPUB_TYPE = "data-dossierkit-epub-type"  # becomes epub:type when the document is assembled

# Parents whose content model has no room for a <span>: the marker goes inside the element.
_NO_PHRASING = {"ul", "ol", "menu", "dl", "table", "thead", "tbody", "tfoot", "tr",
                "colgroup", "hgroup", "select", "optgroup", "datalist"}


def marker_id(start: PageStart, taken) -> str:
    base = candidate = f"page-{start.index + 1}"
    n = 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def insert_markers(section: etree._Element, starts: list[PageStart], taken) -> dict[PageStart, str]:
    """Put a page-break marker before the element that begins each page; return their ids.

    A page whose element cannot be found (the trees differ) is left out rather than
    marked in the wrong place.
    """
    by_id = {e.get("id"): e for e in section.iter() if isinstance(e.tag, str) and e.get("id")}
    # Every element is found before any marker goes in: markers shift child positions.
    targets = [(start, _find(by_id.get(start.anchor), start.path)) for start in starts]
    placed = {}
    for start, element in targets:
        if element is None:
            continue
        ident = marker_id(start, taken)
        taken.add(ident)
        marker = etree.Element("span", {EPUB_TYPE: "pagebreak", "role": "doc-pagebreak",
                                        "id": ident, "aria-label": start.label})
        if not (start.words and _place_within(marker, element, start.words)):
            _place(marker, element, section)
        placed[start] = ident
    return placed


def _find(element, path):
    for position, tag in path:
        if element is None:
            return None
        children = [c for c in element if isinstance(c.tag, str)]
        element = children[position] if position < len(children) else None
        if element is not None and _local(element.tag) != tag:
            return None
    return element


def _text_nodes(element: etree._Element):
    """(node, is_tail) for each piece of running text inside `element`, in reading order,
    leaving out note calls (print sets them apart, and a page's first line is read without)."""
    if element.text:
        yield element, False
    for child in element:
        if not isinstance(child.tag, str):
            continue
        classes = set((child.get("class") or "").split())
        if not classes & {"noteref", "noteref-sep"} and child.get(EPUB_TYPE) != "pagebreak":
            yield from _text_nodes(child)
        if child.tail:
            yield child, True


def _place_within(marker: etree._Element, element: etree._Element, words: str) -> bool:
    """Put the marker inside `element` before the first whole word of `words` (the text
    a print page begins with, inside a block that began on the page before); False if
    those words are not found."""
    nodes = list(_text_nodes(element))
    pieces = [node.tail if tail else node.text for node, tail in nodes]
    text = "".join(pieces)
    flat = re.sub(r"\s", " ", text)
    # The line's last word may be the first half of a hyphenated one: left out.
    tokens = words.split()
    probe = " ".join(tokens[:-1] if len(tokens) > 1 else tokens)[:PROBE]
    at = " ".join(flat.split()).find(probe) if probe else -1
    if at < 0:
        return False
    at = _position_in(flat, at)
    while 0 < at < len(text) and not (text[at - 1].isspace() and not text[at].isspace()):
        at += 1  # the line began inside a hyphenated word: the marker goes before the next
    if at >= len(text):
        return False
    for (node, tail), piece in zip(nodes, pieces):
        if at < len(piece):
            marker.tail = piece[at:]
            if tail:
                node.tail = piece[:at]
                node.addnext(marker)
            else:
                node.text = piece[:at]
                node.insert(0, marker)
            return True
        at -= len(piece)
    return False


def _position_in(text: str, squeezed_at: int) -> int:
    """The position in `text` of character `squeezed_at` of its whitespace-squeezed form."""
    count, previous_space = 0, True
    for position, char in enumerate(text):
        space = char.isspace()
        if space and previous_space:
            continue
        if count == squeezed_at:
            return position
        count += 1
        previous_space = space
    return len(text)


def _place(marker: etree._Element, element: etree._Element, section: etree._Element) -> None:
    parent = element.getparent()
    inside = (element is section or parent is None or _local(parent.tag) in _NO_PHRASING
              # A figure's caption must stay its first or last child.
              or (_local(element.tag) == "figcaption"))
    if not inside:
        element.addprevious(marker)
        return
    # Into the element itself, down to the first cell of a table or row.
    target = element
    while _local(target.tag) in ("table", "thead", "tbody", "tfoot", "tr"):
        rows = [c for c in target if _local(c.tag) in ("thead", "tbody", "tfoot", "tr", "th", "td")]
        if not rows:
            break
        target = rows[0]
    marker.tail = target.text
    target.text = None
    target.insert(0, marker)
