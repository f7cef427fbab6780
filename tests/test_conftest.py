"""The suite's own guard: a warning the build gives reaches `expected_warnings` (and, when a
test does not ask for it, fails that test; see tests/conftest.py)."""

from __future__ import annotations

import warnings

import pytest
from typer.testing import CliRunner

from dossierkit.build import load_and_render
from dossierkit.cli import app

UNKNOWN = "dossier.toml:5: dossier.languge: unknown key (did you mean 'language'?)"


def test_warnings_from_the_library_and_the_command_line_are_heard(minimal, expected_warnings):
    manifest = minimal / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace(
        'language = "en"', 'language = "en"\nlanguge = "en"'), "utf-8")
    load_and_render(minimal)  # through the "dossierkit" logger
    assert expected_warnings == [UNKNOWN]
    result = CliRunner().invoke(app, ["check", str(minimal)])  # through a command's warning line
    assert result.exit_code == 0 and result.stderr == f"warning[D202]: {UNKNOWN}\n"
    assert expected_warnings == [UNKNOWN, UNKNOWN]


def test_python_warnings_are_errors():
    with pytest.raises(DeprecationWarning):
        warnings.warn("old", DeprecationWarning, stacklevel=1)
