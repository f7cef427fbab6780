"""Accessibility and reading-system needs of the EPUB: DAISY Ace, metadata, structure,
cover, embedded fonts, inline SVG, and Calibre's reading of the package."""

import dataclasses
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from helpers import FIXTURES, REPO, epubcheck_findings
from writers.epub.files import EPUB_TYPE, NS, XML_LANG, documents, manifest_items, opf, read, xhtml

CHROMIUM = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")


def _ace() -> str | None:
    local = REPO / ".ace" / "node_modules" / ".bin" / "ace-cli"
    return str(local) if local.exists() else shutil.which("ace-cli") or shutil.which("ace")


def ace_violations(path: Path, out: Path) -> list[tuple[str, str, str]]:
    """Run DAISY Ace on `path`; each violation as (document, rule, description)."""
    ace = _ace()
    if shutil.which("node") is None or ace is None or CHROMIUM is None:
        pytest.skip("DAISY Ace cannot run: it needs node, npm's @daisy/ace-cli and chromium "
                    "(.ci/run installs them)")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=CHROMIUM)
    result = subprocess.run([ace, "--silent", "--force", "--outdir", str(out), str(path)],
                            capture_output=True, env=env, timeout=600, check=False)
    assert (out / "report.json").exists(), result.stderr.decode()[-2000:]
    report = json.loads((out / "report.json").read_text("utf-8"))
    return [(a["earl:testSubject"]["url"], t["earl:test"]["dct:title"],
             t["earl:result"].get("dct:description", ""))
            for a in report["assertions"] for t in a.get("assertions", [])]


def test_default_epub_has_no_ace_violations(default_build, tmp_path):
    assert ace_violations(default_build["epub"], tmp_path) == []


def test_russian_edition_has_no_ace_violations(russian_build, tmp_path):
    assert ace_violations(russian_build["epub"], tmp_path) == []


def test_accessibility_metadata(minimal_build):
    package = opf(minimal_build["epub"])

    def values(prop):
        return package.xpath(f".//opf:meta[@property='{prop}']/text()", namespaces=NS)

    assert values("schema:accessMode") == ["textual", "visual"]
    assert values("schema:accessModeSufficient") == ["textual"]
    assert {"tableOfContents", "readingOrder", "alternativeText", "printPageNumbers",
            "structuralNavigation"} <= set(values("schema:accessibilityFeature"))
    assert values("schema:accessibilityHazard") == ["none"]
    assert len(values("schema:accessibilitySummary")[0]) > 40
    assert values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert package.get(XML_LANG) == "en"


def _summary(epub) -> str:
    return opf(epub).xpath(".//opf:meta[@property='schema:accessibilitySummary']/text()", namespaces=NS)[0]


def test_the_summary_names_only_the_languages_the_book_marks(default_build, minimal_build):
    # The default dossier marks Russian runs (its original language); the minimal fixture
    # declares no original language, so it marks nothing and says nothing of Russian.
    assert " Text in Russian is marked as such." in _summary(default_build["epub"])
    assert "Russian" not in _summary(minimal_build["epub"])
    assert "marked as such" not in _summary(minimal_build["epub"])


def test_every_document_has_a_title_and_a_language(default_build):
    for name, doc in documents(default_build["epub"]).items():
        assert doc.findtext("x:head/x:title", namespaces=NS).strip(), name
        assert doc.get("lang") == doc.get(XML_LANG) == "en", name


def test_russian_text_is_marked_in_both_attributes(default_build):
    doc = xhtml(default_build["epub"], "text/titlepage.xhtml")
    russian = doc.xpath("//*[@lang='ru']")
    assert russian and all(e.get(XML_LANG) == "ru" for e in russian)
    assert "Салют-7" in "".join(e.xpath("string()") for e in russian)


def test_images_have_sources_and_text_alternatives_and_tables_header_cells(default_build):
    for name, doc in documents(default_build["epub"]).items():
        for img in doc.iter(f"{{{NS['x']}}}img"):
            assert img.get("src") and img.get("alt") is not None, name
        for table in doc.iter(f"{{{NS['x']}}}table"):
            assert table.xpath(".//x:th", namespaces=NS), name


def test_cover_image_and_page(default_build):
    from PIL import Image

    items = manifest_items(default_build["epub"])
    covers = [href for href, item in items.items() if "cover-image" in (item.get("properties") or "")]
    assert covers == ["cover.jpg"]
    data = read(default_build["epub"], "cover.jpg")
    assert len(data) < 500_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and 1500 <= image.height <= 1700
    page = xhtml(default_build["epub"], "cover.xhtml")
    img = page.find(".//x:img", NS)
    assert img.get("src") == "cover.jpg" and len(img.get("alt")) > 10
    assert img.get(EPUB_TYPE) == "cover" and img.get("role") == "doc-cover"


