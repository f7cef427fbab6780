"""A live HTML preview on 127.0.0.1 for `dossier watch --serve`: the page reloads after each build."""

from __future__ import annotations

import html
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dossierkit.errors import DossierError
from dossierkit.source.files import ProjectFiles

BUILD_ID_PATH = "/__build"
# Names the preview answers to. Any other Host header is a page elsewhere that resolved
# its own domain to 127.0.0.1 (DNS rebinding) to read the project through the browser.
LOCAL_HOSTS = ("127.0.0.1", "localhost")

# Polls the build id; any change means a new build (or a new mistake) to show.
RELOAD_SCRIPT = """<script>
(function () {
  var current = "%s";
  setInterval(function () {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (id) { if (id !== current) { location.reload(); } })
      .catch(function () {});
  }, 700);
})();
</script>"""

BANNER = ('<div style="position:sticky;top:0;z-index:9;background:#fee;color:#900;'
          'border-bottom:2px solid #900;padding:0.6em 1em;font:13px/1.4 monospace">%s</div>')


class Preview:
    """Holds the latest preview page and serves it, with the project's files beside it."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000):
        self.files = ProjectFiles(root)
        self.build_id = 0
        self._page = "<!DOCTYPE html><title>dossier preview</title><p>Building…</p>"
        self._problems: list[str] = []
        self._lock = threading.Lock()
        self.server = _QuietServer((host, port), self._handler())
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def show_book(self, book) -> None:
        from dossierkit.render.printhtml import print_html

        with self._lock:
            self._page = print_html(book)
            self._problems = []
            self.build_id += 1

    def show_problems(self, problems: list[str]) -> None:
        # The last good page stays, under a banner naming what is wrong now.
        with self._lock:
            self._problems = problems
            self.build_id += 1

    def page(self) -> bytes:
        with self._lock:
            page, problems, build_id = self._page, self._problems, self.build_id
        extra = RELOAD_SCRIPT % (build_id, BUILD_ID_PATH)
        if problems:
            extra = BANNER % "<br/>".join(html.escape(p) for p in problems) + extra
        marker = "<body>"
        index = page.find(marker)
        if index < 0:
            return (page + extra).encode()
        index += len(marker)
        return (page[:index] + extra + page[index:]).encode()

    def _handler(self):
        preview = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 — http.server's naming
                try:
                    self._answer()
                except Exception:  # noqa: BLE001 — a strange request gets an error, not a traceback
                    self._fail(HTTPStatus.BAD_REQUEST)

            def _fail(self, status: HTTPStatus) -> None:
                try:
                    self.send_error(status)
                except OSError:
                    pass  # the client has gone

            def _answer(self) -> None:
                if not _local_host(self.headers.get("Host", ""), preview.server.server_address[1]):
                    self._fail(HTTPStatus.MISDIRECTED_REQUEST)
                    return
                path = unquote(urlsplit(self.path).path)
                if path in ("/", "/index.html"):
                    self._send(preview.page(), "text/html; charset=utf-8")
                elif path == BUILD_ID_PATH:
                    self._send(str(preview.build_id).encode(), "text/plain")
                else:
                    self._send_file(path.lstrip("/"))

            def _send_file(self, relative: str) -> None:
                import mimetypes

                try:
                    # The same gate the build uses: nothing outside the project is served.
                    file = preview.files.resolve(relative, referrer="preview")
                    body = preview.files.shipped(file)
                except DossierError:
                    self._fail(HTTPStatus.NOT_FOUND)
                    return
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                self._send(body, kind)

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:
                pass  # requests would drown the build messages

        return Handler

    def start(self) -> None:
        self._thread = threading.Thread(target=self.server.serve_forever, name="dossier-preview",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread:
            self._thread.join(timeout=5)


def _local_host(header: str, port: int) -> bool:
    """True when the Host header names this machine's loopback address or name."""
    host, _, given = header.strip().lower().rpartition(":")
    if not host:  # no port in the header
        host, given = header.strip().lower(), str(port)
    return host in LOCAL_HOSTS and given == str(port)


class _QuietServer(ThreadingHTTPServer):
    """Never prints a traceback, whatever a client sends or does."""

    def handle_error(self, request, client_address) -> None:
        pass
