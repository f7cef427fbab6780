"""Class 6: the build cache cannot lie. A record it did not write is ignored with a warning
(one full build); an input is re-checked through the same file gate as `dossier check`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from attacks.common import contents, invoke, problem_lines

EPUB = ["build", "--format", "epub"]


@pytest.fixture
def cached(minimal):
    assert invoke([*EPUB, str(minimal)]).exit_code == 0
    return minimal


def _record(project):
    return project / "build/.dossier-cache.json"


def _edit(project, change) -> None:
    cache = json.loads(_record(project).read_text())
    change(next(iter(cache["records"].values())))  # the one option set built
    _record(project).write_text(json.dumps(cache))


def damaged(project) -> str:
    return (f"warning[B627]: {project}/build/.dossier-cache.json: the build record is damaged; "
            "building everything (nothing to do: the build writes a new one)")


DAMAGE = {
    "no outputs": lambda r: r.__setitem__("outputs", {}),
    "an output entry with nothing in it": lambda r: r["outputs"].__setitem__("minimal.epub", []),
    "a NUL in an input's name": lambda r: r["inputs"].__setitem__("chapters/\x00two.md", "0" * 64),
    "an input outside the project": lambda r: r["inputs"].__setitem__("../../etc/passwd", "0" * 64),
    "a hash that is not one": lambda r: r["outputs"].__setitem__("minimal.epub", ["epub", "x"]),
    "a forged error among the warnings": lambda r: r.__setitem__(
        "warnings", [{"file": "x", "message": "y", "severity": "error"}]),
    "a record that is a list": lambda r: r.clear(),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_record_costs_one_full_build_and_a_warning(case, cached, expected_warnings):
    if case == "a record that is a list":
        _record(cached).write_text("[]")
    else:
        _edit(cached, DAMAGE[case])
    result = invoke([*EPUB, str(cached)])
    assert result.exit_code == 0, result.output
    assert problem_lines(result.stderr) == [damaged(cached)]
    # The new record is whole: the next build reuses without a word.
    again = invoke([*EPUB, str(cached)])
    assert again.exit_code == 0 and problem_lines(again.stderr) == []
    assert expected_warnings == [damaged(cached).split(": ", 1)[1]]


def test_malformed_json_is_a_damaged_record(cached, expected_warnings):
    _record(cached).write_text("{not json")
    result = invoke([*EPUB, str(cached)])
    assert result.exit_code == 0 and problem_lines(result.stderr) == [damaged(cached)]
    assert len(expected_warnings) == 1


def test_a_forged_output_is_neither_listed_nor_touched(cached):
    notes = cached / "build/notes.txt"
    notes.write_text("somebody's notes")
    digest = hashlib.sha256(notes.read_bytes()).hexdigest()
    _edit(cached, lambda r: r["outputs"].__setitem__("notes.txt", ["epub", digest]))
    result = invoke([*EPUB, str(cached)])
    assert result.exit_code == 0
    assert "notes.txt" not in result.stdout
    assert notes.read_text() == "somebody's notes"
    records = json.loads(_record(cached).read_text())["records"].values()
    assert all("notes.txt" not in record["outputs"] for record in records)


def test_a_chapter_swapped_for_a_link_outside_is_refused_as_check_refuses_it(cached, tmp_path):
    """Same bytes, but now outside the project: the cached build must not answer."""
    outside = tmp_path / "two.md"
    shutil.copy(cached / "chapters/two.md", outside)
    (cached / "chapters/two.md").unlink()
    os.symlink(outside, cached / "chapters/two.md")
    before = contents(cached / "build")
    line = ("error[F306]: chapters/two.md: the file is a link to outside the dossier project (copy the "
            "file into the project)")
    for command in (["check"], EPUB):
        result = invoke([*command, str(cached)])
        assert result.exit_code == 1
        assert problem_lines(result.stderr) == [line], command
    assert contents(cached / "build") == before


def test_a_link_inside_the_project_turning_outside_is_noticed(cached, tmp_path):
    """A chapter that is a link to another project file is recorded by both names."""
    (cached / "texts").mkdir()
    (cached / "texts/real.md").write_text((cached / "chapters/two.md").read_text())
    (cached / "chapters/two.md").unlink()
    os.symlink("../texts/real.md", cached / "chapters/two.md")
    assert invoke([*EPUB, str(cached)]).exit_code == 0
    outside = tmp_path / "real.md"
    shutil.copy(cached / "texts/real.md", outside)
    (cached / "chapters/two.md").unlink()
    os.symlink(outside, cached / "chapters/two.md")
    result = invoke([*EPUB, str(cached)])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == [
        "error[F306]: chapters/two.md: the file is a link to outside the dossier project (copy the "
        "file into the project)"]