def test_fonts_are_the_print_faces_subset_to_the_book(default_build):
    from fontTools.ttLib import TTFont

    fonts = {href: item for href, item in manifest_items(default_build["epub"]).items()
             if item.get("media-type") == "font/ttf"}
    assert "styles/fonts/PTSerif-Regular.ttf" in fonts and "styles/fonts/PTSans-Bold.ttf" in fonts
    original = TTFont(REPO / "styles" / "fonts" / "PTSerif-Regular.ttf")
    subset = TTFont(io.BytesIO(read(default_build["epub"], "styles/fonts/PTSerif-Regular.ttf")))
    assert subset["name"].getDebugName(1) == "PT Serif"
    assert len(subset.getGlyphOrder()) < len(original.getGlyphOrder()) / 2
    cmap = subset.getBestCmap()
    assert all(ord(c) in cmap for c in "Салют-7 Shipenko’s")
    assert subset["name"].getDebugName(13)  # the licence travels with the font


def test_inline_svg_keeps_its_camel_case_and_gets_the_manifest_property(tmp_path):
    """An SVG figure parsed as HTML (lowercased, no namespace) comes out as real SVG."""
    import lxml.html

    from dossierkit.build import load_and_render
    from dossierkit.render import xhtml as render_xhtml
    from dossierkit.writers import BuildContext
    from dossierkit.writers.epub import EpubWriter

    book = load_and_render(FIXTURES / "minimal")
    figure = lxml.html.fragment_fromstring((FIXTURES / "svg-figure" / "figure.html").read_text())
    two = next(p for p in book.parts if p.slug == "two")
    section = etree.fromstring(two.xhtml)
    section.append(figure)
    parts = tuple(dataclasses.replace(p, xhtml=render_xhtml.to_xml(section)) if p is two else p
                  for p in book.parts)
    book = dataclasses.replace(book, parts=parts)
    epub = tmp_path / "svg.epub"
    epub.write_bytes(EpubWriter().write(BuildContext(book, "a4", ("screen",)))["minimal.epub"])

    assert "svg" in manifest_items(epub)["text/two.xhtml"].get("properties").split()
    assert "svg" not in (manifest_items(epub)["text/one.xhtml"].get("properties") or "")
    svg = xhtml(epub, "text/two.xhtml").find(".//svg:svg", NS)
    assert svg.get("viewBox") == "0 0 200 100" and svg.get("viewbox") is None
    assert svg.get("preserveAspectRatio") == "xMidYMid meet"
    assert svg.find(".//svg:linearGradient", NS).get("gradientUnits") == "userSpaceOnUse"
    assert svg.find("svg:text", NS).get("textLength") == "60"
    assert epubcheck_findings(epub) == []


def test_image_without_text_alternative_is_refused(minimal):
    from dossierkit.build import BuildOptions, build
    from dossierkit.errors import DossierError

    shutil.copy(FIXTURES / "svg-figure" / "still.png", minimal / "still.png")
    path = minimal / "chapters" / "two.md"
    path.write_text(path.read_text() + '\n<img src="still.png">\n')
    with pytest.raises(DossierError) as error:
        build(minimal, BuildOptions(formats=("epub",)))
    assert str(error.value) == (
        "chapters/two.md: image 'still.png' has no text alternative (describe it: "
        '![what it shows](path), or alt="" if it is decoration)')


def test_chapter_images_travel_with_the_epub(minimal):
    from dossierkit.build import BuildOptions, build

    shutil.copy(FIXTURES / "svg-figure" / "still.png", minimal / "still.png")
    path = minimal / "chapters" / "two.md"
    path.write_text(path.read_text() + "\n![A still: grey square](still.png)\n")
    epub = build(minimal, BuildOptions(formats=("epub",)))[0].path
    assert manifest_items(epub)["still.png"].get("media-type") == "image/png"
    img = xhtml(epub, "text/two.xhtml").find(".//x:img", NS)
    assert (img.get("src"), img.get("alt")) == ("../still.png", "A still: grey square")
    assert epubcheck_findings(epub) == []


def test_an_azw3_conversion_keeps_the_books_identifier(default_build, tmp_path):
    """Calibre makes an AZW3's ASIN from the book's uuid: two conversions, one book."""
    if shutil.which("ebook-convert") is None or shutil.which("ebook-meta") is None:
        pytest.skip("Calibre's ebook-convert is not installed (Debian package calibre)")
    uuid = opf(default_build["epub"]).findtext(".//dc:identifier", namespaces=NS)
    assert uuid.startswith("urn:uuid:")
    found = []
    for n in (1, 2):
        azw3 = tmp_path / f"{n}.azw3"
        subprocess.run(["ebook-convert", str(default_build["epub"]), str(azw3)],
                       capture_output=True, timeout=900, check=True)
        shown = subprocess.run(["ebook-meta", str(azw3)], capture_output=True, text=True,
                               timeout=300, check=True).stdout
        found.append([line for line in shown.splitlines() if line.startswith("Identifiers")])
    assert found[0] == found[1] and uuid.removeprefix("urn:uuid:") in found[0][0]


def test_calibre_reads_title_author_language_and_cover(default_build, tmp_path):
    if shutil.which("ebook-meta") is None:
        pytest.skip("Calibre's ebook-meta is not installed (Debian package calibre)")
    cover = tmp_path / "cover.jpg"
    result = subprocess.run(["ebook-meta", str(default_build["epub"]), "--get-cover", str(cover)],
                            capture_output=True, text=True, timeout=300, check=True)
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == "Salyut-7"
    assert fields["Author(s)"] == "The dossierkit editors"
    assert fields["Languages"] == "eng"
    assert cover.read_bytes() == read(default_build["epub"], "cover.jpg")
