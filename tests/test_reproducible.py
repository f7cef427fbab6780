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
from dossierkit.layout.partcache import FOLDER

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def _start(project, out, seed: str) -> subprocess.Popen:
    variants = [arg for v in Variant for arg in ("--variant", v.value)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "dossierkit", "build", str(project), "--out", str(out),
         *variants], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _outputs(process: subprocess.Popen, out) -> dict[str, str]:
    stderr = process.communicate(timeout=300)[1]
    assert process.returncode == 0, stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.name != FOLDER}


@pytest.mark.slow
def test_two_builds_give_identical_bytes_for_every_output(minimal, tmp_path):
    # Two processes at once (each core builds one), with different hash seeds.
    builds = [_start(minimal, tmp_path / name, seed) for name, seed in (("first", "1"), ("second", "2"))]
    first = _outputs(builds[0], tmp_path / "first")
    second = _outputs(builds[1], tmp_path / "second")
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
