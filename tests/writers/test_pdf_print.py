"""Print-grade PDF: fonts, contents, outline, running heads, notes, paper, variants, validators."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from dossierkit.build import BuildOptions, build
from dossierkit.render.printhtml import print_html
from helpers import CHAPTER_TITLES, REPO, page_texts, pdf_reader

MM = 72 / 25.4


def _fonts(pdf: pikepdf.Pdf):
    seen = {}
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            seen[str(font.BaseFont)] = font
    return seen


def test_every_font_is_embedded_subset_and_ours(default_build):
    with pikepdf.open(default_build["pdf"]) as pdf:
        fonts = _fonts(pdf)
        assert fonts
        for name, font in fonts.items():
            # A subset's name carries a six-letter tag; a fallback font would betray tofu.
            assert re.fullmatch(r"/[A-Z]{6}\+PT-(Serif|Sans)(-\w+)?", name), name
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_no_character_lacks_a_glyph(default_book):
    text = print_html(default_book)
    import lxml.html

    characters = {c for c in lxml.html.fromstring(text).text_content() if not c.isspace()}
    faces = [TTFont(p).getBestCmap() for p in (REPO / "styles" / "fonts").glob("*.ttf")]
    missing = sorted(c for c in characters if not all(ord(c) in cmap for cmap in faces))
    assert missing == []


def test_outline_lists_chapters_and_their_sections_in_order(default_build, default_book):
    reader = pdf_reader(default_build["pdf"])
    expected = []
    for chapter in default_book.chapters:
        expected.append((0, chapter.title))
        expected += [(1, h.text) for h in chapter.headings if h.level == 2]

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, " ".join(item.title.split())
    assert list(walk(reader.outline, 0)) == expected
    assert [t for d, t in expected if d == 0][:5] == CHAPTER_TITLES


def test_contents_page_numbers_are_where_chapters_start(default_build):
    reader = pdf_reader(default_build["pdf"])
    starts = {" ".join(item.title.split()): reader.get_destination_page_number(item) + 1
              for item in reader.outline if not isinstance(item, list)}
    texts = page_texts(default_build["pdf"])
    # The contents starts on page 3 and may run on until the first chapter.
    contents = "\n".join(texts[2:min(starts.values()) - 1])
    assert contents.startswith("Contents")
    for title, page in starts.items():
        match = re.search(re.escape(title) + r"\s*\.[ .]*(\d+)", contents)
        assert match, title
        assert int(match[1]) == page, title
        assert texts[page - 1].find(title) != -1


def _head_bands(path: Path) -> list[str]:
    """The text printed in the top 20 mm of each page (running head and folio)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        bands = []
        for page in document:
            width, height = page.get_size()
            textpage = page.get_textpage()
            bands.append(" ".join(textpage.get_text_bounded(
                left=0, bottom=height - 20 * MM, right=width, top=height).split()))
            textpage.close()
            page.close()
        return bands
    finally:
        document.close()


def test_folios_and_running_heads_skip_cover_front_matter_and_openers(default_build):
    reader = pdf_reader(default_build["pdf"])
    openers = {reader.get_destination_page_number(item) for item in reader.outline
               if not isinstance(item, list)}
    chapter_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    heads = _head_bands(default_build["pdf"])
    assert len(heads) == len(reader.pages)
    # Cover, title page and contents (however many pages it takes) come before the first chapter.
    front = min(openers)
    assert front >= 3
    last = len(heads) - 1  # the back cover
    for index, head in enumerate(heads):
        if index < front or index in openers or index == last:
            assert head == "", (index, head)
        else:
            words = head.split(" ", 1)
            # Versos: folio then the dossier's title; rectos: the chapter's title then folio.
            assert str(index + 1) in (words[0], head.rsplit(" ", 1)[-1]), (index, head)
            assert "SALYUT-7" in head or any(t.upper() in head for t in chapter_titles), head


