"""The EPUB writer, checked by EPUBCheck and by parsing the package."""

import zipfile

from lxml import etree

from helpers import BRIEF_ACTORS, CHAPTER_TITLES, epubcheck_messages

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}


def _opf(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("EPUB/content.opf"))


def _spine_files(path):
    opf = _opf(path)
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", NS)}
    return [hrefs[i.get("idref")] for i in opf.iterfind(".//opf:spine/opf:itemref", NS)]


def _text(path):
    with zipfile.ZipFile(path) as z:
        return " ".join(
            " ".join("".join(etree.fromstring(z.read(f"EPUB/{name}")).itertext()).split())
            for name in _spine_files(path))


def test_minimal_epub_passes_epubcheck(minimal_build):
    assert epubcheck_messages(minimal_build["epub"]) == []


def test_default_epub_passes_epubcheck(default_build):
    assert epubcheck_messages(default_build["epub"]) == []


def test_spine_is_title_page_contents_then_chapters(minimal_build):
    assert _spine_files(minimal_build["epub"]) == [
        "text/titlepage.xhtml", "nav.xhtml", "text/one.xhtml", "text/two.xhtml"]


def test_metadata_is_from_the_manifest(minimal_build):
    opf = _opf(minimal_build["epub"])
    assert opf.findtext(".//dc:identifier", namespaces=NS) == (
        "urn:uuid:00000000-0000-4000-8000-000000000001")
    assert opf.findtext(".//dc:title", namespaces=NS) == "Minimal Dossier"
    assert opf.findtext(".//dc:language", namespaces=NS) == "en"
    assert opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        "2024-01-15T00:00:00Z")


def test_zip_is_reproducible_in_shape(minimal_build):
    with zipfile.ZipFile(minimal_build["epub"]) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2024, 1, 15, 0, 0, 0)}


def test_nav_and_ncx_list_the_chapters(default_build):
    with zipfile.ZipFile(default_build["epub"]) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        ncx = etree.fromstring(z.read("EPUB/toc.ncx"))
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol/x:li/x:a/text()", namespaces=NS)
    assert toc[:5] == CHAPTER_TITLES
    points = ncx.xpath("/ncx:ncx/ncx:navMap/ncx:navPoint/ncx:navLabel/ncx:text/text()",
                       namespaces=NS)
    assert points[:5] == CHAPTER_TITLES


def test_notes_are_marked_for_pop_up_readers(minimal_build):
    with zipfile.ZipFile(minimal_build["epub"]) as z:
        doc = etree.fromstring(z.read("EPUB/text/one.xhtml"))
    refs = doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    notes = doc.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)
    assert len(refs) == 3 and len(notes) == 2
    assert {n.get("role") for n in notes} == {"doc-footnote"}
    assert not doc.xpath("//x:a[@epub:type='noteref']/x:sup", namespaces=NS)


def test_links_across_chapters_name_the_file(minimal_build):
    with zipfile.ZipFile(minimal_build["epub"]) as z:
        doc = etree.fromstring(z.read("EPUB/text/two.xhtml"))
    assert doc.xpath("//x:p/x:a[text()='chapter one']/@href", namespaces=NS) == ["one.xhtml#one"]


def test_default_epub_text_has_every_title_and_all_55_actors(default_build):
    text = _text(default_build["epub"])
    missing = [name for name in CHAPTER_TITLES + BRIEF_ACTORS if name not in text]
    assert missing == []
