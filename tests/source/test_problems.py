"""Warnings, --strict, and reporting every problem of a dossier in one run."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.errors import DossierError
from dossierkit.source.loader import load_dossier

runner = CliRunner()


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def with_unknown_keys(minimal):
    _edit(minimal / "dossier.toml", 'language = "en"', 'language = "en"\nlanguge = "en"')
    _edit(minimal / "chapters/data/claims.yaml", "  topic:", "  remark: extra\n  topic:")
    (minimal / "chapters/data/claimz.yaml").write_text("[]\n", "utf-8")
    return minimal


WARNINGS = [
    "warning[D202]: dossier.toml:5: dossier.languge: unknown key (did you mean 'language'?)",
    "warning[D202]: chapters/data/claims.yaml:2: [0].remark: unknown key (remove it or check its "
    "spelling)",
    "warning[D205]: chapters/data/claimz.yaml: unknown data file (did you mean 'claims.yaml'?)",
]


def test_unknown_keys_are_warnings_and_the_check_passes(with_unknown_keys, expected_warnings):
    result = runner.invoke(app, ["check", str(with_unknown_keys)])
    assert result.exit_code == 0, result.output
    assert sorted(result.stderr.splitlines()) == sorted(WARNINGS)
    assert sorted(expected_warnings) == sorted(w.split(": ", 1)[1] for w in WARNINGS)
    assert result.stdout == "ok: Minimal Dossier: 2 chapters\n"


def test_unknown_keys_are_warnings_and_the_build_continues(with_unknown_keys, expected_warnings):
    result = runner.invoke(app, ["build", str(with_unknown_keys), "--format", "epub"])
    assert result.exit_code == 0, result.output
    assert sorted(line for line in result.stderr.splitlines()
                  if line.startswith("warning")) == sorted(WARNINGS)
    assert sorted(expected_warnings) == sorted(w.split(": ", 1)[1] for w in WARNINGS)
    assert (with_unknown_keys / "build" / "minimal.epub").is_file()


@pytest.mark.parametrize("command", ["check", "build"])
def test_strict_turns_every_warning_into_an_error(with_unknown_keys, command):
    result = runner.invoke(app, [command, "--strict", str(with_unknown_keys)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(("error", "warn"))]
    assert sorted(errors) == sorted(w.replace("warning[", "error[", 1) for w in WARNINGS)
    assert not (with_unknown_keys / "build").exists()


def test_unknown_keys_are_dropped_from_the_model(with_unknown_keys):
    dossier = load_dossier(with_unknown_keys)
    assert dossier.manifest.language == "en"
    assert dossier.data.claims[0].topic == "A claim"
    assert [str(w) for w in dossier.warnings] == [w.split(": ", 1)[1] for w in WARNINGS]


def test_check_reports_every_problem_at_once(minimal):
    _edit(minimal / "dossier.toml", 'publisher = "dossierkit tests"\n', "")
    _edit(minimal / "chapters/data/claims.yaml", "verdict: invented", "verdict: sure")
    _edit(minimal / "chapters/data/sources.yaml", "title: An example page", "titel: x")
    (minimal / "chapters/two.md").write_text("", "utf-8")
    result = runner.invoke(app, ["check", str(minimal)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error[D201]: dossier.toml:1: dossier.publisher: required key is missing (add it)",
        "error[D203]: chapters/data/claims.yaml:5: [0].verdict: input should be 'faithful', "
        "'largely faithful', 'compressed', 'dramatised', 'exaggerated', 'loosely based', "
        "'invented' or 'unverified'",
        "error[D202]: chapters/data/sources.yaml:8: [1].titel: unknown key (did you mean 'title'?)",
        "error[C401]: chapters/two.md: the chapter is empty (write its content or remove it from "
        "dossier.toml)",
    ]


def test_check_reports_a_problem_in_every_chapter(minimal):
    _edit(minimal / "chapters/one.md", "# Chapter One", "{{ oops }}\n# Chapter One")
    _edit(minimal / "chapters/two.md", "Again the book.", "{% endif %}")
    result = runner.invoke(app, ["check", str(minimal)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error[C405]: chapters/one.md:1: template error: 'oops' is undefined (use a variable the "
        "data defines; see the README's template reference)",
        "error[C404]: chapters/two.md:3: template syntax error: Encountered unknown tag 'endif'. "
        "(check the {{ }} and {% %} tags)",
    ]


def test_source_date_epoch_overrides_the_manifest_dates(minimal):
    manifest = load_dossier(minimal, environ={"SOURCE_DATE_EPOCH": "1700000000"}).manifest
    assert manifest.modified_utc == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert manifest.date == dt.date(2024, 1, 15)  # the publication date is the author's


def test_without_source_date_epoch_the_manifest_decides(minimal):
    manifest = load_dossier(minimal, environ={}).manifest
    assert manifest.modified_utc.isoformat() == "2024-01-15T00:00:00+00:00"


def test_strict_loader_raises_on_warnings(with_unknown_keys):
    with pytest.raises(DossierError) as error:
        load_dossier(with_unknown_keys, strict=True)
    assert len(error.value.errors) == 3
