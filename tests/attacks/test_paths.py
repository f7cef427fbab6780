"""Class 9: the same project built from two folders gives the same bytes."""

from __future__ import annotations

import hashlib
import shutil

from attacks.common import invoke
from helpers import FIXTURES, REPO


def _digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_one_project_built_from_two_paths_gives_identical_files(tmp_path, monkeypatch):
    """With pictures in it: WeasyPrint names an embedded image by its URL, which must not
    hold the folder the project happens to be in."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = tmp_path / "a" / "illustrated"
    second = tmp_path / "somewhere" / "much" / "deeper" / "illustrated"
    shutil.copytree(FIXTURES / "illustrated", first)
    shutil.copytree(REPO / "styles", first / "styles")
    shutil.copytree(first, second)
    for project in (first, second):
        result = invoke(["build", str(project)])
        assert result.exit_code == 0, result.output
    assert _digests(first / "build") == _digests(second / "build")
    assert sorted(_digests(first / "build")) == ["illustrated.epub", "illustrated.pdf"]
