"""Writing the PDF in a forked process while the EPUB is written here."""

from __future__ import annotations

import pytest

import dossierkit.writers.pdf
from dossierkit.build import BuildOptions, build
from dossierkit.errors import DossierError, Problem
from dossierkit.layout.partcache import FOLDER


def test_the_forked_pdf_is_the_pdf_written_alone(minimal, tmp_path):
    both = {b.format: b.path for b in build(minimal, BuildOptions(out_dir=tmp_path / "both"))}
    alone = build(minimal, BuildOptions(formats=("pdf",), out_dir=tmp_path / "alone"))
    assert both["pdf"].read_bytes() == alone[0].path.read_bytes()
    assert both["epub"].stat().st_size > 0


def test_a_problem_in_the_pdf_process_is_the_build_s(minimal, monkeypatch):
    out = minimal / "build"
    out.mkdir()
    (out / "minimal.epub").write_bytes(b"previous")

    def refuse(layout):
        raise DossierError(Problem("styles/print.css", "cannot be printed", hint="fix it"))

    monkeypatch.setattr(dossierkit.writers.pdf, "write_pdf", refuse)
    with pytest.raises(DossierError) as error:
        build(minimal)
    assert str(error.value) == "styles/print.css: cannot be printed (fix it)"
    # Nothing was placed: the EPUB written meanwhile waits for the PDF.
    # (The layout cache's folder holds the parts laid out: they are right whatever the PDF.)
    assert sorted(p.name for p in out.iterdir() if p.name != FOLDER) == ["minimal.epub"]
    assert (out / "minimal.epub").read_bytes() == b"previous"


def test_a_crash_in_the_pdf_process_is_reported(minimal, monkeypatch):
    def crash(layout):
        raise MemoryError("out of memory")

    monkeypatch.setattr(dossierkit.writers.pdf, "write_pdf", crash)
    with pytest.raises(RuntimeError, match="the PDF process failed: MemoryError: out of memory"):
        build(minimal)