def test_every_call_finds_its_note_at_the_foot_of_its_page(a4_layout):
    book, layout = a4_layout
    pages = layout.page_of_id
    html = layout.html
    calls = re.findall(r'<a class="noteref" href="#([^"]+)" id="([^"]+)"', html)
    notes = re.findall(r'<span class="footnote[^"]*" id="([^"]+)"', html)
    assert len(calls) > 150 and len(notes) > 100
    deferred = 0
    for note, call in calls:
        # A note that no longer fits under its page's text runs on to the next page;
        # a note cited again on a later page is set again at that page's foot.
        assert pages[note] - pages[call] in (0, 1), (call, note)
        deferred += pages[note] != pages[call]
    assert deferred < len(calls) / 20
    for note in notes:
        back = re.search(rf'<span class="footnote[^"]*" id="{re.escape(note)}">'
                         r'<span class="note-source"><a class="note-back" href="#([^"]+)"', html)[1]
        assert pages[note] - pages[back] in (0, 1), note


def test_calls_are_one_per_point_sorted_and_ranged(a4_layout):
    _, layout = a4_layout
    from dossierkit.render.citations import compress

    labels = re.findall(r'<a class="noteref" [^>]*>([^<]+)</a>', layout.html)
    assert any("–" in label for label in labels) and any("," in label for label in labels)
    for label in labels:
        numbers = []
        for piece in label.split(",\u00a0"):
            first, _, last = piece.partition("–")
            numbers += range(int(first), int(last or first) + 1)
        # Sorted, and every run of three or more given as a range.
        assert label == compress(numbers), label


def test_note_links_have_clickable_areas(default_build):
    with pikepdf.open(default_build["pdf"]) as pdf:
        rects = [[float(v) for v in a.Rect] for page in pdf.pages
                 for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert len(rects) > 300  # calls and back-links, both ways
    for x0, y0, x1, y1 in rects:
        assert abs(x1 - x0) > 2 and abs(y1 - y0) > 4, (x0, y0, x1, y1)


def test_chapters_end_on_pages_at_least_a_quarter_full(a4_layout):
    from dossierkit.layout.copyfit import chapter_ends

    book, layout = a4_layout
    ends = chapter_ends(layout, book)
    assert [e.slug for e in ends] == [c.slug for c in book.chapters]
    assert [(e.slug, round(e.fill, 2)) for e in ends if e.fill < 0.25] == []


def test_paper_sizes(variants):
    for name, size in {"screen": (595.28, 841.89), "letter": (612.0, 792.0)}.items():
        with pikepdf.open(variants[name]) as pdf:
            box = [float(v) for v in pdf.pages[5].obj.get("/TrimBox", pdf.pages[5].MediaBox)]
            assert (round(box[2] - box[0], 2), round(box[3] - box[1], 2)) == size, name


def test_letter_is_laid_out_for_letter_not_scaled(variants):
    # Another paper than the manifest's has its own name, beside the A4 edition.
    assert variants["letter"].name == "salyut-7.letter.pdf"
    # Different proportions reflow the text, so the page count differs from A4.
    assert len(pdf_reader(variants["letter"]).pages) != len(pdf_reader(variants["screen"]).pages)


def test_press_sheet_has_bleed_slug_and_marks_in_registration_colour(variants):
    with pikepdf.open(variants["press"]) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert [round(t - b, 2) for t, b in zip(trim[:2], bleed[:2])] == [8.5, 8.5]
            assert [round(b - t, 2) for t, b in zip(trim[2:], bleed[2:])] == [8.5, 8.5]
            # The slug: the sheet is 10 mm larger than the bleed on every side.
            assert [round(b - m, 1) for b, m in zip(bleed[:2], media[:2])] == [28.3, 28.3]
            assert [round(m - b, 1) for b, m in zip(bleed[2:], media[2:])] == [28.3, 28.3]
            assert round(trim[2] - trim[0], 2) == 595.28
        first = pdf.pages[0]
        spaces = first.obj.Resources.ColorSpace
        assert [str(v) for v in spaces.DossierRegistration][:3] == ["/Separation", "/All", "/DeviceCMYK"]
        drawn = b"".join(c.read_bytes() for c in first.obj.Contents)
        assert b"/DossierRegistration CS 1 SCN" in drawn


def test_press_cover_art_runs_into_the_bleed(variants):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(variants["press"]))
    scale = 4  # pixels per point
    image = document[0].render(scale=scale, crop=(0, 0, 0, 0)).to_pil().convert("RGB")
    document.close()
    slug, bleed = 10 * MM * scale, 3 * MM * scale
    width, height = image.size
    inside = int(slug + bleed / 2)  # the middle of the bleed strip
    left = [image.getpixel((inside, y)) for y in range(int(slug), int(height - slug), 4)]
    bottom = [image.getpixel((x, height - inside)) for x in range(int(slug), int(width - slug), 4)]
    # Not a flat frame: the strip carries the art's gradient and orbit line.
    for strip in (left, bottom):
        assert len(set(strip)) > 20
        assert max(sum(p) for p in strip) - min(sum(p) for p in strip) > 60
    # Outside the bleed the sheet is unprinted, but for the marks.
    corner = [image.getpixel((x, y)) for x in range(0, int(slug / 3)) for y in range(0, int(slug / 3))]
    assert set(corner) == {(255, 255, 255)}


