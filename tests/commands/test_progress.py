"""Build progress and the outputs table, help that teaches, and the generated README reference."""

from __future__ import annotations

import io

from typer.testing import CliRunner

from dossierkit import docs
from dossierkit.cli import app
from dossierkit.commands.progress import PlainProgress, QuietProgress, RichProgress, make_progress
from helpers import REPO

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


def test_every_command_has_a_summary_and_examples():
    top = runner.invoke(app, ["--help"])
    for command in ("build", "check", "new", "watch", "proof", "verify"):
        assert command in top.stdout
        help_text = runner.invoke(app, [command, "--help"]).stdout
        assert "Examples:" in help_text and f"dossier {command}" in help_text, command


def test_completion_is_offered():
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_readme_reference_is_generated_from_the_models():
    readme = (REPO / "README.md").read_text("utf-8")
    assert docs.rewrite(readme) == readme, "run: python -m dossierkit.docs"


def test_errors_md_is_generated_from_the_catalogue():
    text = (REPO / "docs" / "errors.md").read_text("utf-8")
    rewritten = docs.rewrite(text, markers=(docs.ERRORS_BEGIN, docs.ERRORS_END), generate=docs.errors_reference)
    assert rewritten == text, "run: python -m dossierkit.docs"


def _without_hint(line: str) -> str:
    """The line less its closing "(what to do)", which may hold parentheses of its own."""
    if not line.endswith(")"):
        return line
    depth = 0
    for index in range(len(line) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(line[index], 0)
        if depth == 0:
            return line[:index].rstrip()
    return line


def test_catalogue_codes_are_unique_and_every_template_finds_its_own_code():
    from dossierkit.catalogue import BY_CODE, ENTRIES, EXPLICIT_ONLY, code_for

    assert len(BY_CODE) == len(ENTRIES)
    for entry in ENTRIES:
        if entry.code not in EXPLICIT_ONLY:
            sample = entry.template.replace("{", "<").replace("}", ">")
            assert code_for(sample) == entry.code, entry
            # The documented example line finds the same code (past its place, before its hint).
            pieces = entry.example.split(": ")
            tails = [": ".join(pieces[i:]) for i in range(len(pieces))]
            tails += [_without_hint(tail) for tail in tails]
            assert entry.code in {code_for(tail) for tail in tails}, entry


def test_reference_names_every_model_field():
    from dossierkit.source import models

    text = docs.reference()
    for model in (models.Manifest, models.Output, models.Review, models.Claim):
        for name in model.model_fields:
            assert f"`{name}`" in text or f"`[{name}]`" in text


def test_template_variables_in_the_reference_exist(minimal):
    """Each name the reference lists is really in a chapter template's context."""
    from dossierkit.render.book import render_chapter_template
    from dossierkit.render.citations import Citations
    from dossierkit.render.templates import make_environment
    from dossierkit.source.loader import load_dossier
    from dossierkit.source.models import Data

    names = [n.split("(")[0] for n in docs.HELPERS] + list(Data.model_fields)
    probe = "".join(f"{{{{ {n} is defined }}}} " for n in names)
    (minimal / "chapters" / "probe.md").write_text(probe, "utf-8")
    dossier = load_dossier(minimal)
    text = render_chapter_template(make_environment(dossier.root), dossier, "chapters/probe.md",
                                   Citations(dossier.data.sources))
    assert text.split() == ["True"] * len(names)


def test_docs_check_mode(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{docs.BEGIN}\nstale\n{docs.END}\n", "utf-8")
    assert docs.main([str(readme), "--check"]) == 1
    assert docs.main([str(readme)]) == 0
    assert docs.main([str(readme), "--check"]) == 0
    assert "### The manifest" in readme.read_text("utf-8")
