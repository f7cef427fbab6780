"""Paths, facts from the brief, and the real validators, shared by the tests.

The validators and readers are `dossier verify`'s own (`dossierkit.verify`), so the tests
and the command cannot drift apart.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from pathlib import Path

import pytest

from dossierkit.verify import Result, epubcheck
from dossierkit.verify.reading import pdf_page_texts

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
# Copied from the project brief: the full-credits chapter must name every one of them.
BRIEF_ACTORS = (FIXTURES / "brief_actors.txt").read_text("utf-8").splitlines()
# What the `secret` fixture's file and the `server` fixture's answers hold: never to be
# found in an output.
SECRET = "SECRET-OUTSIDE-THE-DOSSIER"
CHAPTER_TITLES = ["Synopsis", "Critical Reception", "Festival Review", "Full Credits",
                  "Fact Versus Fiction"]

# The three recipients of the default dossier's editions check (tests/editions/).
DEFAULT_RECIPIENTS = (
    "name,outlet,email,language,embargo\n"
    "Jane Doe,The Verge,jane@example.org,en,2017-10-12 09:00 Europe/Moscow\n"
    "Anna Schmidt,Example Zeitung,anna@example.de,de,2017-10-12 09:00 Europe/Moscow\n"
    "Ivan Petrov,Example Gazeta,ivan@example.ru,ru,2017-10-13 12:00 Europe/Moscow\n")

# EPUBCheck runs started ahead of the test that reads them (see `start_epubcheck`).
_started: dict[Path, tuple[subprocess.Popen, object, object]] = {}


def start_epubcheck(path: Path) -> None:
    """Start EPUBCheck on `path` in the background: Java then runs on the second core
    while the tests go on, and `epubcheck_findings(path)` collects its report later."""
    args = epubcheck.command(path)
    if isinstance(args, Result) or path in _started:
        return
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    _started[path] = (subprocess.Popen(args, stdout=out, stderr=err), out, err)


def epubcheck_findings(path: Path) -> list[str]:
    """EPUBCheck 5.3's errors and warnings about `path` ('severity: ID at file:line: text'),
    as `dossier verify` reads them; the test is skipped where Java is missing."""
    if path in _started:
        process, out, err = _started.pop(path)
        process.wait(timeout=600)
        with out, err:
            out.seek(0)
            err.seek(0)
            result = epubcheck.read_report(out.read(), err.read())
    else:
        result = epubcheck.check(path)
    return findings_of(result)


def saved_epubcheck_findings(folder: Path) -> list[str]:
    """The findings of the EPUBCheck report a background job saved in `folder`."""
    if (folder / "epubcheck.skipped").exists():
        pytest.skip((folder / "epubcheck.skipped").read_text())
    return findings_of(epubcheck.read_report((folder / "epubcheck.out").read_bytes(),
                                             (folder / "epubcheck.err").read_bytes()))


def findings_of(result: Result) -> list[str]:
    """The findings of an EPUBCheck Result, one line each; skips the test where it was skipped."""
    if result.skipped:
        pytest.skip(result.summary)
    assert result.summary.startswith("EPUBCheck 5.3"), result.summary
    return [f"{finding.severity}: {finding.message}" for finding in result.findings]


def stop_epubchecks() -> None:
    """End the background runs no test collected (a test deselected or failed early)."""
    for process, out, err in _started.values():
        process.kill()
        process.wait()
        out.close()
        err.close()
    _started.clear()


def page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, as `dossier verify` reads it (PDFium), with runs of
    white space as one space. Read once per version of the file, however many tests ask."""
    stat = path.stat()
    return list(_page_texts(path.resolve(), stat.st_mtime_ns, stat.st_size))


@functools.cache
def _page_texts(path: Path, mtime: int, size: int) -> tuple[str, ...]:
    return tuple(" ".join(text.split()) for text in pdf_page_texts(path))


def pdf_reader(path: Path):
    """A pypdf reader of a PDF, shared by every test that reads the same version of the
    file (pypdf keeps what it has parsed, such as the outline): read it, never change it."""
    stat = path.stat()
    return _pdf_reader(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.cache
def _pdf_reader(path: Path, mtime: int, size: int):
    from pypdf import PdfReader

    return PdfReader(path)


def epub_text(path: Path) -> str:
    """The text of every XHTML document of an EPUB, tags removed, in archive order."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "\n".join(re.sub(r"<[^>]+>", " ", archive.read(name).decode("utf-8"))
                         for name in archive.namelist() if name.endswith(".xhtml"))


def epubcheck_messages(path: Path) -> list[dict]:
    """The old name, kept while branches that call it land: use `epubcheck_findings`."""
    return [{"severity": finding.split(":", 1)[0].upper(), "message": finding}
            for finding in epubcheck_findings(path)]
