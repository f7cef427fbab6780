"""The preview server answers only to its own name, never prints a traceback, and listens
on 127.0.0.1 only."""

from __future__ import annotations

import http.client
import socket

import pytest

from dossierkit.commands.preview import Preview


@pytest.fixture
def preview(minimal):
    server = Preview(minimal.resolve(), port=0)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _get(preview, path: str, host: str | None) -> int:
    port = preview.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_only_the_loopback_names_are_answered(preview):
    port = preview.server.server_address[1]
    assert _get(preview, "/", f"127.0.0.1:{port}") == 200
    assert _get(preview, "/", f"localhost:{port}") == 200
    assert _get(preview, "/styles/print.css", f"localhost:{port}") == 200
    # DNS rebinding: a page of another site whose name now points at 127.0.0.1.
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}",
                 f"localhost:{port + 1}", ""):
        assert _get(preview, "/styles/print.css", host) == 421, host
    assert _get(preview, "/styles/print.css", None) == 421


def test_no_request_prints_a_traceback(preview, capfd):
    port = preview.server.server_address[1]
    host = f"127.0.0.1:{port}"
    assert _get(preview, "/a%00b", host) == 404
    assert _get(preview, "/%2e%2e/%2e%2e/etc/passwd", host) == 404
    assert _get(preview, "/" + "x" * 5000, host) == 404
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(b"\x00\xff garbage \r\n\r\n")
        raw.recv(1000)
    assert _get(preview, "/", host) == 200  # still serving
    assert "Traceback" not in capfd.readouterr().err


def test_the_preview_listens_on_the_loopback_address_only(preview):
    assert preview.server.server_address[0] == "127.0.0.1"
