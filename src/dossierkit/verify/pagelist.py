"""The EPUB's page-list agrees with the PDF: the text after each page marker is on that PDF page."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from dossierkit.markup import EPUB_TYPE_ATTRIBUTE as EPUB_TYPE
from dossierkit.verify import Result
from dossierkit.verify.reading import compact, pdf_page_labels, pdf_page_texts, read_epub

# Enough letters to identify a place, few enough to stay on one page.
PROBE = 24




def _plain_text(element: etree._Element) -> str:
    """An element's text without note calls, which print sets apart (superscript, page foot)."""
    if element.get(EPUB_TYPE) == "noteref" or element.get("class") == "noteref-sep":
        return ""
    return (element.text or "") + "".join(_plain_text(c) + (c.tail or "") for c in element)


def text_after(root: etree._Element, element_id: str) -> str | None:
    """The text of the block that the page-break marker with that id opens.

    Only that block: print may draw side-by-side blocks (a floated label beside its
    text, columns) in another order than the text runs, and PDF text follows drawing.
    """
    matches = root.xpath("//*[@id=$id]", id=element_id)
    if not matches:
        return None
    marker = matches[0]
    if marker.get(EPUB_TYPE) != "pagebreak":  # an entry may point at a block itself
        return _plain_text(marker)
    following = marker.getnext()
    if (marker.tail or "").strip() or following is None:  # the marker opens its parent
        return (marker.tail or "") + "".join(_plain_text(c) + (c.tail or "")
                                             for c in marker.itersiblings())
    return _plain_text(following)


def check(pdf: Path, epub: Path) -> Result:
    result = Result()
    book = read_epub(epub)
    entries = book.page_list()
    if not entries:
        result.skipped, result.summary = True, "skipped: the EPUB has no page-list"
        return result
    labels = pdf_page_labels(pdf)
    pages = [compact(t) for t in pdf_page_texts(pdf)]
    index_of = {label: i for i, label in reversed(list(enumerate(labels)))}
    for label, target in entries:
        href, _, fragment = target.partition("#")
        document = book.document(href)
        if label not in index_of:
            result.error(f"page-list entry '{label}' names a page the PDF does not have")
            continue
        after = text_after(document.root, fragment) if document is not None and fragment else None
        if after is None:
            result.error(f"page-list entry '{label}' points to {target}, which does not exist")
            continue
        probe = compact(after)[:PROBE]
        if not probe:
            continue  # a marker at the very end of the book has nothing after it to compare
        page = index_of[label]
        if probe not in pages[page]:
            where = [labels[i] for i, text in enumerate(pages) if probe in text]
            found = f"; it is on PDF page {where[0]}" if where else ""
            result.error(f"page-list entry '{label}' ({target}): the text after it, "
                         f"'{' '.join(after.split())[:40]}…', is not on PDF page {label}{found}")
    result.summary = f"{len(entries)} page-list entries against {len(labels)} PDF pages"
    return result
