"""What every attack asserts: one exact line, exit status 1, the earlier outputs untouched."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.layout.partcache import FOLDER

# An earlier build's outputs, as the attacks find them (bytes no build would write).
PREVIOUS = {"minimal.pdf": b"%PDF- an earlier build", "minimal.epub": b"PK an earlier build"}
BOTH = (["check"], ["build", "--format", "epub"])
CHECK = (["check"],)
BUILD = (["build", "--format", "epub"],)


def replace(relpath: str, old: str, new: str):
    def edit(project: Path) -> None:
        path = project / relpath
        text = path.read_text("utf-8")
        assert old in text, f"fixture changed: {old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def write(relpath: str, content: str | bytes):
    def edit(project: Path) -> None:
        path = project / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return edit


def append(relpath: str, text: str):
    def edit(project: Path) -> None:
        path = project / relpath
        path.write_text(path.read_text("utf-8") + text, "utf-8")
    return edit


def symlink(relpath: str, target: str):
    def edit(project: Path) -> None:
        path = project / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.symlink(target, path)
    return edit


def fifo(relpath: str):
    def edit(project: Path) -> None:
        path = project / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    return edit


def steps(*edits):
    def edit(project: Path) -> None:
        for one in edits:
            one(project)
    return edit


def seed_previous(project: Path) -> dict[str, bytes]:
    """Put an earlier build's outputs in the project's out folder; return them."""
    out = project / "build"
    out.mkdir(exist_ok=True)
    for name, data in PREVIOUS.items():
        (out / name).write_bytes(data)
    return dict(PREVIOUS)


def contents(folder: Path) -> dict[str, bytes]:
    """The outputs in a folder, by name. The layout cache's folder is left out: a build that
    fails may still have laid parts out, and keeps them for the next (they are checked
    against their files before any use; see tests/layout/test_partcache.py)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and FOLDER not in p.relative_to(folder).parts
            } if folder.is_dir() else {}


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error", "warning"))]


def invoke(args: list[str]):
    return CliRunner().invoke(app, args)


def assert_refused(project: Path, commands, expected: str, code: str) -> None:
    """Each command ends in exactly `error[code]: expected`, exit 1, no traceback, and
    the earlier outputs exactly as they were."""
    before = contents(project / "build")
    expected = expected.replace("{project}", str(project))
    for command in commands:
        result = invoke([*command, str(project)])
        assert result.exit_code == 1, (command, result.output)
        assert problem_lines(result.stderr) == [f"error[{code}]: {expected}"], (command, result.stderr[-600:])
        assert "Traceback" not in result.output
        assert contents(project / "build") == before, command
