"""Byte-identical builds: two processes, the same sources and SOURCE_DATE_EPOCH, the same bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from dossierkit.cli import Variant

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def _build(project, out, seed: str) -> dict[str, str]:
    variants = [arg for v in Variant for arg in ("--variant", v.value)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "dossierkit", "build", str(project), "--out", str(out),
         *variants], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


@pytest.mark.slow
def test_two_builds_give_identical_bytes_for_every_output(minimal, tmp_path):
    first = _build(minimal, tmp_path / "first", seed="1")
    second = _build(minimal, tmp_path / "second", seed="2")
    # The EPUB and one PDF per variant the CLI accepts (beside the build cache's record).
    assert len([name for name in first if not name.startswith(".")]) == 1 + len(Variant)
    assert first == second

    out = tmp_path / "first"
    for pdf in out.glob("*.pdf"):
        assert PdfReader(pdf).metadata["/ModDate"].startswith("D:20231114221320"), pdf.name
    with zipfile.ZipFile(out / "minimal.epub") as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    modified = opf.xpath("//*[local-name()='meta'][@property='dcterms:modified']/text()")
    assert modified == ["2023-11-14T22:13:20Z"]
