"""The EPUB writer, checked by EPUBCheck and by parsing the package."""

import zipfile

import pytest

from dossierkit.verify.reading import read_epub
from helpers import BRIEF_ACTORS, CHAPTER_TITLES, FIXTURES, epubcheck_findings
from writers.epub.files import NS, opf, read, spine_files, xhtml


def _text(path):
    return " ".join(" ".join(d.body_text().split()) for d in read_epub(path).spine)


def test_minimal_epub_passes_epubcheck(minimal_build):
    assert epubcheck_findings(minimal_build["epub"]) == []


def test_default_epub_passes_epubcheck(default_build):
    assert epubcheck_findings(default_build["epub"]) == []


def test_spine_is_cover_title_page_contents_then_chapters(minimal_build):
    assert spine_files(minimal_build["epub"]) == [
        "cover.xhtml", "text/titlepage.xhtml", "nav.xhtml", "text/one.xhtml", "text/two.xhtml"]


def test_metadata_is_from_the_manifest(minimal_build):
    package = opf(minimal_build["epub"])
    assert package.findtext(".//dc:identifier", namespaces=NS) == (
        "urn:uuid:00000000-0000-4000-8000-000000000001")
    assert package.findtext(".//dc:title", namespaces=NS) == "Minimal Dossier"
    assert package.findtext(".//dc:language", namespaces=NS) == "en"
    assert package.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        "2024-01-15T00:00:00Z")


@pytest.mark.parametrize(("given", "uuids"), [
    ("urn:uuid:00000000-0000-4000-8000-000000000001", ["urn:uuid:00000000-0000-4000-8000-000000000001"]),
    ("urn:isbn:9780000000002", ["urn:uuid:b66fc8b3-09aa-5a1c-9352-ed9387bfe7e8"]),
])
def test_the_package_always_carries_a_stable_uuid(given, uuids):
    from ebooklib import epub

    from dossierkit.writers.epub.package import identify

    ebook = epub.EpubBook()
    identify(ebook, given)
    values = [value for value, _ in ebook.get_metadata("DC", "identifier")]
    assert values[0] == given  # the unique identifier stays the dossier's own
    assert [v for v in values if v.startswith("urn:uuid:")] == uuids


def test_zip_is_reproducible_in_shape(minimal_build):
    with zipfile.ZipFile(minimal_build["epub"]) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2024, 1, 15, 0, 0, 0)}


def test_two_builds_are_byte_identical(tmp_path):
    from dossierkit.build import BuildOptions, build

    first, second = (
        next(b.path for b in build(FIXTURES / "minimal", BuildOptions(formats=("epub",),
                                                                        out_dir=tmp_path / n)))
        for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()


def test_source_date_epoch_wins_over_the_manifest(tmp_path, monkeypatch):
    from dossierkit.build import BuildOptions, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    path = build(FIXTURES / "minimal", BuildOptions(formats=("epub",), out_dir=tmp_path))[0].path
    assert opf(path).findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        "2023-11-14T22:13:20Z")
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_nav_and_ncx_list_the_chapters(default_build):
    nav = xhtml(default_build["epub"], "nav.xhtml")
    ncx = xhtml(default_build["epub"], "toc.ncx")
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol/x:li/x:a/text()", namespaces=NS)
    assert toc[:5] == CHAPTER_TITLES
    points = ncx.xpath("/ncx:ncx/ncx:navMap/ncx:navPoint/ncx:navLabel/ncx:text/text()",
                       namespaces=NS)
    assert points[:5] == CHAPTER_TITLES


def test_landmarks_name_cover_contents_and_body(minimal_build):
    nav = xhtml(minimal_build["epub"], "nav.xhtml")
    marks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [(a.get(f"{{{NS['epub']}}}type"), a.get("href")) for a in marks] == [
        ("cover", "cover.xhtml"), ("toc", "nav.xhtml"), ("bodymatter", "text/one.xhtml")]


def test_notes_are_marked_for_pop_up_readers(minimal_build):
    doc = xhtml(minimal_build["epub"], "text/one.xhtml")
    refs = doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    # A visible list (readers that hide footnote asides would leave an empty heading),
    # whose items pop up where the reader has pop-ups.
    notes = doc.xpath("//x:section[@epub:type='endnotes'][@role='doc-endnotes']"
                      "/x:ol/x:li[@epub:type='endnote']", namespaces=NS)
    assert len(refs) == 2 and len(notes) == 2  # one call per citation point
    assert not doc.xpath("//x:aside", namespaces=NS)
    assert {r.get("role") for r in refs} == {"doc-noteref"}
    # Apple Books breaks the pop-up when the link holds a <sup>.
    assert not doc.xpath("//x:a[@epub:type='noteref']/*", namespaces=NS)
    ids = {n.get("id") for n in notes}
    assert {r.get("href")[1:] for r in refs} == ids
    # Each note leads back to its first call.
    for note in notes:
        back = note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS)
        assert len(back) == 1 and doc.xpath(f"//x:a[@id='{back[0][1:]}']", namespaces=NS)


def test_links_across_chapters_name_the_file(minimal_build):
    doc = xhtml(minimal_build["epub"], "text/two.xhtml")
    assert doc.xpath("//x:p/x:a[text()='chapter one']/@href", namespaces=NS) == ["one.xhtml#one"]


def test_no_link_points_at_a_body(default_build):
    """Send-to-Kindle rejects links to <body> ids; no body has one to link to."""
    for name in spine_files(default_build["epub"]):
        assert xhtml(default_build["epub"], name).find("x:body", NS).get("id") is None, name


def test_default_epub_text_has_every_title_and_all_55_actors(default_build):
    text = _text(default_build["epub"])
    missing = [name for name in CHAPTER_TITLES + BRIEF_ACTORS if name not in text]
    assert missing == []


def test_default_epub_stays_under_2_mb(default_build):
    assert default_build["epub"].stat().st_size < 2_000_000


def test_documents_are_complete_xhtml(minimal_build):
    raw = read(minimal_build["epub"], "text/one.xhtml")
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>")


def test_no_empty_heading_and_narrow_screens_read_figures_and_tables(default_build):
    path = default_build["epub"]
    for name in spine_files(path):
        doc = xhtml(path, name)
        for heading in doc.xpath("//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6", namespaces=NS):
            assert "".join(heading.itertext()).strip(), (name, heading.get("id"))
        # A stacked table says under which heading each value stands.
        for cell in doc.xpath("//x:table[x:thead]/x:tbody/x:tr/x:td", namespaces=NS):
            assert cell.get("data-label"), name
    figure = xhtml(path, "text/fact-vs-fiction.xhtml")
    beats = figure.xpath("//x:figure[@class='timeline']/x:ol[@class='timeline-list']/x:li", namespaces=NS)
    assert len(beats) >= 5
    css = read(path, "styles/epub.css").decode()
    assert "@media (max-width: 36em)" in css
    assert "td[data-label]::before" in css
    # The contents carry the headings' own numbers only ("C1. …"), not the list's too.
    assert "nav ol { list-style-type: none" in css
