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


def test_each_citation_point_is_one_call_numbered_by_the_sources_list(minimal):
    one = etree.fromstring(_render(minimal).parts[1].xhtml)
    refs = one.xpath(".//a[@class='noteref']")
    # The sources are numbers 1 and 2 of sources.yaml; a group is one call and one note.
    assert [(r.get("href"), r.text) for r in refs] == [
        ("#one-note-1", "1"), ("#one-note-2", "1,\u00a02")]
    assert not one.xpath(".//a[@class='noteref']/sup | .//sup/a")
    # The call and the word before it make one unbreakable group.
    assert refs[0].getparent().get("class") == "nobr"
    assert refs[0].getparent().text == "note."
    note = one.xpath(".//li[@id='one-note-2']")[0]
    back = note.xpath(".//a[@class='note-back']")[0]
    assert back.get("href") == "#one-noteref-2"
    assert " ".join("".join(note.itertext()).split()) == (
        "1 A. Writer, An Example Book, Example Press, 1999, p. 12. "
        "2 “An example page”, Example Site. https://example.org/page")


def test_each_chapter_lists_its_own_notes(minimal):
    two = etree.fromstring(_render(minimal).parts[2].xhtml)
    assert [li.get("id") for li in two.xpath(".//ol[@class='notes-list']/li")] == ["two-note-1"]


def test_the_authors_own_notes_are_lettered_beside_the_source_notes(minimal):
    chapter = minimal / "chapters" / "two.md"
    chapter.write_text(chapter.read_text() + "\nA remark.[^aside]\n\n[^aside]: Said in passing.\n")
    two = etree.fromstring(_render(minimal).parts[2].xhtml)
    assert [(a.get("href"), a.text) for a in two.xpath(".//a[@class='noteref']")] == [
        ("#two-note-1", "1"), ("#two-fn-a", "a")]
    assert [li.get("id") for li in two.xpath(".//ol[@class='notes-list']/li")] == [
        "two-fn-a", "two-note-1"]


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


def test_every_note_call_is_a_link_to_a_note_of_its_chapter(default_book):
    """A call made inside a data block (the technical sheet's running times) is HTML too,
    never escaped into visible text, and each links to a note its chapter holds."""
    for part in default_book.parts:
        assert "&lt;a " not in part.xhtml, part.slug
        section = etree.fromstring(part.xhtml)
        ids = {e.get("id") for e in section.iter() if isinstance(e.tag, str)}
        calls = [a for a in section.iter("{*}a") if a.get("class") == "noteref"]
        assert all(a.get("href")[1:] in ids for a in calls), part.slug
        backs = [a for a in section.iter("{*}a") if a.get("class") == "note-back"]
        assert all(a.get("href")[1:] in ids for a in backs), part.slug


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
