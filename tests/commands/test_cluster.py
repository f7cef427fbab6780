"""Building through a Dask cluster (scheduler and workers on 127.0.0.1): the same outputs,
byte for byte, as local processes; a failed dossier named; an unreachable cluster refused."""

import shutil

import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from helpers import FIXTURES

distributed = pytest.importorskip("distributed")
runner = CliRunner()
CATALOGUE = ("alpha", "beta", "gamma")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as local:
        yield local.scheduler_address


def _catalogue(folder):
    """Three small dossiers that differ in their slug and first chapter."""
    folder.mkdir()
    for name in CATALOGUE:
        shutil.copytree(FIXTURES / "minimal", folder / name)
        manifest = folder / name / "dossier.toml"
        manifest.write_text(manifest.read_text("utf-8").replace('"minimal"', f'"{name}"'), "utf-8")
        (folder / name / "chapters/one.md").write_text(f"# One\n\nThe {name} dossier.\n", "utf-8")
    return [folder / name for name in CATALOGUE]


def _outputs(project):
    build = project / "build"
    # Not the hidden build record nor the layout cache's folder: only the outputs.
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*"))
            if p.is_file() and not any(n.startswith(".") for n in p.relative_to(build).parts)}


def test_the_cluster_and_local_processes_give_the_same_bytes(tmp_path, monkeypatch, cluster):
    monkeypatch.chdir(tmp_path)
    local, remote = _catalogue(tmp_path / "local"), _catalogue(tmp_path / "remote")
    result = runner.invoke(app, ["build", *map(str, local)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", *map(str, remote), "--cluster", cluster])
    assert result.exit_code == 0, result.output
    assert "[3 done, 0 failed of 3]" in result.stderr
    for here, there in zip(local, remote):
        outputs = _outputs(here)
        assert sorted(outputs) == sorted(_outputs(there)) and len(outputs) == 2
        assert outputs == _outputs(there)
    # And the same as one dossier built in place, without a job.
    alone = _catalogue(tmp_path / "alone")[0]
    assert runner.invoke(app, ["build", str(alone)]).exit_code == 0
    assert _outputs(alone) == _outputs(remote[0])
    # The build cache's record came back too: asked again, nothing is sent.
    again = runner.invoke(app, ["build", *map(str, remote), "--cluster", cluster])
    assert again.exit_code == 0 and again.stderr.count("built:") == 3


def test_a_failing_dossier_on_the_cluster_does_not_stop_the_others(tmp_path, monkeypatch, cluster):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "good")
    shutil.copytree(FIXTURES / "minimal", tmp_path / "bad")
    (tmp_path / "bad/chapters/one.md").write_text("# One\n\n{{ nothing }}\n", "utf-8")
    monkeypatch.setenv("DOSSIER_CLUSTER", cluster)
    result = runner.invoke(app, ["build", "good", "bad", "--format", "epub"])
    assert result.exit_code == 1
    assert (tmp_path / "good/build/minimal.epub").is_file()
    assert not (tmp_path / "bad/build").exists()
    # The worker's scratch copy is named as the user's own file.
    assert result.stderr.splitlines()[-1] == (
        "failed: bad: error[C405]: chapters/one.md:3: template error: 'nothing' is undefined "
        "(use a variable the data defines; see the README's template reference)")


def test_an_unreachable_cluster_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "one")
    monkeypatch.setattr("dossierkit.commands.executor.CONNECT_SECONDS", 1)
    result = runner.invoke(app, ["build", "one", "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr == ("error[X711]: --cluster: cannot reach a Dask scheduler at tcp://127.0.0.1:9 "
                             "(start one with `dask scheduler` and give its address, like tcp://HOST:8786)\n")
    assert not (tmp_path / "one/build").exists()


def test_editions_on_the_cluster_are_the_bytes_of_local_editions(tmp_path, monkeypatch, cluster):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "recipients.csv").write_text(
        "name,outlet,email,language\nJane Doe,The Verge,jane@example.org,en\n"
        "Ann Roe,Example Daily,ann@example.org,fr\n", "utf-8")
    made = {}
    for where, extra in (("local", []), ("remote", ["--cluster", cluster])):
        shutil.copytree(FIXTURES / "editions", tmp_path / where)
        result = runner.invoke(app, ["editions", where, "recipients.csv", "--quiet", *extra])
        assert result.exit_code == 0, result.output
        folder = tmp_path / where / "build/editions"
        made[where] = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert len(made["local"]) == 5 and made["local"] == made["remote"]
