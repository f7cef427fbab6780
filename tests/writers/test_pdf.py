"""The PDF writer, checked by parsing its output."""

import pytest

from helpers import BRIEF_ACTORS, CHAPTER_TITLES, page_texts, pdf_reader


def _outline(reader):
    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title
    return list(walk(reader.outline, 0))


def test_minimal_outline_lists_chapters_and_sections(minimal_build):
    reader = pdf_reader(minimal_build["pdf"])
    assert _outline(reader) == [(0, "Chapter One"), (1, "A section"), (0, "Chapter Two")]


def test_minimal_metadata_comes_from_the_manifest(minimal_build):
    reader = pdf_reader(minimal_build["pdf"])
    meta = reader.metadata
    assert (meta.title, meta.author) == ("Minimal Dossier", "Test Author")
    assert meta["/ModDate"] == "D:20240115000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_each_chapter_starts_a_new_page(minimal_build):
    firsts = [text[:40] for text in page_texts(minimal_build["pdf"])]
    assert firsts[1].startswith("Chapter One") and firsts[2].startswith("Chapter Two")


def test_default_outline_lists_the_chapters_in_order(default_build):
    top = [title for depth, title in _outline(pdf_reader(default_build["pdf"])) if depth == 0]
    assert top[:5] == CHAPTER_TITLES


def test_default_pdf_text_has_every_title_and_all_55_actors(default_build):
    text = " ".join(page_texts(default_build["pdf"]))
    missing = [name for name in CHAPTER_TITLES + BRIEF_ACTORS if name not in text]
    assert missing == []


def test_refused_resource_names_the_chapter(minimal):
    from dossierkit.build import BuildOptions, build
    from dossierkit.errors import DossierError

    path = minimal / "chapters" / "two.md"
    path.write_text(path.read_text() + '\n<img src="file:///etc/hostname" alt="x">\n')
    with pytest.raises(DossierError) as error:
        build(minimal, BuildOptions(formats=("pdf",)))
    assert str(error.value) == (
        "chapters/two.md: refused to load 'file:///etc/hostname': it is outside the dossier "
        "project (copy the resource into the project)")
