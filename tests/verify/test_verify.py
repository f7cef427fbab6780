"""`dossier verify`: passes good outputs, fails broken ones with a line saying what is wrong."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.verify import fonts, pagelist, verify
from dossierkit.verify.reading import compact, pdf_page_texts, read_epub

runner = CliRunner()


def test_good_outputs_pass(minimal_build):
    result = runner.invoke(app, ["verify", str(minimal_build["pdf"]), str(minimal_build["epub"])])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    checks = {line.split()[1]: line.split()[0] for line in lines if line[:4] in ("ok  ", "skip", "FAIL")}
    assert checks["epubcheck"] in ("ok", "skip")  # skipped only where Java is missing
    assert {checks[c] for c in ("pdf-structure", "fonts", "text")} == {"ok"}
    assert lines[-1].startswith("verify ok: 0 errors")


def test_json_report(minimal_build):
    result = runner.invoke(app, ["verify", "--json", "--only", "fonts", "--only", "text",
                                 str(minimal_build["pdf"]), str(minimal_build["epub"])])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == 0
    assert [r["check"] for r in report["results"]] == ["fonts", "text"]


def test_corrupted_epub_fails(minimal_build, tmp_path):
    broken = tmp_path / "minimal.epub"
    data = minimal_build["epub"].read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["verify", str(broken)])
    assert result.exit_code == 1
    assert "FAIL  epubcheck" in result.stdout or "skip  epubcheck" in result.stdout
    assert "verify failed" in result.stdout.splitlines()[-1]


def test_corrupted_epub_fails_the_cross_checks(minimal_build, tmp_path):
    shutil.copy(minimal_build["pdf"], tmp_path / "minimal.pdf")
    (tmp_path / "minimal.epub").write_bytes(b"PK\x03\x04 not really a zip")
    report = verify([tmp_path / "minimal.pdf", tmp_path / "minimal.epub"], only=["text"])
    assert not report.ok
    assert report.results[0].errors[0].message.startswith("could not be checked: BadZipFile")


def helvetica_pdf(path: Path) -> Path:
    """A one-page PDF whose text is set in a Helvetica that is not embedded."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    page = pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 200, 200],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET")))
    pdf.pages.append(page)
    pdf.save(path)
    return path


def test_pdf_with_fonts_not_embedded_fails(tmp_path):
    pdf = helvetica_pdf(tmp_path / "helvetica.pdf")
    result = runner.invoke(app, ["verify", str(pdf)])
    assert result.exit_code == 1
    assert ("      error: font Helvetica is not embedded "
            "(embed it with @font-face and a font file)") in result.stdout.splitlines()


def test_fonts_stripped_from_a_real_pdf(minimal_build, tmp_path):
    """The same PDF with its font files removed: every font is reported."""
    stripped = tmp_path / "stripped.pdf"
    with pikepdf.open(minimal_build["pdf"]) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                for key in fonts.FONT_FILES:
                    if key in obj:
                        del obj[key]
        pdf.save(stripped)
    assert fonts.check(minimal_build["pdf"]).errors == []
    errors = fonts.check(stripped).errors
    assert errors and all("is not embedded" in e.message for e in errors)