def test_screen_variant_is_tagged_pdf_ua(default_build):
    with pikepdf.open(default_build["pdf"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
    report = subprocess.run([sys.executable, "-m", "pdfua", "check", "-f", "json",
                             str(default_build["pdf"])], capture_output=True, text=True)
    summary = json.loads(report.stdout)["summary"]
    assert summary["errors"] == 0 and summary["warnings"] == 0, report.stdout


def test_screen_variant_links_live(default_build):
    with pikepdf.open(default_build["pdf"]) as pdf:
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Link"]
    assert len(links) > 100


def test_archive_variant_is_pdf_a_3b_and_tagged(variants):
    with pikepdf.open(variants["archive"]) as pdf:
        assert len(pdf.Root.OutputIntents) == 1
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
        with pdf.open_metadata() as meta:
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")


def test_metadata_comes_from_the_manifest(default_build):
    meta = pdf_reader(default_build["pdf"]).metadata
    assert meta.title == "Salyut-7"
    assert meta.author == "The dossierkit editors"
    assert meta.subject.startswith("A press kit for Klim Shipenko")
    assert "Soyuz T-13" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20261122")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_every_variant_clean(variants):
    for name, path in variants.items():
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stdout, result.stderr)
        assert "No syntax or stream encoding errors found" in result.stdout, name


def test_timeline_figure_is_drawn_from_the_data(default_book):
    chapter = next(c for c in default_book.chapters if c.slug == "fact-vs-fiction")
    assert chapter.xhtml.count("<svg") == 1
    for label in ("Contact lost", "Manual docking", "Return to Earth", "11 Feb"):
        assert label in chapter.xhtml


def test_cover_image_and_stills_are_embedded_sized_and_captioned(illustrated, tmp_path):
    built = build(illustrated, BuildOptions(formats=("pdf",), out_dir=tmp_path))
    with pikepdf.open(built[0].path) as pdf:
        sizes = sorted({(int(x.Width), int(x.Height)) for page in pdf.pages
                        for x in page.obj.Resources.get("/XObject", {}).values()
                        if x.get("/Subtype") == "/Image"})
    # The 4000 × 2500 still is scaled to 300 dpi for print; the small cover is kept.
    assert sizes == [(1200, 1700), (2600, 1625)]
    text = " ".join(page_texts(built[0].path))
    assert "A generated still for the tests — dossierkit" in text


def test_a_still_without_alt_text_is_an_error(illustrated):
    from typer.testing import CliRunner

    from dossierkit.cli import app

    manifest = illustrated / "dossier.toml"
    manifest.write_text(manifest.read_text().replace('alt = "A pale band across a grey sky"\n', ""))
    result = CliRunner().invoke(app, ["check", str(illustrated)])
    assert result.exit_code == 1
    assert result.stderr == ("error[D201]: dossier.toml:14: dossier.stills.orbit.alt: "
                             "required key is missing (add it)\n")


def test_no_straight_quotes_or_apostrophes_in_the_text(default_build):
    pages = [page.extract_text() for page in pdf_reader(default_build["pdf"]).pages]
    straight = [(n + 1, m.group()) for n, text in enumerate(pages)
                for m in re.finditer(r".{0,12}['\"].{0,12}", text)]
    assert straight == []
    assert any("Ain’t It Cool News" in text for text in pages)


def test_addresses_are_never_hyphenated(default_build):
    from dossierkit.source.loader import load_dossier

    compact = "".join("".join(p.extract_text().split()) for p in pdf_reader(default_build["pdf"]).pages)
    urls = [s.url for s in load_dossier(REPO).data.sources if s.url]
    assert len(urls) > 50
    assert [u for u in urls if u not in compact] == []
