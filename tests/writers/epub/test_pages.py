"""Print page equivalence: the EPUB's page-list and markers follow the PDF's pages, and the
EPUB says the same words as the print edition."""

import pytest
from lxml import etree
from pypdf import PdfReader

from writers.epub.files import EPUB_TYPE, NS, squeeze, words, xhtml

PROBE = 24  # letters and digits after a marker that must be on the marker's page


def _page_list(path):
    nav = xhtml(path, "nav.xhtml")
    return [(a.text, a.get("href"))
            for a in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)]


def _plain_text(element: etree._Element) -> str:
    """The element's text without note calls (the print edition may style those apart)."""
    if element.get(EPUB_TYPE) == "noteref" or element.get("class") == "noteref-sep":
        return ""
    return (element.text or "") + "".join(_plain_text(c) + (c.tail or "") for c in element)


def _text_after(marker: etree._Element, length: int) -> str:
    """The start of the block that `marker` opens, up to `length` letters and digits.

    Only that block: the print edition may draw side-by-side blocks (floated labels,
    columns) in another order than the text runs, and PDF text follows the drawing.
    """
    following = marker.getnext()
    if (marker.tail or "").strip() or following is None:  # the marker opens its parent
        text = (marker.tail or "") + "".join(_plain_text(c) + (c.tail or "")
                                             for c in marker.itersiblings())
    else:
        text = _plain_text(following)
    return squeeze(text)[:length]


@pytest.mark.parametrize("build", ["minimal_build", "default_build"])
def test_every_page_list_entry_points_at_text_on_that_pdf_page(build, request):
    outputs = request.getfixturevalue(build)
    entries = _page_list(outputs["epub"])
    assert entries
    pages = [squeeze(page.extract_text()) for page in PdfReader(outputs["pdf"]).pages]
    wrong = []
    for label, href in entries:
        name, _, ident = href.partition("#")
        doc = xhtml(outputs["epub"], name)
        marker = doc.xpath(f"//*[@id='{ident}']")[0]
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label") == label
        probe = _text_after(marker, PROBE)
        # Folios count pages from the first, as the print stylesheet numbers them.
        if len(probe) < 4 or probe not in pages[int(label) - 1]:
            wrong.append((label, probe))
    assert wrong == []


@pytest.mark.parametrize("build", ["minimal_build", "default_build"])
def test_page_list_covers_every_page_from_the_first_chapter_on(build, request):
    outputs = request.getfixturevalue(build)
    labels = [int(label) for label, _ in _page_list(outputs["epub"])]
    count = len(PdfReader(outputs["pdf"]).pages)
    first_chapter = min(int(label) for label, href in _page_list(outputs["epub"])
                        if not href.startswith("text/titlepage"))
    assert labels == sorted(labels)
    assert [n for n in labels if n >= first_chapter] == list(range(first_chapter, count + 1))


def test_ncx_page_list_matches_the_nav(default_build):
    ncx = xhtml(default_build["epub"], "toc.ncx")
    targets = ncx.xpath("//ncx:pageList/ncx:pageTarget", namespaces=NS)
    assert [(t.findtext("ncx:navLabel/ncx:text", namespaces=NS),
             t.find("ncx:content", NS).get("src")) for t in targets] == _page_list(
        default_build["epub"])


def test_page_break_source_names_the_print_edition(minimal_build):
    from writers.epub.files import opf

    package = opf(minimal_build["epub"])
    source = package.findtext(".//opf:meta[@property='pageBreakSource']", namespaces=NS)
    assert source and "print edition" in source
    features = package.xpath(".//opf:meta[@property='schema:accessibilityFeature']/text()",
                             namespaces=NS)
    assert "printPageNumbers" in features and "pageBreakMarkers" in features


def _chapter_words(section: etree._Element) -> str:
    """The words of a chapter without its notes (the print edition moves them to the page
    foot, the EPUB keeps them at the end) and without page-break markers (no text)."""
    for notes in section.xpath(".//*[@class='notes' or @class='footnote']"):
        _drop(notes)
    return words("".join(section.itertext()))


def _drop(element):
    parent, previous = element.getparent(), element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (element.tail or "")
    else:
        parent.text = (parent.text or "") + (element.tail or "")
    parent.remove(element)


def _notes(section: etree._Element) -> list[str]:
    return sorted(words("".join(n.itertext()))
                  for n in section.xpath(".//*[@class='note' or @class='footnote']"))


@pytest.mark.parametrize("project", ["minimal", "default"])
def test_epub_chapters_say_the_same_words_as_the_print_html(project, request):
    import lxml.html

    from dossierkit.build import load_and_render
    from dossierkit.render.printhtml import print_html
    from helpers import FIXTURES, REPO

    root = REPO if project == "default" else FIXTURES / "minimal"
    book = load_and_render(root)
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
