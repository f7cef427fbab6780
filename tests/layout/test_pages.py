"""The print layout and its page map: where each element landed, and which element of the
book begins each print page (what the EPUB's page-list follows)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from dossierkit.layout import LaidPart, PageStart, PrintLayout
from helpers import page_texts


def _part(name, first_page, pages, ids):
    return LaidPart(name, "key", first_page, pages, first_page % 2 == 1, ids, (), b"")


def test_each_id_is_on_the_page_of_the_book_it_starts_on():
    parts = [_part("front", 0, 2, {"a": 0, "b": 0, "c": 1}), _part("one", 2, 3, {"d": 0, "e": 2, "a": 1})]
    layout = PrintLayout(book=None, parts=parts, paper="a4", variant="screen")
    # Part pages count from the part's first page; the first element of an id wins.
    assert layout.page_of_id == {"a": 0, "b": 0, "c": 1, "d": 2, "e": 4}
    assert layout.page_count == 5
    assert [layout.folio(i) for i in range(3)] == ["1", "2", "3"]


def test_the_minimal_layout_puts_each_chapter_where_the_pdf_has_it(minimal_layout, minimal_build):
    pages = minimal_layout.page_of_id
    texts = page_texts(minimal_build["pdf"])
    assert minimal_layout.page_count == len(texts)
    for chapter in minimal_layout.book.chapters:
        assert texts[pages[chapter.slug]].startswith(chapter.title), chapter.slug
    # A note is set on the page of its call.
    assert pages["one-note-1"] == pages["one-noteref-1"]


def test_each_page_starts_with_an_element_of_the_book(minimal_layout):
    starts = minimal_layout.page_starts()
    assert starts == [PageStart(0, "1", "titlepage", "titlepage", ()),
                      PageStart(1, "2", "one", "one", ()),
                      PageStart(2, "3", "two", "two", ())]


def test_the_default_page_starts_are_in_order_and_point_into_the_book(default_layout):
    starts = default_layout.page_starts()
    book = default_layout.book
    indexes = [start.index for start in starts]
    assert indexes == sorted(set(indexes))
    for start in starts:
        assert start.label == default_layout.folio(start.index)
        assert book.id_owner[start.anchor] == start.part
        assert all(position >= 0 and tag for position, tag in start.path)
    # Every page from the first chapter to the back cover (print only) begins with an
    # element of the book, tables and their rows included (which have no ids of their own),
    # or inside one that began on the page before.
    first_chapter = default_layout.page_of_id[book.chapters[0].slug]
    back_cover = default_layout.page_of_id["back-cover"]
    assert indexes[indexes.index(first_chapter):] == list(range(first_chapter, back_cover))


def test_the_first_page_alone_is_a_one_page_pdf(minimal_layout):
    reader = PdfReader(io.BytesIO(minimal_layout.first_page_pdf()))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().split()[:2] == ["Minimal", "Dossier"]
