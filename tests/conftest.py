"""Shared fixtures: fixture dossiers, the session builds that tests read instead of building
again, and the guard that fails a test on a warning it did not ask for."""

from __future__ import annotations

import http.server
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossierkit.build import BuildOptions, build, load_and_render
from dossierkit.errors import Problem
from dossierkit.writers.base import BuildContext
from helpers import FIXTURES, REPO, SECRET, start_epubcheck, stop_epubchecks

# Every message printed while testing must have its entry in dossierkit.catalogue (the
# variable reaches the subprocesses the tests start, too).
os.environ["DOSSIERKIT_CATALOGUE_CHECK"] = "1"


def pytest_sessionfinish(session):
    stop_epubchecks()
    for process in _background:
        if process.poll() is None:
            process.kill()
            process.wait()
    for folder in _background_out:
        shutil.rmtree(folder, ignore_errors=True)


# Background processes the session fixtures started (ended with the session).
_background: list[subprocess.Popen] = []


# --- the guard against unexpected warnings ------------------------------------------------

class _Heard(logging.Handler):
    def __init__(self, heard: list[str]):
        super().__init__(logging.WARNING)
        self.heard = heard

    def emit(self, record: logging.LogRecord) -> None:
        self.heard.append(record.getMessage())


@pytest.fixture(autouse=True)
def _no_unexpected_warnings(request, monkeypatch):
    """Fail the test if the build warned (a `Problem` through the "dossierkit" logger, or
    a "warning:" line from a command) and the test did not ask for `expected_warnings`.
    (Python's own warnings are errors by the pytest configuration in pyproject.toml.)"""
    heard: list[str] = []
    handler = _Heard(heard)
    logger = logging.getLogger("dossierkit")
    logger.addHandler(handler)
    from dossierkit.commands import check, report

    original = report.warn

    def warn(problem: Problem) -> None:
        heard.append(str(problem))
        original(problem)

    # check.py took its own reference at import.
    monkeypatch.setattr(report, "warn", warn)
    monkeypatch.setattr(check, "warn", warn)
    request.node.heard_warnings = heard
    yield
    logger.removeHandler(handler)
    if heard and "expected_warnings" not in request.fixturenames:
        pytest.fail("unexpected warnings (request the expected_warnings fixture if the test "
                    "means them):\n" + "\n".join(heard), pytrace=False)


@pytest.fixture
def expected_warnings(request) -> list[str]:
    """The warnings the build gave during this test, one line each; requesting it says the
    test expects them (and lets it assert which)."""
    return request.node.heard_warnings


def _no_warning(problem: Problem) -> None:
    raise AssertionError(f"the session build warned: {problem}")


# --- fixture dossiers ---------------------------------------------------------------------

