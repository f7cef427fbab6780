"""Editions by language from one source: every edition built, each with its own texts,
metadata, contents and page-list; `--language` builds one."""

from __future__ import annotations

import re
import shutil
import zipfile

import pikepdf
import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from helpers import FIXTURES, epubcheck_findings

runner = CliRunner()


def _bilingual(root):
    shutil.copytree(FIXTURES / "minimal", root)
    manifest = root / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace(
        'chapters = ["one", "two"]',
        'chapters = ["one", "two"]\nlanguages = ["en", "ru"]\n\n'
        '[dossier.editions.ru]\ntitle = "Минимальное досье"\ndescription = "Русское издание."'), "utf-8")
    (root / "chapters" / "one.ru.md").write_text(
        "# Глава первая\n\nПервый абзац с примечанием.{{ cite(\"example-book, p. 12\") }} "
        "Дата: {{ claims[0].topic }}, {{ dossier.date | longdate }}.\n", "utf-8")
    data = root / "chapters" / "data" / "ru"
    data.mkdir()
    (data / "claims.yaml").write_text("- {id: C1, topic: Утверждение}\n", "utf-8")
    return root


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    root = _bilingual(tmp_path_factory.mktemp("editions") / "minimal")
    result = runner.invoke(app, ["build", str(root), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "build"


def test_build_makes_every_edition(editions):
    assert sorted(p.name for p in editions.glob("minimal*")) == [
        "minimal.epub", "minimal.pdf", "minimal.ru.epub", "minimal.ru.pdf"]


def test_each_edition_has_its_own_texts_and_metadata(editions):
    with zipfile.ZipFile(editions / "minimal.ru.epub") as epub:
        opf = epub.read("EPUB/content.opf").decode("utf-8")
        nav = epub.read("EPUB/nav.xhtml").decode("utf-8")
        text = "".join(epub.read(n).decode("utf-8") for n in epub.namelist()
                       if n.endswith(".xhtml")).replace("\u00a0", " ")
    with zipfile.ZipFile(editions / "minimal.epub") as epub:
        english_opf = epub.read("EPUB/content.opf").decode("utf-8")
    assert "<dc:language>ru</dc:language>" in opf and "<dc:title>Минимальное досье</dc:title>" in opf
    identifier = re.search(r"<dc:identifier[^>]*>([^<]+)<", opf)[1]
    assert identifier.startswith("urn:uuid:") and identifier not in english_opf
    assert "Содержание" in nav and "Глава первая" in nav and 'epub:type="page-list"' in nav
    # The chapter with a translation shows it; the other keeps the dossier's language.
    assert "Утверждение" in text and "15 января 2024" in text
    assert re.search(r'<section[^>]*class="chapter"[^>]*id="two"[^>]*lang="en"|'
                     r'<section[^>]*lang="en"[^>]*id="two"', text)
    with pikepdf.open(editions / "minimal.ru.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "Минимальное досье"
        assert pdf.Root.Lang == "ru"
    assert epubcheck_findings(editions / "minimal.ru.epub") == []


def test_language_builds_one_edition(tmp_path):
    root = _bilingual(tmp_path / "minimal")
    result = runner.invoke(app, ["build", str(root), "--quiet", "--language", "ru", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "build").glob("minimal*")) == ["minimal.ru.pdf"]
    wrong = runner.invoke(app, ["build", str(root), "--quiet", "--language", "it"])
    assert wrong.exit_code == 1
    assert wrong.stderr.strip() == ("error[M110]: dossier.toml: dossier.languages: no 'it' edition (add "
                                    "the language to languages in dossier.toml, or build one of: "
                                    "en, ru)")


@pytest.mark.parametrize("addition, expected", [
    ('languages = ["ru"]', "error[D203]: dossier.toml:9: dossier.languages: languages must include the "
                           "dossier's language 'en' (list every edition, the dossier's own first)"),
    ('languages = ["en"]\n\n[dossier.editions.ru]\ntitle = "X"',
     "error[D203]: dossier.toml:11: dossier.editions: edition 'ru' is not in languages (add it to "
     "languages)"),
    ('languages = ["en", "ru"]\n\n[dossier.editions.ru]\nchapters = ["three"]',
     "error[D203]: dossier.toml:11: dossier.editions: edition 'ru' lists chapter 'three', which the "
     "dossier does not have (an edition's chapters are some of dossier.chapters)"),
])
def test_editions_are_declared(minimal, addition, expected):
    manifest = minimal / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace(
        'chapters = ["one", "two"]', 'chapters = ["one", "two"]\n' + addition), "utf-8")
    result = runner.invoke(app, ["check", str(minimal)])
    assert result.exit_code == 1
    assert result.stderr.strip() == expected


def test_the_default_dossier_has_a_russian_edition(russian_build, default_build):
    from helpers import epub_text, page_texts

    assert russian_build["pdf"].name == "salyut-7.ru.pdf"
    # Each PDF's text read once (PDFium, as dossier verify reads it), whoever asks.
    pdf = "\n".join(page_texts(russian_build["pdf"])).replace("\u00a0", " ")
    compact = "".join(pdf.split())  # letter-spaced labels come out with spaces between letters
    for words in ("Содержание", "Синопсис", "Полные титры", "Технические данные и контакты",
                  "12 октября 2017", "ГЛАВА 1", "ФИЛЬМ KLIM SHIPENKO", "Продолжительность"):
        assert "".join(words.split()).casefold() in compact.casefold(), words
    epub = epub_text(russian_build["epub"])
    assert "Содержание" in epub and "Примечания" in epub
    with zipfile.ZipFile(russian_build["epub"]) as archive:
        assert "<dc:language>ru</dc:language>" in archive.read("EPUB/content.opf").decode("utf-8")
    assert epubcheck_findings(russian_build["epub"]) == []
    # No replacement character anywhere: every address and name is printed as written.
    for path in [*russian_build.values(), *default_build.values()]:
        if path.suffix == ".pdf":
            assert "\ufffd" not in "".join(page_texts(path)), path
        else:
            assert "\ufffd" not in epub_text(path), path
