"""`dossier proof`: a PNG contact sheet of the PDF's pages."""

from __future__ import annotations

from PIL import Image
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.commands.proof import contact_sheet

runner = CliRunner()


def test_proof_of_a_dossier(minimal, tmp_path):
    out = tmp_path / "sheet.png"
    result = runner.invoke(app, ["proof", str(minimal), "--out", str(out), "--columns", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote ")
    with Image.open(out) as image:
        assert image.format == "PNG" and image.width > 3 * 180


def test_proof_defaults_to_the_output_folder(minimal):
    result = runner.invoke(app, ["proof", str(minimal), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (minimal / "build" / "minimal-proof.png").is_file()


def test_proof_of_a_given_pdf_and_page_range(minimal_build, tmp_path):
    out = tmp_path / "two.png"
    result = runner.invoke(app, ["proof", "--pdf", str(minimal_build["pdf"]), "--pages", "1-2",
                                 "--out", str(out), "--width", "100"])
    assert result.exit_code == 0, result.output
    with Image.open(out) as image:
        assert image.width == 14 + 2 * (100 + 14)


def test_contact_sheet_bytes(minimal_build):
    png = contact_sheet(minimal_build["pdf"], columns=2, width=60)
    assert png.startswith(b"\x89PNG")


def test_proof_errors(tmp_path, minimal_build):
    missing = runner.invoke(app, ["proof", "--pdf", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 1
    assert missing.stderr == f"error[X704]: {tmp_path / 'none.pdf'}: no such PDF (check the path, or leave out --pdf)\n"
    bad_range = runner.invoke(app, ["proof", "--pdf", str(minimal_build["pdf"]), "--pages", "x-2"])
    assert bad_range.exit_code == 1
    assert bad_range.stderr == "error[X702]: --pages: 'x-2' is not a page range (write it like 1-12)\n"
    beyond = runner.invoke(app, ["proof", "--pdf", str(minimal_build["pdf"]), "--pages", "900-901",
                                 "--out", str(tmp_path / "x.png")])
    assert beyond.exit_code == 1 and "no pages to show" in beyond.stderr
    not_pdf = tmp_path / "fake.pdf"
    not_pdf.write_text("hello")
    broken = runner.invoke(app, ["proof", "--pdf", str(not_pdf), "--out", str(tmp_path / "y.png")])
    assert broken.exit_code == 1 and "cannot render it" in broken.stderr


def test_proof_reuses_a_current_pdf(minimal, monkeypatch):
    """After a build, nothing is laid out again: the PDF in build/ is current."""
    import dossierkit.commands.proof as proof

    assert runner.invoke(app, ["build", str(minimal), "--quiet"]).exit_code == 0

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out again although the built PDF is current")

    monkeypatch.setattr(proof, "proof_pdf", no_layout)
    result = runner.invoke(app, ["proof", str(minimal), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (minimal / "build" / "minimal-proof.png").is_file()
    # A changed chapter makes the built PDF stale: then the dossier is laid out afresh.
    (minimal / "chapters" / "two.md").write_text("# Two\n\nChanged.\n", "utf-8")
    monkeypatch.undo()
    calls = []
    real = proof.proof_pdf
    monkeypatch.setattr(proof, "proof_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert runner.invoke(app, ["proof", str(minimal), "--quiet"]).exit_code == 0
    assert calls == [1]
