"""What writers share: the layout made once per variant, the cover from the screen PDF."""

from __future__ import annotations

import pytest

import dossierkit.layout
from dossierkit.writers import get_writer
from dossierkit.writers.base import BuildContext


@pytest.fixture
def layouts(monkeypatch):
    made = []

    def lay_out(book, paper, variant, write, **how):
        made.append((paper, variant))
        return f"layout {paper} {variant}"

    monkeypatch.setattr(dossierkit.layout, "lay_out", lay_out)
    return made


def test_each_variant_is_laid_out_once_however_many_writers_ask(layouts, minimal_book):
    stages = []
    context = BuildContext(minimal_book, "letter", ("screen", "press"), progress=stages.append)
    assert context.layout() == context.layout("screen") == "layout letter screen"
    assert context.layout("press") == "layout letter press"
    context.layout("press")
    assert layouts == [("letter", "screen"), ("letter", "press")]
    assert stages == ["layout", "layout"]


def test_the_cover_is_the_written_screen_pdf_when_there_is_one(layouts, minimal_book):
    context = BuildContext(minimal_book, "a4", ("screen",))
    context.written["screen"] = b"%PDF- the screen edition"
    assert context.cover_pdf() == b"%PDF- the screen edition"
    assert layouts == []


def test_writers_by_format():
    for name in ("pdf", "epub", "html"):
        assert get_writer(name).name == name
