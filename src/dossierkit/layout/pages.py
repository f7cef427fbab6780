"""The page map: which element of the book begins each print page, found in the laid-out
boxes (every block, table rows included, not only those with ids)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dossierkit.markup import local_name
from dossierkit.render.book import RenderedBook


@dataclass(frozen=True)
class PageStart:
    """The element of the book that begins a print page."""

    index: int  # 0-based page of the print layout
    label: str  # the folio printed on that page
    part: str  # slug of the part (EPUB document) holding the element
    anchor: str  # the element's id, or its nearest ancestor's
    path: tuple[tuple[int, str], ...]  # (position among element children, tag) down from the anchor


def page_starts(pages, book: RenderedBook, folio: Callable[[int], str]) -> list[PageStart]:
    """For each print page, the first element (in reading order) whose layout begins on it.

    WeasyPrint's anchors only know elements with ids, and table rows have none, so a page
    that starts inside a long table would get no entry; the laid-out boxes know every
    element. Elements that belong to no EPUB document (a print-only contents page) and
    pages whose first element started on an earlier page are left out.
    """
    from dossierkit.layout.weasy import page_blocks

    first_page: dict[int, int] = {}
    elements = {}
    root = None
    for index, page in enumerate(pages):
        page_root, blocks = page_blocks(page)
        root = root if root is not None else page_root
        for element in blocks:
            key = id(element)
            if key not in first_page:
                first_page[key] = index
                elements[key] = element
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
            path.append((siblings.index(element), local_name(element.tag)))
            element = parent
        return None

    by_page: dict[int, list] = {}
    for key, index in first_page.items():
        by_page.setdefault(index, []).append(elements[key])
    starts = []
    for index in sorted(by_page):
        label = folio(index)
        if not label:  # an unnumbered page (a cover) has no number to go to
            continue
        for element in sorted(by_page[index], key=lambda e: order.get(id(e), 0)):
            found = locate(element)
            if found:
                anchor, path = found
                starts.append(PageStart(index, str(label), book.id_owner[anchor], anchor, path))
                break
    return starts
