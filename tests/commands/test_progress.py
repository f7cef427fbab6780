"""Build progress and the outputs table."""

from __future__ import annotations

import io

from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.commands.progress import PlainProgress, QuietProgress, RichProgress, make_progress

runner = CliRunner()


def test_build_shows_plain_stages_and_a_table(minimal):
    result = runner.invoke(app, ["build", str(minimal)])
    assert result.exit_code == 0, result.output
    stages = [line.split("] ")[1] for line in result.stderr.splitlines()]
    assert stages[:2] == ["load", "render"] and stages[-2:] == ["write", "done"]
    assert {"pdf", "epub", "layout"} <= set(stages)
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["output", "size", "pages"]
    pdf_row = next(r for r in rows if r.split()[0].endswith("minimal.pdf"))
    assert pdf_row.split()[-1].isdigit() and "bytes" in pdf_row
    assert any(r.split()[0].endswith("minimal.epub") for r in rows)


def test_build_quiet_prints_nothing(minimal):
    result = runner.invoke(app, ["build", str(minimal), "--format", "epub", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""


def test_build_quiet_still_prints_errors(minimal):
    (minimal / "chapters" / "two.md").write_text("# Two\n\n{{ nothing }}\n", "utf-8")
    result = runner.invoke(app, ["build", str(minimal), "--quiet"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error[C405]: chapters/two.md:3: template error")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_display_suits_the_output():
    assert isinstance(make_progress(stream=FakeTerminal()), RichProgress)
    assert isinstance(make_progress(stream=io.StringIO()), PlainProgress)
    assert isinstance(make_progress(quiet=True, stream=FakeTerminal()), QuietProgress)


def test_rich_progress_finishes_every_stage():
    screen = FakeTerminal()
    with make_progress(stream=screen) as progress:
        for stage in ("load", "render", "pdf", "layout", "epub", "write"):
            progress(stage)
    tasks = progress.progress.tasks
    assert [t.description for t in tasks] == ["load", "render", "pdf", "layout", "epub", "write"]
    assert all(t.finished for t in tasks)
    assert "layout" in screen.getvalue()
