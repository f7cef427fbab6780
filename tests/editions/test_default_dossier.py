"""The issue's own check: `dossier editions . recipients.csv` on the default dossier with
three recipients makes six files that name each recipient, EPUBCheck 0/0 and PDF/UA 0
errors on each, all listed in editions.json."""

import json
import shutil

import pypdf
import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.verify.pdfua import check as pdfua_check
from helpers import REPO, epubcheck_messages

RECIPIENTS = ("name,outlet,email,language,embargo\n"
              "Jane Doe,The Verge,jane@example.org,en,2017-10-12 09:00 Europe/Moscow\n"
              "Anna Schmidt,Example Zeitung,anna@example.de,de,2017-10-12 09:00 Europe/Moscow\n"
              "Ivan Petrov,Example Gazeta,ivan@example.ru,ru,2017-10-13 12:00 Europe/Moscow\n")


@pytest.mark.slow
def test_three_recipients_of_the_default_dossier(tmp_path, monkeypatch):
    project = tmp_path / "default"
    project.mkdir()
    for name in ("dossier.toml", "chapters", "styles"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    (project / "recipients.csv").write_text(RECIPIENTS, "utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["editions", ".", "recipients.csv", "--quiet"])
    assert result.exit_code == 0, result.output
    out = project / "build/editions"
    listing = json.loads((out / "editions.json").read_text("utf-8"))
    files = [f["name"] for edition in listing["editions"] for f in edition["files"]]
    assert sorted(files) == sorted(p.name for p in out.iterdir() if p.name != "editions.json")
    assert len(files) == 6
    for edition, name in zip(listing["editions"], ("Jane Doe", "Anna Schmidt", "Ivan Petrov")):
        pdf, epub = (out / f["name"] for f in edition["files"])
        pages = pypdf.PdfReader(pdf).pages
        assert all(f"{name}, Example" in page.extract_text() or f"{name}, The Verge" in page.extract_text()
                   for page in pages)
        assert pdfua_check(pdf).summary.startswith("claims PDF/UA-1; 0 errors")
        assert epubcheck_messages(epub) == []
