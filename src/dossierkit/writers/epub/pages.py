"""Print page equivalence: where each page of the print edition starts, as EPUB page breaks."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from dossierkit.render.book import RenderedBook

EPUB_TYPE = "data-dossierkit-epub-type"  # becomes epub:type when the document is assembled

# Parents whose content model has no room for a <span>: the marker goes inside the element.
_NO_PHRASING = {"ul", "ol", "menu", "dl", "table", "thead", "tbody", "tfoot", "tr",
                "colgroup", "hgroup", "select", "optgroup", "datalist"}


@dataclass(frozen=True)
class PageStart:
    """The element of the book that begins a print page."""

    index: int  # 0-based page of the print layout
    label: str  # the folio printed on that page
    part: str  # slug of the part (EPUB document) holding the element
    anchor: str  # the element's id, or its nearest ancestor's
    path: tuple[tuple[int, str], ...]  # (position among element children, tag) down from the anchor


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _blocks(box):
    """Block-level boxes (and table rows) in page order, leaving out page-foot notes:
    a note floated to the foot of a page sits elsewhere in the EPUB's reading order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.FootnoteAreaBox) or box.style["float"] == "footnote":
        return
    if (isinstance(box, (boxes.BlockLevelBox, boxes.TableRowBox))
            and box.element is not None and getattr(box, "pseudo_type", None) is None):
        yield box
    for child in getattr(box, "children", ()):
        yield from _blocks(child)


def page_starts(layout, book: RenderedBook) -> list[PageStart]:
    """For each print page, the first element (in reading order) whose layout begins on it.

    WeasyPrint's anchors only know elements with ids, and table rows have none, so a page
    that starts inside a long table would get no entry; the laid-out boxes know every
    element. Elements that belong to no EPUB document (a print-only contents page) and
    pages whose first element started on an earlier page are left out.
    """
    pages = layout.document.pages
    first_page: dict[int, int] = {}
    elements = {}
    root = None
    for index, page in enumerate(pages):
        page_box = page._page_box  # WeasyPrint 70 keeps the laid-out boxes here
        if root is None and page_box.children:
            root = page_box.children[0].element
        for box in _blocks(page_box):
            key = id(box.element)
            if key not in first_page:
                first_page[key] = index
                elements[key] = box.element
    if root is None:
        return []
    order = {id(element): n for n, element in enumerate(root.iter())}
    parents = {id(child): parent for parent in root.iter() for child in parent}

    def locate(element):
        """The nearest id the book knows, and the path from it down to `element`."""
        path = []
        while element is not None:
            if element.get("id") in book.id_owner:
                return element.get("id"), tuple(reversed(path))
            parent = parents.get(id(element))
            if parent is None:
                return None
            siblings = [c for c in parent if isinstance(c.tag, str)]
            path.append((siblings.index(element), _local(element.tag)))
            element = parent
        return None

    by_page: dict[int, list] = {}
    for key, index in first_page.items():
        by_page.setdefault(index, []).append(elements[key])
    starts = []
    for index in sorted(by_page):
        label = layout.folio(index)
        if not label:  # an unnumbered page (a cover) has no number to go to
            continue
        for element in sorted(by_page[index], key=lambda e: order.get(id(e), 0)):
            found = locate(element)
            if found:
                anchor, path = found
                starts.append(PageStart(index, str(label), book.id_owner[anchor], anchor, path))
                break
    return starts


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
