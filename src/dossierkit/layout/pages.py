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
    # Where the page begins inside that element, when it began on an earlier page: the
    # running text of the page's first line ("" when the page begins with the element).
    words: str = ""


def page_starts(pages, book: RenderedBook, folio: Callable[[int], str]) -> list[PageStart]:
    """For each print page, the first element (in reading order) whose layout begins on it.

    WeasyPrint's anchors only know elements with ids, and table rows have none, so a page
    that starts inside a long table would get no entry; the laid-out boxes know every
    element. Elements that belong to no EPUB document (a print-only contents page) and
    unnumbered pages are left out. A page with no element of its own begins inside one
    that began earlier (a paragraph's last lines): its start is that element, with the
    words the page's first line begins with.
    """
    from dossierkit.layout.weasy import first_line

    by_page, root = _first_pages(pages)
    if root is None:
        return []
    order = {id(element): n for n, element in enumerate(root.iter())}
    locate = _Locator(root, book)
    starts = []
    for index, page in enumerate(pages):
        label = folio(index)
        if not label:  # an unnumbered page (a cover) has no number to go to
            continue
        start = None
        for element in sorted(by_page.get(index, ()), key=lambda e: order.get(id(e), 0)):
            found = locate(element)
            if found:
                start = PageStart(index, str(label), book.id_owner[found[0]], *found)
                break
        if start is None and (line := first_line(page)) and (found := locate(line[0])):
            start = PageStart(index, str(label), book.id_owner[found[0]], *found, line[1])
        if start is not None:
            starts.append(start)
    return starts


def _first_pages(pages):
    """Page index -> the elements whose layout begins on that page; and the root element."""
    from dossierkit.layout.weasy import page_blocks

    seen: set[int] = set()
    by_page: dict[int, list] = {}
    root = None
    for index, page in enumerate(pages):
        page_root, blocks = page_blocks(page)
        root = root if root is not None else page_root
        for element in blocks:
            if id(element) not in seen:
                seen.add(id(element))
                by_page.setdefault(index, []).append(element)
    return by_page, root


class _Locator:
    """The nearest id the book knows above an element, and the path down to it."""

    def __init__(self, root, book: RenderedBook):
        self.parents = {id(child): parent for parent in root.iter() for child in parent}
        self.known = book.id_owner

    def __call__(self, element):
        path = []
        while element is not None:
            if element.get("id") in self.known:
                return element.get("id"), tuple(reversed(path))
            parent = self.parents.get(id(element))
            if parent is None:
                return None
            siblings = [c for c in parent if isinstance(c.tag, str)]
            path.append((siblings.index(element), local_name(element.tag)))
            element = parent
        return None
