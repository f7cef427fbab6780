"""The print edition's HTML: head from the manifest, cover, contents, notes at the page foot,
and the stylesheets for the paper and variant."""

from __future__ import annotations

import lxml.html

from dossierkit.build import load_and_render
from dossierkit.render.printhtml import print_html, stylesheets


def test_the_head_comes_from_the_manifest_never_the_clock(minimal_book):
    html = print_html(minimal_book, "letter", "press")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en" class="paper-letter variant-press" '
                           'data-book-title="Minimal Dossier">\n')
    document = lxml.html.document_fromstring(html)
    metas = {m.get("name"): m.get("content") for m in document.iter("meta") if m.get("name")}
    assert metas["author"] == "Test Author"
    assert (metas["dcterms.created"], metas["dcterms.modified"]) == ("2024-01-15", "2024-01-15T00:00:00Z")
    assert metas["generator"].startswith("dossierkit ")
    assert document.findtext(".//title") == "Minimal Dossier"
    assert [link.get("href") for link in document.iter("link")] == ["styles/print.css"]


def test_cover_title_page_contents_then_chapters(minimal_book):
    body = lxml.html.document_fromstring(print_html(minimal_book)).body
    assert [(child.tag, child.get("id")) for child in body] == [
        ("section", "cover"), ("section", "titlepage"), ("nav", "contents"),
        ("section", "one"), ("section", "two"), ("section", "back-cover")]
    cover = body.get_element_by_id("cover")
    assert cover.find(".//h1").get("style") == "bookmark-level: none"  # not in the outline
    contents = body.get_element_by_id("contents")
    assert [(a.get("href"), a.text) for a in contents.iter("a")] == [
        ("#one", "Chapter One"), ("#one--a-section", "A section"), ("#two", "Chapter Two")]


def test_notes_go_to_the_page_foot_beside_their_calls(minimal_book):
    body = lxml.html.document_fromstring(print_html(minimal_book)).body
    assert body.find_class("notes") == []  # the chapter-end list is the EPUB's
    paragraph = body.get_element_by_id("one-p1")
    glue = paragraph.find_class("nobr")[0]  # the call and the word before it hold together
    call, note = glue.find("a"), glue.find("span")
    assert (call.get("class"), note.get("class"), note.get("id")) == ("noteref", "footnote", "one-note-1")
    assert call.getnext() is note and glue.text == "note."
    assert note.find(".//a").get("href") == "#one-noteref-1"
    # One call for a group of sources, with its own note.
    item = body.get_element_by_id("one-li3")
    assert [(a.get("class"), a.text) for a in item.iter("a") if a.get("class") == "noteref"] == [
        ("noteref", "1,\u00a02")]


def test_a_note_cited_again_is_set_again_unless_its_call_shares_a_page(minimal):
    from dossierkit.render.printhtml import Adjustments

    chapter = minimal / "chapters" / "one.md"
    chapter.write_text(chapter.read_text("utf-8") + '\nThe book again.{{ cite("example-book, p. 12") }}\n',
                       "utf-8")
    book = load_and_render(minimal)
    # Before any layout, a call in another block gets its own copy of the note...
    again = print_html(book)
    assert 'id="one-note-1"' in again and 'id="one-note-1-2"' in again
    # ...and when a layout found it on the page of the first copy, it links to that one.
    shared = print_html(book, adjust=Adjustments(shared_notes=frozenset({"one-noteref-3"})))
    assert 'id="one-note-1-2"' not in shared
    assert '<a class="noteref" href="#one-note-1" id="one-noteref-3">' in shared


def test_stylesheets_per_paper_and_variant_only_where_they_exist(minimal):
    manifest = minimal / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace(
        'print_stylesheets = ["styles/print.css"]',
        'print_stylesheets = ["styles/print.css", "styles/paper-{paper}.css", '
        '"styles/variant-{variant}.css"]'), "utf-8")
    (minimal / "styles/paper-a4.css").write_text("@page { size: A4 }\n", "utf-8")
    (minimal / "styles/variant-press.css").write_text("@page { bleed: 3mm }\n", "utf-8")
    book = load_and_render(minimal)
    assert stylesheets(book, "a4", "screen") == ["styles/print.css", "styles/paper-a4.css"]
    assert stylesheets(book, "letter", "press") == ["styles/print.css", "styles/variant-press.css"]
    assert stylesheets(book, "a4", "press") == [
        "styles/print.css", "styles/paper-a4.css", "styles/variant-press.css"]
