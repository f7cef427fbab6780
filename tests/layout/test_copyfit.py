"""Copyfitting on both papers, for the default dossier and the scaffold `dossier new` writes:
no chapter ends on a page less than a quarter full."""

from __future__ import annotations

import datetime as dt

import pytest

from dossierkit.build import load_and_render
from dossierkit.layout import lay_out
from dossierkit.layout.copyfit import MIN_FILL, chapter_ends
from dossierkit.scaffold import create
from dossierkit.writers.pdfpart import part_writer
from helpers import REPO


@pytest.fixture(scope="session")
def scaffold(tmp_path_factory):
    target = tmp_path_factory.mktemp("scaffold") / "my-film"
    create(target, "My Film", today=dt.date(2026, 11, 22))
    return target


def _underfilled(project, paper: str) -> list[tuple[str, float]]:
    book = load_and_render(project)
    layout = lay_out(book, paper, "screen", part_writer(book, "screen"), workers=2)
    ends = chapter_ends(layout, book)
    assert [e.slug for e in ends] == [c.slug for c in book.chapters]
    return [(e.slug, round(e.fill, 2)) for e in ends if e.fill < MIN_FILL and e.pages > 1]


def test_the_default_dossier_on_letter_ends_no_chapter_on_a_near_empty_page():
    assert _underfilled(REPO, "letter") == []


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_scaffold_ends_no_chapter_on_a_near_empty_page(scaffold, paper):
    assert _underfilled(scaffold, paper) == []
