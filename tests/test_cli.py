"""The `dossier` command line, through Typer's runner and as a real process."""

import subprocess
import sys

from typer.testing import CliRunner

from dossierkit import __version__
from dossierkit.cli import app

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
    # Beside the output, the build cache's record (a hidden file).
    assert sorted(p.name for p in (minimal / "build").iterdir()) == [
        ".dossier-cache.json", "minimal.epub"]


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
