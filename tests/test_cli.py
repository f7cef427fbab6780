"""The `dossier` command line, through Typer's runner and as a real process."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossierkit import __version__
from dossierkit.cli import app
from dossierkit.layout.partcache import FOLDER
from dossierkit.options import BuildOptions

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"dossier {__version__}\n"


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.stdout and "check" in result.stdout


def test_check_writes_nothing(minimal):
    result = runner.invoke(app, ["check", str(minimal)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: Minimal Dossier: 2 chapters\n"
    assert not (minimal / "build").exists()


def test_build_defaults_to_project_build_folder(minimal):
    result = runner.invoke(app, ["build", str(minimal), "--format", "epub"])
    assert result.exit_code == 0, result.output
    # Beside the output, the build cache's record (a hidden file) and the layout cache's folder.
    assert sorted(p.name for p in (minimal / "build").iterdir()) == [
        ".dossier-cache.json", FOLDER, "minimal.epub"]


def test_build_out_folder_and_both_formats(minimal, tmp_path):
    out = tmp_path / "elsewhere"
    result = runner.invoke(app, ["build", str(minimal), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "minimal.epub", "minimal.pdf"]
    assert (out / "minimal.pdf").read_bytes().startswith(b"%PDF-")


def test_build_uses_current_folder_by_default(minimal, monkeypatch):
    monkeypatch.chdir(minimal)
    result = runner.invoke(app, ["build", "--format", "epub"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split()[:3] == ["output", "size", "pages"]
    assert (minimal / "build" / "minimal.epub").is_file()


def test_every_command_has_a_summary_and_examples():
    top = runner.invoke(app, ["--help"])
    for command in ("build", "check", "new", "watch", "proof", "verify"):
        assert command in top.stdout
        help_text = runner.invoke(app, [command, "--help"]).stdout
        assert "Examples:" in help_text and f"dossier {command}" in help_text, command


def test_completion_is_offered():
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_unknown_format_is_refused(minimal):
    result = runner.invoke(app, ["build", str(minimal), "--format", "docx"])
    assert result.exit_code == 2
    assert "'docx' is not one of" in result.output


def test_debug_shows_the_traceback(minimal):
    (minimal / "dossier.toml").write_text("[dossier]\n", "utf-8")
    quiet = runner.invoke(app, ["check", str(minimal)])
    loud = runner.invoke(app, ["--debug", "check", str(minimal)])
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr
    assert quiet.exit_code == loud.exit_code == 1


def test_unwritable_output_folder(minimal, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["build", str(minimal), "--out", str(blocker / "out")])
    assert result.exit_code == 1
    # Before it, the stages that ran (plain lines: the runner is not a terminal).
    assert result.stderr.splitlines()[-1] == (f"error[B601]: {blocker / 'out'}: cannot create the output "
                                              "folder: Not a directory (choose another folder with --out)")


def test_python_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "dossierkit", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout == f"dossier {__version__}\n"


# --- Parsed options reach each command's function (nothing is built) -----------------------

class Calls(list):
    """Records each call of a patched command function as (args, kwargs)."""

    def __init__(self, result=None):
        super().__init__()
        self.result = result

    def __call__(self, *args, **kwargs):
        self.append((args, kwargs))
        return self.result


@pytest.fixture
def command(monkeypatch):
    """Patch `dossierkit.commands.<name>.run_<name>`; returns its recorded calls."""
    def patch(name: str, result=None) -> Calls:
        calls = Calls(result)
        monkeypatch.setattr(f"dossierkit.commands.{name}.run_{name}", calls)
        return calls
    return patch


@pytest.mark.parametrize(("args", "expected"), [
    ([], BuildOptions()),
    (["--format", "all"], BuildOptions()),
    (["--format", "pdf"], BuildOptions(formats=("pdf",))),
    (["-f", "html"], BuildOptions(formats=("html",))),
    (["--paper", "letter"], BuildOptions(paper="letter")),
    (["--variant", "press", "--variant", "archive"], BuildOptions(variants=("press", "archive"))),
    (["--out", "elsewhere"], BuildOptions(out_dir=Path("elsewhere"))),
    (["-o", "elsewhere"], BuildOptions(out_dir=Path("elsewhere"))),
    (["--strict"], BuildOptions(strict=True)),
    (["--force"], BuildOptions(force=True)),
    (["--debug"], BuildOptions()),
])
def test_build_options_reach_run_build(args, expected, command):
    calls = command("build", result=True)
    result = runner.invoke(app, ["build", "project", *args])
    assert result.exit_code == 0, result.output
    assert calls == [(([Path("project")], expected), {"quiet": False, "cluster": None})]


def test_build_projects_default_to_here_and_are_each_built_once(command):
    calls = command("build", result=True)
    assert runner.invoke(app, ["build", "-q"]).exit_code == 0
    assert runner.invoke(app, ["build", "a", "b", "a", "--quiet"]).exit_code == 0
    assert calls == [(([Path(".")], BuildOptions()), {"quiet": True, "cluster": None}),
                     (([Path("a"), Path("b")], BuildOptions()), {"quiet": True, "cluster": None})]


def test_a_cluster_address_reaches_run_build(command):
    calls = command("build", result=True)
    assert runner.invoke(app, ["build", "a", "b", "--cluster", "tcp://10.0.0.1:8786"]).exit_code == 0
    assert calls == [(([Path("a"), Path("b")], BuildOptions()),
                      {"quiet": False, "cluster": "tcp://10.0.0.1:8786"})]


def test_a_failed_batch_exits_1(command):
    command("build", result=False)
    result = runner.invoke(app, ["build", "a", "b"])
    assert result.exit_code == 1 and result.output == ""


def test_unknown_choices_are_refused_before_the_command(command):
    calls = command("build", result=True)
    for option, value in (("--paper", "a5"), ("--variant", "print"), ("--format", "docx")):
        result = runner.invoke(app, ["build", "project", option, value])
        assert result.exit_code == 2, option
        assert f"'{value}' is not one of" in result.output
    assert calls == []


def test_check_options_reach_run_check(command):
    calls = command("check")
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert runner.invoke(app, ["check", "project", "--strict"]).exit_code == 0
    assert calls == [((Path("."),), {"strict": False}), ((Path("project"),), {"strict": True})]


def test_new_options_reach_run_new(command):
    calls = command("new")
    assert runner.invoke(app, ["new", "film", "-t", "A Film"]).exit_code == 0
    assert runner.invoke(app, ["new", "film", "--title", "Салют", "--language", "ru"]).exit_code == 0
    assert calls == [((Path("film"), "A Film", "en"), {}), ((Path("film"), "Салют", "ru"), {})]


def test_watch_options_reach_run_watch(command):
    calls = command("watch")
    result = runner.invoke(app, ["watch", "project", "-f", "epub", "--out", "o", "--serve",
                                 "--port", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert calls == [((Path("project"), BuildOptions(formats=("epub",), out_dir=Path("o"))),
                      {"serve": True, "port": 0, "quiet": True})]


def test_proof_options_reach_run_proof(command):
    calls = command("proof")
    result = runner.invoke(app, ["proof", "project", "--pdf", "x.pdf", "--columns", "3",
                                 "--width", "90", "--pages", "2-5", "--out", "p.png"])
    assert result.exit_code == 0, result.output
    assert calls == [((Path("project"),), {"out": Path("p.png"), "pdf": Path("x.pdf"),
                                           "columns": 3, "width": 90, "pages": "2-5",
                                           "quiet": False})]
    assert runner.invoke(app, ["proof", "--columns", "0"]).exit_code == 2
    assert len(calls) == 1


def test_verify_options_reach_run_verify(command):
    calls = command("verify", result=True)
    result = runner.invoke(app, ["verify", "a.pdf", "b.epub", "--only", "fonts", "--only", "text",
                                 "--json"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["verify", "-p", "project", "-q"]).exit_code == 0
    assert calls == [(([Path("a.pdf"), Path("b.epub")], Path(".")),
                      {"only": ["fonts", "text"], "json_output": True, "quiet": False}),
                     ((None, Path("project")), {"only": None, "json_output": False, "quiet": True})]
    command("verify", result=False)
    assert runner.invoke(app, ["verify"]).exit_code == 1


def test_an_internal_error_is_one_line_and_debug_shows_its_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("dossierkit.commands.check.run_check", broken)
    quiet = runner.invoke(app, ["check"])
    assert quiet.exit_code == 1
    assert quiet.stderr == ("error[B607]: internal error: ZeroDivisionError: a bug "
                            "(rerun with --debug and report the traceback)\n")
    loud = runner.invoke(app, ["check", "--debug"])
    assert loud.exit_code == 1 and "Traceback" in loud.stderr and "ZeroDivisionError" in loud.stderr


def test_an_interrupt_says_nothing_was_changed(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("dossierkit.commands.check.run_check", interrupted)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 130
    assert result.stderr == "interrupted: nothing was changed\n"
