"""`dossier new`: the scaffold validates, builds, passes EPUBCheck, and works from an installed wheel."""

from __future__ import annotations

import json
import tomllib

from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.scaffold import slugify
from helpers import REPO, saved_epubcheck_findings

runner = CliRunner()


def test_new_scaffolds_a_complete_dossier(tmp_path):
    target = tmp_path / "film"
    result = runner.invoke(app, ["new", str(target), "--title", "Test Film"])
    assert result.exit_code == 0, result.output
    assert "created" in result.stdout
    manifest = tomllib.loads((target / "dossier.toml").read_text("utf-8"))["dossier"]
    assert manifest["title"] == "Test Film" and manifest["slug"] == "test-film"
    assert manifest["identifier"].startswith("urn:uuid:")
    assert manifest["chapters"] == ["statement", "synopsis", "production-notes", "reception",
                                    "festival", "credits", "fact-vs-fiction", "press-sheet"]
    for slug in manifest["chapters"]:
        assert (target / "chapters" / f"{slug}.md").is_file()
    assert (target / ".gitignore").read_text().startswith("#")
    # The styles are the repository's own, byte for byte: one copy, shipped in the package.
    for css in (REPO / "styles").glob("*.css"):
        assert (target / "styles" / css.name).read_bytes() == css.read_bytes()
    assert (target / "styles" / "fonts" / "PTSerif-Regular.ttf").is_file()
    check = runner.invoke(app, ["check", str(target)])
    assert check.exit_code == 0, check.output


def test_each_new_dossier_gets_its_own_identifier(tmp_path):
    ids = set()
    for name in ("a", "b"):
        runner.invoke(app, ["new", str(tmp_path / name), "--title", "Same"])
        ids.add(tomllib.loads((tmp_path / name / "dossier.toml").read_text())["dossier"]["identifier"])
    assert len(ids) == 2


def test_title_with_quotes_and_cyrillic(tmp_path):
    target = tmp_path / "salyut"
    result = runner.invoke(app, ["new", str(target), "--title", 'Салют-7: "the rescue"'])
    assert result.exit_code == 0, result.output
    manifest = tomllib.loads((target / "dossier.toml").read_text("utf-8"))["dossier"]
    assert manifest["title"] == 'Салют-7: "the rescue"'
    assert manifest["slug"] == "7-the-rescue"
    assert runner.invoke(app, ["check", str(target)]).exit_code == 0


def test_slugify_falls_back_on_nothing_latin():
    assert slugify("Test Film: Part 2") == "test-film-part-2"
    assert slugify("Салют") == ""


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(app, ["new", str(tmp_path), "--title", "X"])
    assert result.exit_code == 1
    assert result.stderr == (f"error[B605]: {tmp_path}: the folder already exists and is not empty "
                             "(choose a new folder; dossier new never overwrites files)\n")
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_new_needs_a_title(tmp_path):
    missing = runner.invoke(app, ["new", str(tmp_path / "x")])
    assert missing.exit_code == 2 and "--title" in missing.output
    empty = runner.invoke(app, ["new", str(tmp_path / "y"), "--title", "  "])
    assert empty.exit_code == 1
    assert "the title is empty" in empty.stderr


# The classes the README documents for blocks; the scaffold shows every one.
BLOCK_CLASSES = ("pullquote", "panel", "comparison", "cast-list", "verdict", "still", "gallery",
                 "technical", "contacts", "person", "portrait", "laurels", "timeline")


def test_the_scaffold_shows_every_data_kind_and_block_class(tmp_path):
    from dossierkit.build import load_and_render
    from dossierkit.docs import HELPERS
    from dossierkit.source.loader import load_dossier
    from dossierkit.source.models import Data

    runner.invoke(app, ["new", str(tmp_path / "film"), "--title", "Test Film"])
    dossier = load_dossier(tmp_path / "film")
    assert dossier.warnings == ()
    empty = [name for name in Data.model_fields
             if getattr(dossier.data, name) in (None, [], Data.model_fields[name].default)]
    assert empty == ["festivals"]  # releases.yaml holds the festivals now
    book = load_and_render(tmp_path / "film")
    markup = "".join(part.xhtml for part in book.parts)
    for name in BLOCK_CLASSES:
        assert f'class="{name}' in markup or f' {name}"' in markup or f" {name} " in markup, name
    readme = (REPO / "README.md").read_text("utf-8")
    for name in BLOCK_CLASSES:
        assert f"`{name}`" in readme or f".{name}" in readme, name
    for helper in HELPERS:
        assert f"`{helper}`" in readme, helper
    # Credits as they are: two directors, a double role, an unknown actor, an uncredited role.
    cast = dossier.data.credits.cast
    assert dossier.data.film.directors == ["A. Director", "B. Director"]
    assert [c.character for c in cast if c.actor == "B. Actor"] == ["The Rival", "The Rival's Twin"]
    assert any(c.actor is None for c in cast) and any(c.uncredited for c in cast)
    assert "Actor unknown\u00a0– The Voice on the Radio" in markup
    assert "<em>An Earlier Film</em>" in markup  # inline Markdown in a review summary
    assert "Main Theme" in markup  # extra.music
    assert "The film has 2\u00a0reviews on file." in markup


def test_a_russian_scaffold_has_russian_labels(russian_scaffold):
    from pypdf import PdfReader

    from helpers import epub_text

    pdf = "\n".join(page.extract_text() for page in PdfReader(russian_scaffold / "build" / "film.pdf").pages)
    pdf = pdf.replace("\u00a0", " ")
    assert "Содержание" in pdf and "Пресс-кит" in pdf
    assert "Contents" not in pdf and "A FILM BY" not in pdf.upper().replace("ФИЛЬМ", "")
    assert "15 января 2020" in pdf  # a Russian date, in the genitive as Russian writes it
    assert "101 минута" in pdf  # plural form of the catalogue
    epub = epub_text(russian_scaffold / "build" / "film.epub").replace("\u00a0", " ")
    assert "Содержание" in epub and "15 января 2020" in epub
    assert saved_epubcheck_findings(russian_scaffold.parent) == []


def test_new_refuses_a_bad_language_tag(tmp_path):
    result = runner.invoke(app, ["new", str(tmp_path / "x"), "--title", "X", "--language", "Russian"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error[B608]: {tmp_path / 'x'}: 'Russian' is not a language tag "
                                     "(give one like en, ru or pt-BR with --language)")


def test_new_then_build_passes_epubcheck(new_scaffold):
    # `dossier new`, then `dossier build --format epub` in the new folder, both run as
    # processes by the background job (the fixture asserts they exited 0).
    assert sorted(p.name for p in (new_scaffold / "film" / "build").iterdir()
                  if not p.name.startswith(".")) == ["test-film.epub"]
    assert saved_epubcheck_findings(new_scaffold) == []


def test_new_and_build_from_an_installed_wheel(installed_wheel):
    # `dossier new` and `dossier build` were run from the wheel's venv by tests/background.py.
    venv, work = installed_wheel
    assert str(venv) in (work / "where.txt").read_text()
    # The stylesheets really are files in the wheel, not links back to the repository.
    assert not (work / "x" / "styles" / "print.css").is_symlink()
    built = json.loads((work / "build.json").read_text())
    assert built["returncode"] == 0, built["stderr"]
    assert "build/test-film.pdf" in built["stdout"] and "build/test-film.epub" in built["stdout"]
    assert saved_epubcheck_findings(work) == []
