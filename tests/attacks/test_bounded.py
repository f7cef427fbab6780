"""Class 5: only regular files are read, each bounded; FIFOs, devices and sockets are
refused before they are opened (a FIFO would block the build for ever). Each command runs
in its own process with a timeout, so that a regression fails instead of hanging."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from attacks.common import append, contents, fifo, seed_previous, steps, symlink, write

TIMEOUT = 60


def dossier(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dossierkit", *args], capture_output=True,
                          text=True, timeout=TIMEOUT)


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("error", "warning"))]


NOT_A_FILE = "not a file (check the path)"

# name: (edit, expected line). Both `check` and `build` run.
CASES = {
    "FIFO manifest": (fifo("dossier.toml"), f"dossier.toml: {NOT_A_FILE}"),
    "manifest linked to /dev/zero": (
        symlink("dossier.toml", "/dev/zero"),
        "dossier.toml: the file is a link to outside the dossier project (copy the file into "
        "the project)"),
    "FIFO chapter": (fifo("chapters/two.md"), f"chapters/two.md: {NOT_A_FILE}"),
    "FIFO data file": (fifo("chapters/data/claims.yaml"), f"chapters/data/claims.yaml: {NOT_A_FILE}"),
    "FIFO image": (
        steps(fifo("images/x.png"), append("chapters/two.md", "\n![x](images/x.png)\n")),
        "chapters/two.md: resource is not a file: images/x.png (check the path)"),
    "FIFO stylesheet import": (
        steps(fifo("styles/more.css"), append("styles/print.css", '@import "more.css";\n')),
        "styles/print.css:7: resource is not a file: more.css (check the path)"),
    "FIFO include": (
        steps(fifo("chapters/part.md"), append("chapters/two.md", '\n{% include "chapters/part.md" %}\n')),
        "chapters/two.md:5: template error: cannot include 'chapters/part.md': not a file "
        "(check the call on that line)"),
    "device image": (
        steps(symlink("images/x.png", "/dev/zero"), append("chapters/two.md", "\n![x](images/x.png)\n")),
        "chapters/two.md: refused to load 'images/x.png': it is outside the dossier project (copy "
        "the resource into the project)"),
}

# Each case's code in dossierkit.catalogue.
CODES = {
    'FIFO manifest': 'F307',
    'manifest linked to /dev/zero': 'F306',
    'FIFO chapter': 'F307',
    'FIFO data file': 'F307',
    'FIFO image': 'F312',
    'FIFO stylesheet import': 'F312',
    'FIFO include': 'C405',
    'device image': 'F308',
}



@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_not_regular_is_refused_unopened(case, minimal):
    edit, expected = CASES[case]
    previous = seed_previous(minimal)
    edit(minimal)
    for command in (["check"], ["build", "--format", "epub"]):
        result = dossier(*command, str(minimal))
        assert result.returncode == 1, result.stderr
        assert errors(result) == [f"error[{CODES[case]}]: {expected}"], command
        assert "Traceback" not in result.stderr
    assert contents(minimal / "build") == previous


@pytest.fixture
def cached(minimal):
    """A project built once into build/, with its build record."""
    assert dossier("build", str(minimal), "--format", "epub").returncode == 0
    return minimal


def _edit_record(project, change) -> None:
    path = project / "build/.dossier-cache.json"
    cache = json.loads(path.read_text())
    change(next(iter(cache["records"].values())))  # the one option set built
    path.write_text(json.dumps(cache))


def test_a_fifo_named_in_the_build_record_is_never_opened(cached):
    os.mkfifo(cached / "chapters/pipe")
    _edit_record(cached, lambda r: r["inputs"].__setitem__("chapters/pipe", "0" * 64))
    result = dossier("build", str(cached), "--format", "epub")
    assert result.returncode == 0 and errors(result) == [], result.stderr


def test_a_device_named_in_the_build_record_is_never_read(cached):
    _edit_record(cached, lambda r: r["inputs"].__setitem__("/dev/zero", "0" * 64))
    result = dossier("build", str(cached), "--format", "epub")
    assert result.returncode == 0, result.stderr
    assert errors(result) == [
        f"warning[B627]: {cached}/build/.dossier-cache.json: the build record is damaged; building "
        "everything (nothing to do: the build writes a new one)"]


def test_a_build_record_that_is_a_fifo_is_neither_read_nor_replaced(cached):
    record = cached / "build/.dossier-cache.json"
    record.unlink()
    os.mkfifo(record)
    write("chapters/two.md", "# Chapter Two\n\nChanged.\n")(cached)
    result = dossier("build", str(cached), "--format", "epub")
    assert result.returncode == 1
    assert errors(result) == [
        f"warning[B627]: {cached}/build/.dossier-cache.json: the build record is damaged; building "
        "everything (nothing to do: the build writes a new one)",
        f"error[B620]: {cached}/build/.dossier-cache.json: a folder or another non-file is in the way "
        "of the output (move it away, or build into another folder with --out)"]


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)
