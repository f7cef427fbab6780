"""`dossier build DIR1 DIR2 …`: several dossiers at once, each reported on its own;
and `--force`, handed to the build."""

import re
import shutil

from typer.testing import CliRunner

from dossierkit.build import BuildOptions
from dossierkit.cli import app
from dossierkit.commands.batch import build_many
from helpers import FIXTURES

runner = CliRunner()


def _outputs(folder):
    """The outputs in a build folder, without the build cache's own record."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _copies(tmp_path, *names):
    for name in names:
        shutil.copytree(FIXTURES / "minimal", tmp_path / name)
    return [tmp_path / name for name in names]


def test_several_dossiers_each_into_its_own_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copies(tmp_path, "one", "two", "three")
    result = runner.invoke(app, ["build", "one", "two", "three", "--format", "epub"])
    assert result.exit_code == 0, result.output
    for name in ("one", "two", "three"):
        assert _outputs(tmp_path / name / "build") == ["minimal.epub"]
        assert f"built: {name} [" in result.stderr
        assert f"{name}/build/minimal.epub" in result.stdout


def test_a_failing_dossier_is_reported_by_name_and_the_others_still_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good, bad = _copies(tmp_path, "good", "bad")
    (bad / "chapters/one.md").write_text("# One\n\n{{ nothing }}\n", "utf-8")
    (bad / "dossier.toml").write_text(
        (bad / "dossier.toml").read_text("utf-8") + "\n[extra]\nkey = 1\n", "utf-8")
    result = runner.invoke(app, ["build", "good", "bad", "--format", "epub"])
    assert result.exit_code == 1
    assert (good / "build/minimal.epub").is_file()
    assert not (bad / "build").exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == ["error[C405]: bad: chapters/one.md:3: template error: 'nothing' is undefined "
                      "(use a variable the data defines; see the README's template reference)"]
    assert any(line.startswith("warning[M104]: bad: dossier.toml:") for line in result.stderr.splitlines())
    assert re.search(r"^failed: bad \[[01] done, 1 failed of 2\]$", result.stderr, re.M)
    # The summary names each failure with its line.
    assert result.stderr.splitlines()[-1] == (
        "failed: bad: error[C405]: chapters/one.md:3: template error: 'nothing' is undefined "
        "(use a variable the data defines; see the README's template reference)")


def test_quiet_batch_prints_only_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copies(tmp_path, "one", "two")
    result = runner.invoke(app, ["build", "one", "two", "--format", "epub", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_out_is_refused_with_several_dossiers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copies(tmp_path, "one", "two")
    result = runner.invoke(app, ["build", "one", "two", "--out", "elsewhere"])
    assert result.exit_code == 1
    assert result.stderr == ("error[X701]: --out: cannot be used with several dossiers "
                             "(leave it out: each dossier builds into its own out_dir)\n")
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "one/build").exists()


def test_build_many_keeps_the_order_and_hears_of_each(tmp_path):
    projects = _copies(tmp_path, "a", "b", "c")
    heard = []
    outcomes = build_many(projects, BuildOptions(formats=("epub",)), workers=2,
                          done=lambda outcome: heard.append(outcome.project))
    assert [o.project for o in outcomes] == projects
    assert sorted(heard) == sorted(projects)
    assert all(o.ok and [b.path.name for b in o.built] == ["minimal.epub"] for o in outcomes)


def test_force_reaches_the_build(minimal, monkeypatch):
    import dossierkit.build

    seen = []
    monkeypatch.setattr(dossierkit.build, "build",
                        lambda project, options, *args, **kwargs: seen.append(options) or [])
    for args, force in ((["--force"], True), ([], False)):
        result = runner.invoke(app, ["build", str(minimal), "--quiet", *args])
        assert result.exit_code == 0, result.output
        assert seen.pop().force is force
    help_text = " ".join(runner.invoke(app, ["build", "--help"]).stdout.split())
    assert "--force Rebuild everything, ignoring the build cache." in help_text
