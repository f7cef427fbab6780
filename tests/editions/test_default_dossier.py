"""The issue's own check: `dossier editions . recipients.csv` on the default dossier with
three recipients makes six files that name each recipient, EPUBCheck 0/0 and PDF/UA 0
errors on each, all listed in editions.json."""

import json

import pytest

from dossierkit.verify.pdfua import check as pdfua_check
from helpers import page_texts, saved_epubcheck_findings


@pytest.mark.slow
def test_three_recipients_of_the_default_dossier(default_editions):
    # `dossier editions . recipients.csv --quiet` was run on a copy of the default dossier
    # by tests/background.py (the fixture asserts it exited 0), with these recipients:
    # helpers.DEFAULT_RECIPIENTS.
    project = default_editions / "default"
    out = project / "build/editions"
    listing = json.loads((out / "editions.json").read_text("utf-8"))
    files = [f["name"] for edition in listing["editions"] for f in edition["files"]]
    assert sorted(files) == sorted(p.name for p in out.iterdir() if p.name != "editions.json")
    assert len(files) == 6
    for edition, name in zip(listing["editions"], ("Jane Doe", "Anna Schmidt", "Ivan Petrov")):
        pdf, epub = (out / f["name"] for f in edition["files"])
        assert all(f"{name}, Example" in text or f"{name}, The Verge" in text
                   for text in page_texts(pdf))
        assert pdfua_check(pdf).summary.startswith("claims PDF/UA-1; 0 errors")
        assert saved_epubcheck_findings(default_editions / "epubcheck" / epub.name) == []
