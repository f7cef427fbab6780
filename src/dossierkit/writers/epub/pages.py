"""Print page equivalence in the EPUB: a page-break marker where each print page starts."""

from __future__ import annotations

from lxml import etree

from dossierkit.layout import PageStart
from dossierkit.markup import local_name as _local

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
