"""User-facing problems: one line each, where and what and what to do; collected per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossierkit.errors import DossierError, Problem, Problems, fail, shown


def test_a_problem_reads_file_line_key_message_and_hint():
    assert str(Problem("dossier.toml", "required key is missing", 14, "dossier.stills.orbit.alt",
                       "add it")) == ("dossier.toml:14: dossier.stills.orbit.alt: required key "
                                      "is missing (add it)")
    assert str(Problem("chapters/two.md", "unknown source 'x'")) == "chapters/two.md: unknown source 'x'"
    assert str(Problem("styles/print.css", "refused", line=7)) == "styles/print.css:7: refused"
    assert str(Problem("a.yaml", "bad", key="[0].id")) == "a.yaml: [0].id: bad"


def test_severity():
    warning = Problem("a", "b", severity="warning")
    assert not warning.is_error and Problem("a", "b").is_error
    assert warning.as_error() == Problem("a", "b")


def test_an_error_carries_its_problems_and_shows_only_the_errors():
    warning = Problem("dossier.toml", "unknown key", 5, severity="warning")
    error = DossierError(warning, Problem("one.md", "broken", 3), Problem("two.md", "worse"))
    assert error.problems[0] is warning
    assert [str(p) for p in error.errors] == ["one.md:3: broken", "two.md: worse"]
    assert str(error) == "one.md:3: broken\ntwo.md: worse"


def test_an_error_needs_an_error():
    with pytest.raises(ValueError):
        DossierError(Problem("a", "b", severity="warning"))
    with pytest.raises(ValueError):
        DossierError()


def test_fail_makes_a_one_problem_error():
    error = fail(Path("build"), "cannot create", line=2, key="out", hint="choose another")
    assert error.problems == [Problem("build", "cannot create", 2, "out", "choose another")]


def test_shown_is_relative_inside_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "build" / "x.pdf") == "build/x.pdf"
    assert shown(Path("build")) == "build"
    assert shown(tmp_path.parent) == str(tmp_path.parent)


def test_problems_collect_every_mistake_of_a_run():
    problems = Problems()
    problems.warn(Problem("dossier.toml", "unknown key"))
    assert not problems.has_errors and len(problems.warnings) == 1
    problems.raise_if_errors()  # warnings alone do not stop anything

    def broken(text):
        raise fail("one.md", text)

    assert problems.collect(broken, "first") is None
    assert problems.collect(lambda: 42) == 42
    problems.extend([Problem("two.md", "second")])
    with pytest.raises(DossierError) as raised:
        problems.raise_if_errors()
    assert [str(p) for p in raised.value.problems] == [
        "dossier.toml: unknown key", "one.md: first", "two.md: second"]
    assert str(raised.value) == "one.md: first\ntwo.md: second"


def test_strict_problems_turn_warnings_into_errors():
    problems = Problems(strict=True)
    problems.warn(Problem("dossier.toml", "unknown key"))
    assert problems.has_errors and problems.warnings == ()
    with pytest.raises(DossierError, match="^dossier.toml: unknown key$"):
        problems.raise_if_errors()