@pytest.fixture
def minimal(tmp_path) -> Path:
    """A fresh, writable copy of the minimal fixture dossier."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def illustrated(tmp_path) -> Path:
    """A dossier with a cover image and a still, styled with the real theme (copied in,
    so that the fixture does not keep a second copy of the fonts)."""
    target = tmp_path / "illustrated"
    shutil.copytree(FIXTURES / "illustrated", target)
    shutil.copytree(REPO / "styles", target / "styles")
    return target


# --- the outside world a build must never touch ----------------------------------------------

class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 — the name http.server calls
        type(self).requests.append(self.path)
        body = SECRET.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local HTTP server that counts the requests it gets; stopped after the test."""
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counting.requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file beside the project, never to be read by a build."""
    path = tmp_path / "secret.png"
    path.write_text(SECRET, "utf-8")
    return path



# --- session builds: read them, never modify them -------------------------------------------

@dataclass
class SessionBuild:
    outputs: dict[str, Path]  # by format ("pdf" is the screen variant)
    layout: object  # the screen variant's PrintLayout, as the build made it


def _build_keeping_layout(project: Path, options: BuildOptions) -> SessionBuild:
    """Build, keeping the screen layout the build made (laid out in this process, before
    the PDF is written in a forked one), so that no test lays the book out again."""
    layouts = []
    original = BuildContext.layout

    def keep(self, variant: str = "screen"):
        layouts.append(made := original(self, variant))
        return made

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuildContext, "layout", keep)
        built = build(project, options, warn=_no_warning)
    outputs = {item.format: item.path for item in built}
    if "epub" in outputs:
        start_epubcheck(outputs["epub"])
    return SessionBuild(outputs, next((lay for lay in layouts if lay.variant == "screen"), None))


# Fixtures whose work tests/background.py does in another process, by job name. Tests that
# use them run last, so that the work is done by the time they ask.
BACKGROUND = {"variants": "variants", "default_html_export": "variants",
              "scale_build": "scale", "installed_wheel": "wheel",
              "new_scaffold": "scaffold", "russian_scaffold": "scaffold-ru",
              "default_editions": "editions-default", "one_worker_build": "one-worker",
              "bare_weasyprint_pdf": "variants"}
_background_out: list[Path] = []


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what will not run
def pytest_collection_modifyitems(session, config, items):
    """Start the background jobs the selected tests need; run the tests that wait for them
    after the others, and the slow tests that start processes of their own (killing builds,
    building twice) last of all, once the background is done and its core free again."""
    jobs = list(dict.fromkeys(job for item in items for name, job in BACKGROUND.items()
                              if name in item.fixturenames))
    if jobs and not config.option.collectonly:
        out = Path(tempfile.mkdtemp(prefix="dossierkit-background-"))
        _background_out.append(out)
        _background.append(subprocess.Popen(
            [sys.executable, str(Path(__file__).parent / "background.py"), str(out), *jobs],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # It is the second core's work: its builds lay their parts out one at a time.
            env={**os.environ, "DOSSIER_WORKERS": "1"}))
    waiting = [item for item in items if set(BACKGROUND) & set(item.fixturenames)]
    slow = [item for item in items if item.get_closest_marker("slow") and item not in waiting]
    items[:] = [item for item in items if item not in waiting and item not in slow] + waiting + slow


def background_job(name: str) -> Path:
    """The folder of a background job, once it is done (its traceback if it failed)."""
    [process], [out] = _background, _background_out
    while not (out / f"{name}.done").exists():
        if (out / f"{name}.failed").exists():
            pytest.fail(f"background job {name} failed:\n" + (out / f"{name}.failed").read_text())
        if process.poll() is not None and not (out / f"{name}.done").exists():
            pytest.fail(f"the background jobs ended (status {process.returncode}) before {name}")
        time.sleep(0.2)
    return out / name


@pytest.fixture(scope="session")
def default_session(tmp_path_factory) -> SessionBuild:
    """The default dossier (the repo root), built once (the screen PDF and the EPUB)."""
    out = tmp_path_factory.mktemp("default-build")
    return _build_keeping_layout(REPO, BuildOptions(out_dir=out, language="en"))


@pytest.fixture(scope="session")
def default_build(default_session) -> dict[str, Path]:
    """The default dossier's outputs: "pdf" (the screen variant) and "epub"."""
    return default_session.outputs


@pytest.fixture(scope="session")
def default_layout(default_session):
    """The default dossier's screen layout, as the session build made it."""
    return default_session.layout


@pytest.fixture(scope="session")
def default_book():
    """The default dossier loaded and rendered, once (rendering is cheap; tests that only
    read the book need not wait for the session build)."""
    return load_and_render(REPO, warn=_no_warning)


@pytest.fixture(scope="session")
def variants(default_build) -> dict[str, Path]:
    """The default dossier's PDF as screen, press and archive (A4), and screen on Letter."""
    out = background_job("variants")
    return {"screen": default_build["pdf"], "press": out / "a4/salyut-7-press.pdf",
            "archive": out / "a4/salyut-7-archive.pdf", "letter": out / "letter/salyut-7.letter.pdf"}


@pytest.fixture(scope="session")
def default_html_export() -> tuple[Path, int]:
    """The default dossier's `--format html` folder, and the pages bare WeasyPrint's own
    API (with its own fetcher) lays its HTML out in."""
    out = background_job("variants")
    return out / "html", int((out / "pages.txt").read_text())


@pytest.fixture(scope="session")
def bare_weasyprint_pdf() -> Path:
    """The default dossier's print HTML export laid out and written by bare WeasyPrint, as
    one document."""
    return background_job("variants") / "bare.pdf"


