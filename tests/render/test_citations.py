"""Citations: one call per point, sorted and ranged, and the bibliography entry of each kind of source."""

from __future__ import annotations

import pytest

from dossierkit.render.citations import Citations, compress, format_source
from dossierkit.render.markdown import note_class
from dossierkit.source.models import Source

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


def test_an_unknown_source_is_a_lookup_error_for_the_template_line():
    with pytest.raises(LookupError, match=r"^cite\(\): unknown source 'nowhere'$"):
        Citations([BOOK], "ch").cite("nowhere")


@pytest.mark.parametrize(("numbers", "label"), [
    ([9, 16, 13], "9,\u00a013,\u00a016"),
    ([26, 25], "25,\u00a026"),
    ([6, 48, 7, 39, 4, 5], "4–7,\u00a039,\u00a048"),
    ([3, 4, 5, 6, 7], "3–7"),
    ([4, 4, 5], "4,\u00a05"),
])
def test_calls_are_sorted_and_runs_compressed(numbers, label):
    assert compress(numbers) == label


def test_a_group_of_sources_is_one_note_in_source_order():
    sources = [Source(id=f"s{n}", title=f"Title {n}") for n in range(1, 6)]
    citations = Citations(sources, "ch")
    first = citations.cite(["s5", "s2", "s3", "s4"])
    again = citations.cite(["s4", "s3", "s2", "s5"])
    # Marked with the process's token (render.markdown): raw HTML cannot pass for a call.
    call = note_class("noteref")
    assert first == f'<a class="{call}" href="#ch-note-1" id="ch-noteref-1">2–5</a>'
    assert again == f'<a class="{call}" href="#ch-note-1" id="ch-noteref-2">2–5</a>'
    notes = citations.definitions()
    assert notes.count(f'<li class="{note_class("note")}"') == 1
    assert notes.index("Title 2") < notes.index("Title 3") < notes.index("Title 5")