def test_not_a_pdf(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    result = runner.invoke(app, ["verify", "--only", "pdf-structure", str(fake)])
    assert result.exit_code == 1
    assert "error: not a readable PDF" in result.stdout


def test_default_files_are_the_dossiers_outputs(minimal, monkeypatch):
    monkeypatch.chdir(minimal)
    missing = runner.invoke(app, ["verify"])
    assert missing.exit_code == 1
    assert missing.stderr == ("error[X710]: build: no PDF or EPUB of the dossier here "
                              "(build the dossier first with dossier build)\n")
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    # Another paper gets its own names, and verify with no arguments checks it too.
    assert runner.invoke(app, ["build", "--quiet", "--paper", "letter"]).exit_code == 0
    assert sorted(p.name for p in (minimal / "build").glob("minimal*")) == [
        "minimal.epub", "minimal.letter.epub", "minimal.letter.pdf", "minimal.pdf"]
    result = runner.invoke(app, ["verify", "--only", "fonts", "--only", "page-list"])
    assert result.exit_code == 0, result.output
    for name in ("build/minimal.pdf", "build/minimal.letter.pdf",
                 "build/minimal.letter.pdf + build/minimal.letter.epub"):
        assert name in result.stdout


def test_usage_errors(tmp_path):
    unknown = runner.invoke(app, ["verify", "--only", "font", str(tmp_path / "x.pdf")])
    assert unknown.exit_code == 1
    assert unknown.stderr == "error[X706]: --only: unknown check 'font' (did you mean 'fonts'?)\n"
    other = tmp_path / "notes.txt"
    other.write_text("hi")
    wrong = runner.invoke(app, ["verify", str(other)])
    assert wrong.stderr == f"error[X708]: {other}: not a PDF or EPUB (give .pdf and .epub files)\n"


def _with_page_list(epub: Path, target: Path, entries: list[tuple[str, str]]) -> Path:
    """A copy of `epub` whose navigation document has a page-list with these entries."""
    items = "".join(f'<li><a href="{href}">{label}</a></li>' for label, href in entries)
    nav = f'<nav epub:type="page-list" hidden=""><ol>{items}</ol></nav>'
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("nav.xhtml"):
                data = re.sub(rb'<nav epub:type="page-list".*?</nav>', b"", data, flags=re.S)
                data = data.replace(b"</body>", nav.encode() + b"</body>")
            out.writestr(info, data)
    return target


def test_page_list_against_the_pdf(minimal_build, tmp_path):
    pdf = minimal_build["pdf"]
    book = read_epub(minimal_build["epub"])
    chapter = next(d for d in book.spine if d.href.endswith("two.xhtml"))
    paragraph = next(p for p in chapter.root.iter("{http://www.w3.org/1999/xhtml}p") if p.get("id"))
    probe = compact("".join(paragraph.itertext()))[: pagelist.PROBE]
    page = next(i for i, text in enumerate(pdf_page_texts(pdf)) if probe in compact(text)) + 1
    nav_dir = Path(book.nav.href).parent
    href = f"{Path(chapter.href).relative_to(nav_dir).as_posix()}#{paragraph.get('id')}"
    good = _with_page_list(minimal_build["epub"], tmp_path / "good.epub", [(str(page), href)])
    assert pagelist.check(pdf, good).findings == []
    wrong = _with_page_list(minimal_build["epub"], tmp_path / "wrong.epub", [(str(page - 1), href)])
    [error] = pagelist.check(pdf, wrong).errors
    assert f"is not on PDF page {page - 1}; it is on PDF page {page}" in error.message
    dangling = _with_page_list(minimal_build["epub"], tmp_path / "dangling.epub",
                               [(str(page), href + "-nowhere")])
    assert "which does not exist" in pagelist.check(pdf, dangling).errors[0].message


def test_the_writers_page_list_agrees_with_the_pdf(minimal_build):
    result = pagelist.check(minimal_build["pdf"], minimal_build["epub"])
    assert result.findings == [], result.summary


def test_epub_without_page_list_skips_that_check(minimal_build, tmp_path):
    bare = _with_page_list(minimal_build["epub"], tmp_path / "bare.epub", [])
    bare.write_bytes(bare.read_bytes().replace(b'epub:type="page-list"', b'epub:type="lot"'))
    assert pagelist.check(minimal_build["pdf"], bare).skipped


def test_ace_reports_an_accessibility_failure(minimal_build, tmp_path):
    import shutil as sh

    from dossierkit.verify import ace

    if ace.find_ace() is None or sh.which("node") is None or sh.which("chromium") is None:
        pytest.skip("DAISY Ace cannot run here (.ci/run installs it)")
    assert ace.check(minimal_build["epub"]).findings == []
    low_contrast = tmp_path / "low-contrast.epub"
    with zipfile.ZipFile(minimal_build["epub"]) as source, zipfile.ZipFile(low_contrast, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("two.xhtml"):
                data = data.replace(b"<p ", b'<p style="color:#ccc;background:#fff" ', 1)
            out.writestr(info, data)
    result = ace.check(low_contrast)
    assert result.errors and result.errors[0].message.startswith("color-contrast in ")


def _press_pdf(tmp_path, body: str, bleed: str = "3mm") -> Path:
    import weasyprint

    html = (f"<style>@page {{ size: 80mm 60mm; margin: 0; bleed: {bleed}; }} body {{ margin: 0 }}"
            f"</style>{body}")
    path = tmp_path / "press.pdf"
    weasyprint.HTML(string=html, base_url=str(tmp_path)).write_pdf(path)
    return path


def test_preflight_passes_art_that_runs_into_the_bleed(tmp_path):
    from dossierkit.verify import preflight

    path = _press_pdf(tmp_path, '<div style="margin: -3mm; height: 66mm; background: #102030"></div>')
    result = preflight.check(path)
    assert not result.skipped and result.findings == []


def test_preflight_finds_art_stopping_at_the_trim(tmp_path):
    from dossierkit.verify import preflight

    path = _press_pdf(tmp_path, '<div style="height: 60mm; background: #102030"></div>')
    assert [f.message for f in preflight.check(path).errors][:1] == [
        "page 1: art stops at the trim instead of running into the bleed "
        "(extend full-bleed elements 3 mm past the page edge)"]


def test_preflight_finds_boxes_without_a_3mm_bleed_and_low_resolution_pictures(tmp_path):
    from PIL import Image

    from dossierkit.verify import preflight

    Image.new("RGB", (60, 60), (200, 40, 40)).save(tmp_path / "small.png")
    path = _press_pdf(tmp_path, '<img src="small.png" style="width: 10.16mm; margin: 10mm">', bleed="1mm")
    result = preflight.check(path)
    assert [f.message for f in result.errors] == [
        "page 1: the boxes do not nest with a 3 mm bleed (MediaBox ⊇ BleedBox ⊇ TrimBox + 3 mm; "
        "use the press variant's stylesheet)"]
    assert [f.message for f in result.warnings] == [
        "page 1: a picture prints at 150 ppi (use one of at least 300 ppi at its printed size)"]


def test_preflight_skips_a_pdf_without_bleed(minimal_build):
    from dossierkit.verify import preflight

    result = preflight.check(minimal_build["pdf"])
    assert result.skipped and result.summary == "no bleed: a PDF for screen or archive, not for press"
