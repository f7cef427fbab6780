"""Print page equivalence: the EPUB's page-list and markers follow the PDF's pages, and the
EPUB says the same words as the print edition."""

from pathlib import PurePosixPath

import lxml.html
import pytest
from lxml import etree

from dossierkit.render.printhtml import print_html
from dossierkit.verify.pagelist import PROBE, text_after
from dossierkit.verify.reading import compact, read_epub
from helpers import page_texts
from writers.epub.files import EPUB_TYPE, NS, opf, xhtml


@pytest.mark.parametrize("build", ["minimal_build", "default_build"])
def test_every_page_list_entry_points_at_text_on_that_pdf_page(build, request):
    outputs = request.getfixturevalue(build)
    epub = read_epub(outputs["epub"])
    entries = epub.page_list()
    assert entries
    pages = [compact(text) for text in page_texts(outputs["pdf"])]
    wrong = []
    for label, target in entries:
        href, _, ident = target.partition("#")
        root = epub.document(href).root
        [marker] = root.xpath("//*[@id=$id]", id=ident)
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label") == label
        # Only the block the marker opens: print may draw side-by-side blocks (floated
        # labels, columns) in another order than the text runs, and PDF text follows drawing.
        probe = compact(text_after(root, ident))[:PROBE]
        # Folios count pages from the first, as the print stylesheet numbers them.
        if len(probe) < 4 or probe not in pages[int(label) - 1]:
            wrong.append((label, probe))
    assert wrong == []


@pytest.mark.parametrize("build", ["minimal_build", "default_build"])
def test_page_list_covers_every_page_from_the_first_chapter_on(build, request):
    outputs = request.getfixturevalue(build)
    entries = read_epub(outputs["epub"]).page_list()
    labels = [int(label) for label, _ in entries]
    count = len(page_texts(outputs["pdf"]))
    first_chapter = min(int(label) for label, href in entries
                        if not PurePosixPath(href).name.startswith("titlepage"))
    assert labels == sorted(labels)
    # The theme's back cover is a page of its own, print only (the minimal fixture's
    # stylesheet runs it on after the last chapter).
    last = count - 1 if build == "default_build" else count
    assert [n for n in labels if n >= first_chapter] == list(range(first_chapter, last + 1))


def test_ncx_page_list_matches_the_nav(default_build):
    ncx = xhtml(default_build["epub"], "toc.ncx")
    targets = ncx.xpath("//ncx:pageList/ncx:pageTarget", namespaces=NS)
    epub = read_epub(default_build["epub"])
    entries = epub.page_list()
    assert entries
    # The NCX sits beside the navigation document: their hrefs start from one folder.
    folder = PurePosixPath(epub.nav.href).parent
    assert [(t.findtext("ncx:navLabel/ncx:text", namespaces=NS),
             str(folder / t.find("ncx:content", NS).get("src"))) for t in targets] == entries


def test_page_break_source_names_the_print_edition(minimal_build):
    package = opf(minimal_build["epub"])
    source = package.findtext(".//opf:meta[@property='pageBreakSource']", namespaces=NS)
    assert source and "print edition" in source
    features = package.xpath(".//opf:meta[@property='schema:accessibilityFeature']/text()",
                             namespaces=NS)
    assert "printPageNumbers" in features and "pageBreakMarkers" in features


def _words(text: str) -> str:
    return " ".join(text.split())


def _chapter_words(section: etree._Element) -> str:
    """The words of a chapter without its notes (the print edition moves them to the page
    foot, the EPUB keeps them at the end) and without page-break markers (no text)."""
    for notes in section.xpath(".//*[@class='notes' or @class='footnote']"):
        _drop(notes)
    return _words("".join(section.itertext()))


def _drop(element):
    parent, previous = element.getparent(), element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (element.tail or "")
    else:
        parent.text = (parent.text or "") + (element.tail or "")
    parent.remove(element)


def _notes(section: etree._Element) -> list[str]:
    """The distinct notes: print sets a note again on each page that cites it."""
    return sorted({tuple(_words("".join(n.itertext())))
                   for n in section.xpath(".//*[@class='note' or starts-with(@class, 'footnote')]")})


@pytest.mark.parametrize("project", ["minimal", "default"])
def test_epub_chapters_say_the_same_words_as_the_print_html(project, request):
    book = request.getfixturevalue(f"{project}_book")
    outputs = request.getfixturevalue(f"{project}_build")
    printed = lxml.html.document_fromstring(print_html(book))
    for part in book.parts:
        epub_section = xhtml(outputs["epub"], f"text/{part.slug}.xhtml").find(".//x:body/x:section", NS)
        # One namespace-free tree for both, so the same XPath reads either.
        epub_section = lxml.html.fragment_fromstring(
            etree.tostring(epub_section, method="html", encoding="unicode"))
        print_section = printed.get_element_by_id(part.slug)
        assert _notes(epub_section) == _notes(print_section), part.slug
        epub_words = _chapter_words(epub_section)
        print_words = _chapter_words(print_section)
        assert epub_words == print_words, part.slug


def test_a_page_that_begins_inside_a_paragraph_is_marked_before_its_first_whole_word():
    from dossierkit.layout import PageStart
    from dossierkit.writers.epub.pages import insert_markers

    section = etree.fromstring(
        '<section><p id="p1">They docked<a class="noteref" href="#n">3</a> with the station, '
        'found it <em>frozen and silent</em>, and thawed it out.</p></section>')
    # Print's second page begins "zen and silent, and thawed" (the hyphenated "fro-zen"),
    # read without the note call.
    start = PageStart(1, "2", "ch", "p1", (), "zen and silent, and thawed it out.")
    placed = insert_markers(section, [start], set())
    [marker] = section.iter("span")
    assert placed == {start: "page-2"} and marker.getparent().tag == "em"
    assert marker.tail == "and silent" and marker.getprevious() is None
    assert "".join(section.itertext()) == ("They docked3 with the station, found it frozen and "
                                           "silent, and thawed it out.")

