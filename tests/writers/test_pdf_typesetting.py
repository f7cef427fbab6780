"""Typesetting of the print edition: measure, hyphenation, quotes, addresses (from the
laid-out lines and the PDF's text)."""

from __future__ import annotations

import re
import statistics

from pypdf import PdfReader

from dossierkit.source.loader import load_dossier
from helpers import REPO


def _lines(layout, with_parent: bool = False):
    """(block box of the line, text of the line) for every laid-out line; with the block
    that holds that block, if asked."""
    from weasyprint.formatting_structure import boxes

    def walk(box, block, parent):
        if isinstance(box, boxes.LineBox):
            text = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
            yield (block, text, parent) if with_parent else (block, text)
            return
        if isinstance(box, boxes.BlockBox) and box.element is not None and box.element is not (
                block.element if block is not None else None):
            block, parent = box, block
        for child in getattr(box, "children", ()):
            yield from walk(child, block, parent)

    for page in layout.document.pages:
        yield from walk(page._page_box, None, None)


def _is_footnote(block) -> bool:
    return block is not None and block.style["float"] == "footnote" or (
        block is not None and "footnote" in (block.element.get("class") or ""))


def test_body_measure_is_45_to_75_characters_and_notes_at_most_100(a4_layout):
    _, layout = a4_layout
    body, notes = [], []
    for block, text, parent in _lines(layout, with_parent=True):
        if block is None:
            continue
        element = block.element
        # Running text: the paragraphs of chapters, not notes, captions or cells.
        in_chapter = parent is not None and (parent.element.get("class") or "").startswith("chapter")
        if element.tag == "p" and in_chapter and not _is_footnote(block):
            body.append(len(text.strip()))
        elif _is_footnote(block):
            notes.append(len(text.strip()))
    full_lines = [n for n in body if n > 20]  # not the last line of a paragraph
    assert len(full_lines) > 300
    assert 45 <= statistics.median(full_lines) <= 75
    assert statistics.median([n for n in notes if n > 20]) <= 100


def _inserted_hyphens(layout):
    """(block, word) for every line that ends in a hyphen the layout inserted."""
    lines = list(_lines(layout))
    for (block, text), (next_block, following) in zip(lines, lines[1:]):
        if block is None or next_block is not block or not text.rstrip().endswith("-"):
            continue
        fragment = text.rstrip()[:-1].split()[-1] if text.rstrip()[:-1].split() else ""
        rest = following.split()[0] if following.split() else ""
        whole = "".join(block.element.itertext())
        if fragment and rest and fragment + rest in whole and fragment + "-" + rest not in whole:
            yield block, fragment + rest


def test_no_hyphen_breaks_names_numbers_addresses_or_table_cells(a4_layout):
    _, layout = a4_layout
    found = list(_inserted_hyphens(layout))
    for block, word in found:
        word = word.strip(".,;:()“”‘’")
        assert block.element.tag not in ("td", "th"), word
        assert not _is_footnote(block), word
        assert not word[0].isupper(), word
        assert not any(c.isdigit() for c in word), word
        assert "/" not in word and "@" not in word and "." not in word, word


def _pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_no_straight_quotes_or_apostrophes_in_the_text(default_build):
    pages = _pdf_text(default_build["pdf"])
    straight = [(n + 1, m.group()) for n, text in enumerate(pages)
                for m in re.finditer(r".{0,12}['\"].{0,12}", text)]
    assert straight == []
    assert any("Ain’t It Cool News" in text for text in pages)


def test_addresses_are_never_hyphenated(default_build):
    compact = "".join("".join(t.split()) for t in _pdf_text(default_build["pdf"]))
    urls = [s.url for s in load_dossier(REPO).data.sources if s.url]
    assert len(urls) > 50
    from markdown_it.common.normalize_url import normalizeLinkText

    # As printed: an international domain in its own script, escapes decoded.
    missing = [u for u in urls if u not in compact and "".join(normalizeLinkText(u).split()) not in compact]
    assert missing == []


def _page_items(layout):
    """Per page: (kind, element) in order, for lines of text ("line", with the element of
    their block) and table rows ("row"), leaving out page-foot notes and margin boxes."""
    from weasyprint.formatting_structure import boxes

    def walk(box, block, found):
        if isinstance(box, (boxes.FootnoteAreaBox, boxes.MarginBox)):
            return
        if isinstance(box, boxes.LineBox):
            found.append(("line", block.element if block is not None else None))
            return
        if isinstance(box, boxes.TableRowBox):
            found.append(("row", box.element))
            return
        if isinstance(box, boxes.BlockBox) and box.element is not None:
            block = box
        for child in getattr(box, "children", ()):
            walk(child, block, found)

    for page in layout.document.pages:
        found = []
        walk(page._page_box, None, found)
        yield found


def test_copyfitting_keeps_headings_items_and_rows_together(a4_layout):
    _, layout = a4_layout
    pages = list(_page_items(layout))
    item_pages: dict[int, set[int]] = {}
    for number, items in enumerate(pages, 1):
        elements = [element for _, element in items]
        # A heading is followed on its page by at least two lines of its text (or a row).
        for position, (_kind, element) in enumerate(items):
            if element is not None and element.tag in ("h2", "h3", "h4"):
                after = [e for e in elements[position + 1:] if e is not element]
                assert len(after) >= 2 or not after and number == len(pages), (number, element.get("id"))
        for _kind, element in items:
            if element is not None and element.tag == "li":
                item_pages.setdefault(id(element), set()).add(number)
    # No list item is split over two pages.
    assert [pages for pages in item_pages.values() if len(pages) > 1] == []


def test_no_table_leaves_one_row_alone(a4_layout):
    from weasyprint.formatting_structure import boxes

    _, layout = a4_layout
    lonely = []
    for number, page in enumerate(layout.document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableBox) and box.element is not None:
                rows = [r for group in box.children if isinstance(group, boxes.TableRowGroupBox)
                        and group.element is not None and group.element.tag == "tbody"
                        for r in group.children]
                total = len(box.element.findall("tbody/tr"))
                if total > 2 and len(rows) == 1:
                    lonely.append((number, box.element.get("id")))
    assert lonely == []
