"""The benchmark script and its generator run (in a smoke mode; no timing is asserted)."""

import subprocess
import sys

from typer.testing import CliRunner

from dossierkit.cli import app
from helpers import REPO

BENCHMARKS = REPO / "benchmarks"


def test_generated_dossier_passes_check(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from generate import generate

    project = generate(tmp_path / "generated", size=0.02)
    result = CliRunner().invoke(app, ["check", str(project), "--strict"])
    assert result.exit_code == 0, result.output
    assert (project / "styles/fonts/PTSerif-Regular.ttf").read_bytes() == \
        (REPO / "styles/fonts/PTSerif-Regular.ttf").read_bytes()


def test_generator_grows_with_size(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from generate import generate

    small = generate(tmp_path / "small", size=0.02) / "chapters/data/credits.yaml"
    large = generate(tmp_path / "large", size=0.04) / "chapters/data/credits.yaml"
    assert 1.8 < large.stat().st_size / small.stat().st_size < 2.2


def test_pandoc_export_is_markdown_with_distinct_note_labels(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import peers

    project = peers.copy_default_dossier(tmp_path / "default")
    files = peers.export_for_pandoc(project, tmp_path / "pandoc")
    assert [f.name for f in files][:2] == ["01-synopsis.md", "02-reception.md"]
    text = files[1].read_text("utf-8")
    assert text.startswith("# ") and "{{" not in text
    assert "[^reception-note-1]" in text and "\n[^reception-note-1]: " in text
    assert "<a " not in text.split("\n[^")[0]  # every note call became a footnote


def test_run_help():
    result = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout and "--markdown" in result.stdout and "--only" in result.stdout


def test_typo_edits_misspell_one_word_each_run_and_restore(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from edits import Edit, typo

    chapter = tmp_path / "festival.md"
    original = (REPO / "chapters/festival.md").read_text("utf-8")
    chapter.write_text(original, "utf-8")
    edit, versions = Edit(chapter, typo), []
    for _ in range(3):
        edit.apply()
        versions.append(chapter.read_text("utf-8"))
    assert len(set(versions)) == 3  # a new slip every run: no cache can hold it
    for text in versions:
        assert len(text) == len(original) and text.count("teh") == original.count("teh") + 1
        assert text.replace("teh", "the") == original.replace("teh", "the")
    edit.restore()
    assert chapter.read_text("utf-8") == original


def test_added_page_appends_the_same_prose_numbered_by_run(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from edits import added_page

    original = (REPO / "chapters/reception.md").read_text("utf-8")
    first, second = added_page(original, 0), added_page(original, 1)
    assert first.startswith(original.rstrip("\n") + "\n\n") and first != second
    assert first.replace("benchmark edit 0.", "benchmark edit 1.") == second
    added = first[len(original):].split()
    assert 450 < len(added) < 700  # about one page of the default dossier's body text
