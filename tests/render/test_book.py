"""Rendering once: well-formed XHTML chapters, unique ids, notes, language marks."""

from collections import Counter

import pytest
from lxml import etree

from dossierkit.errors import DossierError
from dossierkit.render.book import render_book
from dossierkit.render.xhtml import BLOCK_TAGS
from dossierkit.source.loader import load_dossier
from helpers import CHAPTER_TITLES, REPO


def _render(project):
    return render_book(load_dossier(project))


def _elements(book):
    for part in book.parts:
        yield from etree.fromstring(part.xhtml).iter()


def test_every_part_is_well_formed_xml_with_one_section(minimal):
    for part in _render(minimal).parts:
        root = etree.fromstring(part.xhtml)
        assert root.tag == "section"


def test_every_block_has_a_book_wide_unique_id(default_book):
    book = default_book
    ids = [el.get("id") for el in _elements(book) if el.get("id")]
    blocks = [el for el in _elements(book) if el.tag in BLOCK_TAGS]
    assert blocks and all(el.get("id") for el in blocks)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_chapters_come_in_manifest_order_with_their_titles(default_book):
    book = default_book
    assert [c.slug for c in book.chapters] == load_dossier(REPO).manifest.chapters
    assert [c.title for c in book.chapters][:5] == CHAPTER_TITLES


def test_citations_become_linked_notes(minimal):
    one = etree.fromstring(_render(minimal).parts[1].xhtml)
    refs = one.xpath(".//a[@class='noteref']")
    assert [(r.get("href"), r.text) for r in refs] == [
        ("#one-note-1", "1"), ("#one-note-1", "1"), ("#one-note-2", "2")]
    assert not one.xpath(".//a[@class='noteref']/sup | .//sup/a")
    note = one.xpath(".//aside[@id='one-note-1']")[0]
    back = note.xpath(".//a[@class='note-back']")[0]
    assert back.get("href") == "#one-noteref-1"
    assert " ".join("".join(note.itertext()).split()) == (
        "1. A. Writer, An Example Book, Example Press, 1999, p. 12.")


def test_each_chapter_numbers_its_own_notes(minimal):
    two = etree.fromstring(_render(minimal).parts[2].xhtml)
    assert [a.get("id") for a in two.iter("aside")] == ["two-note-1"]


def _with_original_language(project, language):
    manifest = project / "dossier.toml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text.replace('language = "en"\n', f'language = "en"\noriginal_language = "{language}"\n'),
                        "utf-8")
    return project


def _marked(project) -> list[tuple[str, str]]:
    one = etree.fromstring(_render(project).parts[1].xhtml)
    return [(s.get("lang"), s.text) for s in one.xpath(".//span[@lang]")]


def test_runs_in_the_original_languages_script_are_marked(minimal):
    assert _marked(_with_original_language(minimal, "ru")) == [("ru", "«Салют-7»")]


def test_nothing_is_marked_without_an_original_language(minimal):
    assert _marked(minimal) == []


def test_an_original_language_in_latin_script_marks_nothing(minimal):
    # Its words cannot be told from the dossier's own by their letters.
    assert _marked(_with_original_language(minimal, "fr")) == []


def test_no_cyrillic_outside_a_russian_span(default_book):
    for part in default_book.parts:
        root = etree.fromstring(part.xhtml)
        for el in root.iter():
            marked = any(a.get("lang", "").startswith("ru") for a in [el, *el.iterancestors()])
            own = (el.text or "") if isinstance(el.tag, str) else ""
            if any("\u0400" <= ch <= "\u04ff" for ch in own):
                assert marked, (part.slug, own)


def test_links_between_chapters_point_at_existing_ids(minimal):
    book = _render(minimal)
    for el in _elements(book):
        if el.tag == "a" and el.get("href", "").startswith("#"):
            assert el.get("href")[1:] in book.id_owner


def test_raw_html_is_sanitised(minimal):
    path = minimal / "chapters" / "two.md"
    path.write_text(path.read_text() + '\n<script>alert(1)</script><p onclick="x()">'
                    '<b>bold</b></p><iframe src="x"></iframe><form><input></form>\n')
    xhtml = _render(minimal).parts[2].xhtml
    for bad in ("script", "onclick", "iframe", "alert", "form", "input"):
        assert bad not in xhtml
    assert "<b>bold</b>" in xhtml


def test_script_links_are_refused(minimal):
    path = minimal / "chapters" / "two.md"
    path.write_text(path.read_text() + '\n<a href="javascript:alert(1)">link</a>\n')
    with pytest.raises(DossierError) as error:
        _render(minimal)
    assert str(error.value) == (
        "chapters/two.md: link to 'javascript:alert(1)' cannot work in a PDF or EPUB "
        "(link to a web address or to an #id in the dossier)")
