"""The layout cache: an edit lays out again only the parts it changes (and those it moves),
and an entry that no longer matches its files, or was tampered with, is never used."""

from __future__ import annotations

import io
import shutil

import pikepdf
import pytest

from dossierkit.build import load_and_render
from dossierkit.layout import cache_for, lay_out
from dossierkit.layout.partcache import FOLDER
from dossierkit.writers.pdfjoin import join_parts
from dossierkit.writers.pdfpart import part_writer
from helpers import FIXTURES

MORE = "\n\n" + "\n\n".join(f"Another paragraph, number {n}, long enough to fill a few lines of the page "
                            "with words that wrap and wrap again across the measure." for n in range(60))


@pytest.fixture
def project(tmp_path):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "minimal")
    return tmp_path / "minimal"


def lay(project, *, read=True):
    book = load_and_render(project)
    cache = cache_for(project / "build", book, "a4", "screen", read=read)
    return lay_out(book, "a4", "screen", part_writer(book, "screen"), workers=1, cache=cache)


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_second_layout_of_the_same_book_lays_nothing_out(project):
    first = lay(project)
    assert set(first.laid_out) == {part.name for part in first.parts}  # (twice, with no plan yet)
    again = lay(project)
    assert again.laid_out == [] and again.rounds == 1
    assert join_parts(again) == join_parts(first)


def test_a_typo_lays_out_only_its_chapter(project):
    lay(project)
    _edit(project / "chapters/two.md", "Again the book.", "Again, the book.")
    assert lay(project).laid_out == ["two"]
    # Undone, the chapter is found as it was laid out before.
    _edit(project / "chapters/two.md", "Again, the book.", "Again the book.")
    assert lay(project).laid_out == []


def test_a_chapter_that_grows_moves_the_later_ones(project):
    before = lay(project)
    _edit(project / "chapters/one.md", "\n", MORE + "\n")
    after = lay(project)
    assert after.page_of_id["two"] > before.page_of_id["two"]
    # The contents (in the front part) waits for the chapters' new numbers: laid out once;
    # the back cover, a part of its own, moves with the last chapter.
    assert sorted(after.laid_out) == ["back-cover", "front", "one", "two"]
    text = join_parts(after)
    with pikepdf.open(io.BytesIO(text)) as pdf:
        assert len(pdf.pages) == after.page_count
    # Laid out from nothing, the grown book is the same.
    shutil.rmtree(project / "build")
    assert join_parts(lay(project)) == text


def test_a_changed_stylesheet_lays_everything_out_again(project):
    first = lay(project)
    with (project / "styles/print.css").open("a", encoding="utf-8") as css:
        css.write("\n/* changed */\n")
    assert sorted(lay(project).laid_out) == sorted(part.name for part in first.parts)


def test_forcing_lays_everything_out_again_from_the_plan(project):
    first = lay(project)
    forced = lay(project, read=False)
    assert sorted(forced.laid_out) == sorted(part.name for part in first.parts)
    assert forced.rounds == 2  # one round of work: every part started where the plan said
    assert join_parts(forced) == join_parts(first)


def test_a_forced_layout_fits_each_chapter_in_one_pass_from_the_plan(project, monkeypatch):
    from dossierkit.layout import weasy

    first = lay(project)
    renders = []
    real = weasy.render
    monkeypatch.setattr(weasy, "render", lambda book, html: renders.append(html) or real(book, html))
    forced = lay(project, read=False)
    # Copyfitting starts where the last build settled, so each part is laid out once.
    assert len(renders) == len(forced.parts)
    assert forced.adjust == first.adjust
    assert join_parts(forced) == join_parts(first)


def test_a_tampered_entry_is_laid_out_again(project):
    first = lay(project)
    for entry in (project / "build" / FOLDER).glob("*.pdf"):
        entry.write_bytes(entry.read_bytes() + b"\n% not what was laid out\n")
    again = lay(project)
    assert sorted(again.laid_out) == sorted(part.name for part in first.parts)
    assert join_parts(again) == join_parts(first)


def test_a_linked_cache_folder_is_neither_read_nor_written(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "build").mkdir()
    (project / "build" / FOLDER).symlink_to(elsewhere)
    first = lay(project)
    assert list(elsewhere.iterdir()) == []
    assert set(lay(project).laid_out) == {part.name for part in first.parts}  # (no plan either)
