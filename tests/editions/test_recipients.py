"""Bad recipients files, embargoes and options of `dossier editions`: one line each, exit
status 1, and no edition (nor its folder) written."""

import shutil

import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from helpers import FIXTURES

runner = CliRunner()
HEADER = "name,outlet,email,language,embargo\n"
JANE = "Jane Doe,The Verge,jane@example.org,en,\n"

CASES = {
    "missing column": ("name,outlet,language\nJane Doe,The Verge,en\n",
                       "error[D220]: recipients.csv:1: email: missing column (the columns are name, outlet, "
                       "email, language and, optionally, embargo)"),
    "duplicate recipient": (HEADER + JANE + "Ann Roe,Example Daily,ann@example.org,en,\n"
                            + "jane doe,the verge,other@example.org,en,\n",
                            "error[D222]: recipients.csv:4: duplicate recipient 'jane doe, the verge' "
                            "(first on line 2) (list each recipient once)"),
    "unknown language": (HEADER + "Jane Doe,The Verge,jane@example.org,xx,\n",
                         "error[D223]: recipients.csv:2: language: unknown language 'xx' "
                         "(use one of en, ru, de, fr, es)"),
    "malformed date": (HEADER + "Jane Doe,The Verge,jane@example.org,en,12/10/2017\n",
                       "error[D224]: recipients.csv:2: embargo: '12/10/2017' is not a date and time (write it "
                       "like 2017-10-12 09:00 Europe/Moscow, or 2017-10-12 for the manifest's time and zone)"),
    "impossible date": (HEADER + "Jane Doe,The Verge,jane@example.org,en,2024-02-30\n",
                        "error[D224]: recipients.csv:2: embargo: '2024-02-30' is not a date and time (write it "
                        "like 2017-10-12 09:00 Europe/Moscow, or 2017-10-12 for the manifest's time and zone)"),
    "malformed time zone": (HEADER + "Jane Doe,The Verge,jane@example.org,en,2024-03-01 09:00 Mars/Base\n",
                            "error[M112]: recipients.csv:2: embargo: unknown time zone 'Mars/Base' (write it "
                            "like 2017-10-12 09:00 Europe/Moscow, or 2017-10-12 for the manifest's time and "
                            "zone)"),
    "empty value": (HEADER + "Jane Doe,,jane@example.org,en,\n",
                    "error[D221]: recipients.csv:2: outlet: empty value (give the recipient's outlet)"),
    "no recipients": (HEADER, "error[D225]: recipients.csv: no recipients "
                      "(add one row per recipient under the header)"),
}


@pytest.fixture
def kit(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "editions", tmp_path / "kit")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "kit"


def _run(*args):
    return runner.invoke(app, ["editions", *args])


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_recipients_file_is_one_line(kit, case):
    text, line = CASES[case]
    (kit.parent / "recipients.csv").write_text(text, "utf-8")
    result = _run("kit", "recipients.csv")
    assert result.exit_code == 1
    assert result.stderr == line + "\n"
    assert not (kit / "build").exists()


def test_a_yaml_recipients_file_missing_a_key_names_its_line(kit):
    (kit.parent / "recipients.yaml").write_text(
        "- name: Jane Doe\n  outlet: The Verge\n  email: jane@example.org\n  language: en\n"
        "- name: Ann Roe\n  outlet: Example Daily\n  language: en\n", "utf-8")
    result = _run("kit", "recipients.yaml")
    assert result.exit_code == 1
    assert result.stderr == ("error[D220]: recipients.yaml:5: email: missing column (the columns are name, "
                             "outlet, email, language and, optionally, embargo)\n")


def test_a_missing_recipients_file(kit):
    result = _run("kit", "nobody.csv")
    assert result.exit_code == 1
    assert result.stderr == ("error[B609]: nobody.csv: no such recipients file "
                             "(give the path of a .csv or .yaml file)\n")


def test_an_unknown_time_zone_in_the_manifest(kit):
    manifest = kit / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace("Europe/Berlin", "Mars/Base"), "utf-8")
    (kit.parent / "recipients.csv").write_text(HEADER + JANE, "utf-8")
    result = _run("kit", "recipients.csv")
    assert result.exit_code == 1
    assert result.stderr == ("error[M112]: dossier.toml:20: dossier.embargo.timezone: unknown time zone "
                             "'Mars/Base' (use an IANA name like Europe/Moscow or UTC)\n")
    assert not (kit / "build").exists()


def test_an_edition_without_any_embargo(kit):
    manifest = kit / "dossier.toml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text[:text.index("[dossier.embargo]")], "utf-8")
    (kit.parent / "recipients.csv").write_text(HEADER + JANE, "utf-8")
    result = _run("kit", "recipients.csv")
    assert result.exit_code == 1
    assert result.stderr == ("error[M111]: dossier.toml: dossier.embargo: an edition needs an embargo (add "
                             "[dossier.embargo] with date, time and timezone, or give the recipients an "
                             "embargo column in recipients.csv)\n")


def test_an_unreachable_cluster_writes_nothing(kit, monkeypatch):
    monkeypatch.setattr("dossierkit.commands.executor.CONNECT_SECONDS", 1)
    (kit.parent / "recipients.csv").write_text(HEADER + JANE, "utf-8")
    result = _run("kit", "recipients.csv", "--cluster", "tcp://127.0.0.1:9", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == ("error[X711]: --cluster: cannot reach a Dask scheduler at tcp://127.0.0.1:9 "
                             "(start one with `dask scheduler` and give its address, like tcp://HOST:8786)\n")
    assert not (kit / "build").exists()


def test_more_than_two_paths(kit):
    result = _run("kit", "a.csv", "b.csv")
    assert result.exit_code == 1
    assert result.stderr == ("error[X713]: RECIPIENTS: give one dossier and one recipients file "
                             "(dossier editions [PROJECT_DIR] RECIPIENTS)\n")
