"""A `dossier build` with nothing to do is answered before the command line loads: the same
table and warnings as the full command, and anything else left to the full command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.commands.unchanged import answered, plain_build
from helpers import REPO

runner = CliRunner()
HEAVY = ("typer", "pydantic", "weasyprint", "ebooklib", "lxml", "babel", "markdown_it", "jinja2")


@pytest.fixture
def built(minimal) -> Path:
    shutil.copytree(REPO / "styles" / "fonts", minimal / "styles" / "fonts")
    result = runner.invoke(app, ["build", str(minimal)])
    assert result.exit_code == 0, result.output
    return minimal


@pytest.mark.parametrize(("argv", "plain"), [
    (["build"], (".", False)),
    (["build", "-q"], (".", True)),
    (["build", "kit", "--quiet"], ("kit", True)),
    (["build", "--quiet", "--quiet", "kit"], ("kit", True)),
    ([], None),
    (["check"], None),
    (["--debug", "build"], None),
    (["build", "--debug"], None),
    (["build", "--force"], None),
    (["build", "--format", "epub"], None),
    (["build", "--out", "elsewhere"], None),
    (["build", "kit-a", "kit-b"], None),
    (["build", "--help"], None),
])
def test_only_a_plain_build_is_answered_here(argv, plain):
    expected = None if plain is None else (Path(plain[0]), plain[1])
    assert plain_build(argv) == expected


def test_the_answer_is_what_the_command_line_shows(built, capsys):
    again = runner.invoke(app, ["build", str(built)])  # answered by the cache, through Typer
    assert again.exit_code == 0 and again.stdout.startswith("output ")
    assert answered(["build", str(built)])
    shown = capsys.readouterr()
    assert (shown.out, shown.err) == (again.stdout, "")
    assert answered(["build", "-q", str(built)])
    assert capsys.readouterr() == ("", "")


def test_warnings_are_repeated_as_the_command_line_repeats_them(built, capsys, expected_warnings):
    claims = built / "chapters/data/claims.yaml"
    claims.write_text(claims.read_text("utf-8") + "  topc: typo\n", "utf-8")
    assert runner.invoke(app, ["build", str(built)]).exit_code == 0
    again = runner.invoke(app, ["build", str(built)])  # answered by the cache, through Typer
    assert answered(["build", str(built)])
    assert capsys.readouterr().err == again.stderr
    assert len(expected_warnings) == 3 and len(set(expected_warnings)) == 1
    assert "unknown key" in expected_warnings[0]


def test_a_change_is_left_to_the_command_line_saying_nothing(built, capsys):
    outputs = {p: p.stat().st_mtime_ns for p in (built / "build").iterdir()}
    chapter = built / "chapters/two.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    assert not answered(["build", str(built)])
    assert capsys.readouterr() == ("", "")
    assert {p: p.stat().st_mtime_ns for p in (built / "build").iterdir()} == outputs


def test_a_damaged_record_is_left_to_the_command_line_to_warn_of(built, capsys):
    (built / "build/.dossier-cache.json").write_text(json.dumps({"schema": "forged"}), "utf-8")
    assert not answered(["build", str(built)])
    assert capsys.readouterr() == ("", "")


def test_a_cluster_build_is_left_to_the_command_line(built, capsys, monkeypatch):
    monkeypatch.setenv("DOSSIER_CLUSTER", "tcp://127.0.0.1:1")
    assert not answered(["build", str(built)])
    assert capsys.readouterr() == ("", "")


def test_the_program_answers_without_loading_the_command_line_or_the_pipeline(built):
    probe = ("import sys; sys.argv = ['dossier', 'build', '--quiet', sys.argv[1]]; "
             "from dossierkit.entry import main; main(); "
             f"print([name for name in {HEAVY!r} if name in sys.modules])")
    result = subprocess.run([sys.executable, "-c", probe, str(built)], capture_output=True,
                            text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")


def test_the_program_still_builds_what_changed(built):
    pdf = built / "build/minimal.pdf"
    before = pdf.read_bytes()
    chapter = built / "chapters/two.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "dossierkit", "build", "--quiet", str(built)],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert pdf.read_bytes() != before
