"""`dossier watch`: rebuilds what a change affects, survives mistakes, serves a reloading preview."""

from __future__ import annotations

import queue
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dossierkit.build import BuildOptions
from dossierkit.commands.preview import BUILD_ID_PATH, Preview
from dossierkit.commands.watch import Watcher, WatchEvents, formats_for

TIMEOUT = 60


def test_only_the_epub_stylesheet_spares_the_pdf(tmp_path):
    both = ("pdf", "epub")
    epub_css = tmp_path / "styles" / "epub.css"
    assert formats_for([epub_css], tmp_path, ["styles/epub.css"], both) == ("epub",)
    assert formats_for([tmp_path / "styles" / "print.css"], tmp_path, ["styles/epub.css"], both) == both
    assert formats_for([epub_css, tmp_path / "chapters" / "one.md"], tmp_path,
                       ["styles/epub.css"], both) == both
    # Asked for the PDF only: an EPUB style change still rebuilds what was asked for.
    assert formats_for([epub_css], tmp_path, ["styles/epub.css"], ("pdf",)) == ("pdf",)


class Running:
    """A watcher in a thread, with every event it reports in one queue."""

    def __init__(self, project: Path, options: BuildOptions = BuildOptions(), preview=None):
        self.events: queue.Queue = queue.Queue()
        hooks = WatchEvents(built=lambda r: self.events.put(("built", sorted(b.format for b in r))),
                            failed=lambda e: self.events.put(("failed", [str(p) for p in e.problems])))
        self.watcher = Watcher(project, options, hooks, preview)
        self.stop, self.ready = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,),
                                       kwargs={"ready": self.ready}, daemon=True)

    def __enter__(self):
        self.thread.start()
        assert self.next() == ("built", ["epub", "pdf"])
        assert self.ready.wait(TIMEOUT), "the watcher did not start"
        return self

    def next(self):
        return self.events.get(timeout=TIMEOUT)

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive(), "the watcher did not stop"


def test_watch_rebuilds_and_goes_on_after_a_mistake(minimal):
    chapter = minimal / "chapters" / "two.md"
    good = chapter.read_text("utf-8")
    with Running(minimal) as run:
        (minimal / "styles" / "epub.css").write_text("body { margin: 0 }\n", "utf-8")
        assert run.next() == ("built", ["epub"])
        chapter.write_text(good + "\n{{ nothing }}\n", "utf-8")
        kind, problems = run.next()
        assert kind == "failed"
        assert problems[0].startswith("chapters/two.md:5: template error: 'nothing' is undefined")
        chapter.write_text(good + "\nA new line.\n", "utf-8")
        assert run.next() == ("built", ["epub", "pdf"])
    assert "A new line." in (minimal / "chapters" / "two.md").read_text()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_preview_serves_the_book_and_reloads_after_a_build(minimal):
    preview = Preview(minimal.resolve(), port=0)
    preview.start()
    try:
        assert preview.url.startswith("http://127.0.0.1:")
        watcher = Watcher(minimal, BuildOptions(formats=("epub",)), preview=preview)
        assert watcher.build_once()
        page = _get(preview.url)
        assert "Chapter One" in page and BUILD_ID_PATH in page
        assert "@page" in _get(preview.url + "styles/print.css")
        # The preview serves the project's files and nothing outside the project.
        with pytest.raises(urllib.error.HTTPError):
            _get(preview.url + "%2E%2E/%2E%2E/etc/passwd")
        first = _get(preview.url + BUILD_ID_PATH.lstrip("/"))
        assert watcher.build_once()
        assert _get(preview.url + BUILD_ID_PATH.lstrip("/")) != first
        # A mistake keeps the last good page under a banner that names it.
        (minimal / "chapters" / "two.md").write_text("# Two\n\n{{ nothing }}\n", "utf-8")
        assert not watcher.build_once()
        page = _get(preview.url)
        assert "is undefined" in page and "Chapter One" in page
    finally:
        preview.stop()


def test_editors_temporary_files_are_not_sources():
    from pathlib import Path

    from dossierkit.commands.watch import is_temporary

    temporary = [".one.md.swp", "one.md~", "4913", ".#one.md", "#one.md#", "one.md___jb_tmp___",
                 "one.md.tmp", "facts.yaml.bak", ".dossier-write-x"]
    assert [name for name in temporary if not is_temporary(Path("chapters") / name)] == []
    assert [name for name in ("one.md", "facts.yaml", "print.css", "still-1.png")
            if is_temporary(Path(name))] == []
