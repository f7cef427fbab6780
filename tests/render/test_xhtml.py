"""Shaping a chapter's HTML: note calls and notes, ids on every block, runs in the original
language's script marked."""

from __future__ import annotations

from lxml import etree

from dossierkit.render.markdown import markdown_to_html
from dossierkit.render.xhtml import (
    assign_ids,
    mark_language,
    parse_fragment,
    restructure_notes,
    script_run,
    slugify,
    text_of,
    to_xml,
)

CHAPTER = ("# Title\n\nA claim[^a] and again[^a][^b].\n\n## Sub part\n\nText.\n\n"
           "## Sub part\n\n[^a]: First.\n[^b]: Second.\n")


def _section(markdown: str = CHAPTER) -> etree._Element:
    section = parse_fragment(markdown_to_html(markdown, "en"))
    restructure_notes(section, "ch")
    return section


def test_the_authors_note_calls_are_plain_lettered_links_separated_by_commas():
    paragraph = _section().find("p")
    assert to_xml(paragraph).strip() == (
        '<p>A claim<a class="noteref" href="#ch-fn-a" id="ch-fnref-1">a</a> and again'
        '<a class="noteref" href="#ch-fn-a" id="ch-fnref-1-1">a</a>'
        '<span class="noteref-sep">,</span>'
        '<a class="noteref" href="#ch-fn-b" id="ch-fnref-2">b</a>.</p>')


def test_the_authors_notes_are_listed_and_link_back_to_their_first_call():
    section = _section()
    assert section.find(".//hr") is None and section.find(".//sup") is None
    [notes] = section.findall("section")
    assert (notes.get("class"), notes.get("id"), notes.findtext("h2")) == ("notes", "ch-notes", "Notes")
    assert [to_xml(item).strip() for item in notes.iter("li")] == [
        '<li class="note" id="ch-fn-a"><p><a class="note-back" href="#ch-fnref-1">a.</a> First.</p>\n</li>',
        '<li class="note" id="ch-fn-b"><p><a class="note-back" href="#ch-fnref-2">b.</a> Second.</p>\n</li>']


def test_a_chapter_without_notes_keeps_its_shape():
    section = _section("# Title\n\nNo notes.\n")
    assert to_xml(section) == "<section><h1>Title</h1>\n<p>No notes.</p>\n</section>"


def test_every_block_gets_a_unique_id_and_headings_a_readable_one():
    section = _section()
    taken = {"ch-p2"}  # already used elsewhere in the book
    assert assign_ids(section, "ch", taken) == []
    ids = [(el.tag, el.get("id")) for el in section.iter() if el.tag in ("h1", "h2", "p", "section")]
    assert ids[:6] == [("section", "ch-section1"), ("h1", "ch--title"), ("p", "ch-p2-2"),
                       ("h2", "ch--sub-part"), ("p", "ch-p3"), ("h2", "ch--sub-part-2")]
    assert len(taken) == len({el.get("id") for el in section.iter() if el.get("id")}) + 1


def test_ids_the_author_gave_are_kept_and_duplicates_reported():
    section = parse_fragment('<p id="mine">a</p><p id="mine">b</p><p id="other">c</p>')
    taken = {"other"}
    assert assign_ids(section, "ch", taken) == ["mine", "other"]
    assert [p.get("id") for p in section.iter("p")] == ["mine", "mine", "other"]


def test_script_runs_of_the_original_language():
    russian = script_run("ru")
    assert russian.findall("the film «Салют-7» and Салют 7 in 1985") == ["«Салют-7»", "Салют 7"]
    # Digits, spaces and brackets inside a run belong to it.
    assert russian.findall("«Салют-7» (2017)!") == ["«Салют-7» (2017)"]
    assert script_run("ru-RU") is not None and script_run("el").search("Σαλιούτ")
    # A language in Latin script cannot be told from English by its letters.
    assert script_run("fr") is None and script_run("en") is None and script_run(None) is None


def test_runs_are_marked_once_in_text_and_tails():
    root = parse_fragment('<p>See «Салют-7» <em>and</em> Салют too, '
                          '<span lang="ru">Союз</span>.</p>')
    assert mark_language(root, "ru") is True
    assert to_xml(root.find("p")) == (
        '<p>See <span lang="ru">«Салют-7»</span> <em>and</em> <span lang="ru">Салют</span> too, '
        '<span lang="ru">Союз</span>.</p>')
    assert mark_language(parse_fragment("<p>Салют</p>"), "fr") is False
    assert mark_language(parse_fragment("<p>Only English.</p>"), "ru") is False


def test_slugs_and_text():
    assert slugify("Fact Versus Fiction!") == "fact-versus-fiction"
    assert slugify("Ça va") == "ca-va" and slugify("Салют") == ""
    assert text_of(parse_fragment("<p> a <b>b\n c</b> </p>")) == "a b c"
