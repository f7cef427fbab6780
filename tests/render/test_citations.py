"""Citations: each chapter's note labels, and the bibliography entry of each kind of source."""

from __future__ import annotations

import pytest

from dossierkit.render.citations import Citations, format_source
from dossierkit.source.models import Source, SourceRef

BOOK = Source(id="book", title="Salyut 7: Notes", author="V. Savinykh", outlet="Press",
              date="1999", kind="book")
ARTICLE = Source(id="art", title="The rescue", outlet="A Daily", date="2017-10-12", kind="article",
                 url="https://example.org/a", note="In Russian")


def test_a_book_is_italic_with_its_publisher_plain():
    assert format_source(BOOK, "p. 115") == "V. Savinykh, *Salyut 7: Notes*, Press, 1999, p. 115."


def test_an_article_is_quoted_with_its_outlet_italic_a_note_and_its_address():
    assert format_source(ARTICLE) == (
        "“The rescue”, *A Daily*, 2017-10-12. In Russian. <https://example.org/a>")


def test_source_text_is_escaped():
    source = Source(id="x", title="<b>Bold</b> & co", kind="web")
    assert format_source(source) == "“&lt;b&gt;Bold&lt;/b&gt; &amp; co”."


def test_labels_are_per_place_and_reused():
    citations = Citations([BOOK, ARTICLE])
    assert citations.cite("book, p. 115") == "[^book-p-115]"
    assert citations.cite(["art", SourceRef(id="book", at="p. 115")]) == "[^art][^book-p-115]"
    assert citations.cite(SourceRef(id="book")) == "[^book]"
    assert citations.definitions() == (
        "\n\n[^book-p-115]: V. Savinykh, *Salyut 7: Notes*, Press, 1999, p. 115."
        "\n\n[^art]: “The rescue”, *A Daily*, 2017-10-12. In Russian. <https://example.org/a>"
        "\n\n[^book]: V. Savinykh, *Salyut 7: Notes*, Press, 1999.")


def test_each_chapter_starts_its_own_notes():
    first, second = Citations([BOOK]), Citations([BOOK])
    first.cite("book")
    assert second.definitions() == ""


def test_an_unknown_source_is_a_lookup_error_for_the_template_line():
    with pytest.raises(LookupError, match=r"^cite\(\): unknown source 'nowhere'$"):
        Citations([BOOK]).cite("nowhere")