@pytest.fixture(scope="session")
def one_worker_build() -> dict[str, Path]:
    """The session build's edition built again with one layout worker: "pdf" and "epub"."""
    out = background_job("one-worker")
    return {"pdf": out / "salyut-7.pdf", "epub": out / "salyut-7.epub"}


@pytest.fixture(scope="session")
def scale_build() -> tuple[Path, dict[str, Path]]:
    """The generated dossier of test_scale.py and its outputs by format."""
    out = background_job("scale")
    return out / "large", {"pdf": out / "build/large.pdf", "epub": out / "build/large.epub"}


@pytest.fixture(scope="session")
def installed_wheel() -> tuple[Path, Path]:
    """A venv with dossierkit installed from a freshly built wheel, and the folder where
    `dossier new` and `dossier build` were run from it (see background.py)."""
    out = background_job("wheel")
    return out / "venv", out / "work"


def _scaffold(job: str) -> Path:
    out = background_job(job)
    runs = json.loads((out / "runs.json").read_text())
    for command, run in runs.items():
        assert run["returncode"] == 0, (command, run["stdout"], run["stderr"])
    return out


@pytest.fixture(scope="session")
def new_scaffold() -> Path:
    """`dossier new film --title "Test Film"` then `dossier build --format epub` in it, run
    as processes by the background job; the folder holds film/ and EPUBCheck's report."""
    return _scaffold("scaffold")


@pytest.fixture(scope="session")
def russian_scaffold() -> Path:
    """`dossier new --language ru`, built once (in the background); the dossier's folder.
    EPUBCheck's report on its EPUB is in the folder above it."""
    return _scaffold("scaffold-ru") / "film"


@pytest.fixture(scope="session")
def default_editions() -> Path:
    """`dossier editions . recipients.csv` run on a copy of the default dossier with
    helpers.DEFAULT_RECIPIENTS (in the background); the job's folder: default/ is the
    project, epubcheck/<file>/ EPUBCheck's report on each EPUB."""
    return _scaffold("editions-default")


@pytest.fixture(scope="session")
def minimal_session(tmp_path_factory) -> SessionBuild:
    out = tmp_path_factory.mktemp("minimal-build")
    return _build_keeping_layout(FIXTURES / "minimal", BuildOptions(out_dir=out))


@pytest.fixture(scope="session")
def minimal_build(minimal_session) -> dict[str, Path]:
    """The minimal fixture dossier's PDF and EPUB, built once."""
    return minimal_session.outputs


@pytest.fixture(scope="session")
def minimal_layout(minimal_session):
    """The minimal fixture dossier's screen layout, as its session build made it."""
    return minimal_session.layout


@pytest.fixture(scope="session")
def minimal_book():
    """The minimal fixture dossier loaded and rendered, once (read it, do not change it)."""
    return load_and_render(FIXTURES / "minimal", warn=_no_warning)
@pytest.fixture(scope="session")
def russian_build(tmp_path_factory) -> dict[str, Path]:
    """The default dossier's Russian edition, built once for the whole session."""
    out = tmp_path_factory.mktemp("russian-build")
    return {b.format: b.path for b in build(REPO, BuildOptions(out_dir=out, language="ru"),
                                            warn=_no_warning)}


@dataclass
class WholeBook:
    """A layout's parts with what copyfitting settled on, laid out again as one document:
    the boxes of its pages (`document`), its print HTML (`html`) and where each id landed."""

    parts: list
    html: str
    document: object

    @property
    def page_of_id(self) -> dict[str, int]:
        pages: dict[str, int] = {}
        for index, page in enumerate(self.document.pages):
            for anchor in page.anchors:
                pages.setdefault(anchor, index)
        return pages


@pytest.fixture(scope="session")
def a4_layout(default_layout):
    """The default dossier's A4 screen layout as one document (WholeBook), with its book."""
    from dossierkit.layout.weasy import render
    from dossierkit.render.printhtml import print_html

    book = default_layout.book
    html = print_html(book, "a4", "screen", default_layout.adjust)
    return book, WholeBook(default_layout.parts, html, render(book, html))
