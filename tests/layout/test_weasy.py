"""WeasyPrint at the project's edge: the sandboxed fetcher, image fitting, and its logged
errors made the build's."""

from __future__ import annotations

import pytest


def test_the_fetcher_refuses_what_reaches_it(minimal, server, secret):
    """The layout-time gate on its own, for whatever gets past the checks before it."""
    from weasyprint.urls import FatalURLFetchingError

    from dossierkit.build import load_and_render
    from dossierkit.layout.weasy import _make_fetcher

    url, requests = server
    fetcher = _make_fetcher(load_and_render(minimal))
    for hostile in ("file:///etc/passwd", f"{url}/x.css", secret.as_uri(),
                    (minimal / ".." / "secret.png").as_uri()):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(hostile)
    assert requests == []
    assert fetcher.fetch((minimal / "styles/print.css").as_uri()) is not None
    assert fetcher.fetch("data:text/css,p%7Bcolor:red%7D") is not None


