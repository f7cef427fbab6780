"""WeasyPrint at the project's edge: the sandboxed fetcher, image fitting, and its logged
errors made the build's."""

from __future__ import annotations

import io
import logging

import pytest

from dossierkit.errors import DossierError, fail
from dossierkit.layout.weasy import MAX_IMAGE_PIXELS, LoggedErrors, fit_image, run_weasyprint


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




def _picture(size: tuple[int, int], kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "grey").save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "media_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
def test_a_large_picture_is_scaled_to_print_size_and_keeps_its_kind(kind, media_type):
    from PIL import Image

    fitted = fit_image(_picture((4000, 2500), kind), media_type)
    with Image.open(io.BytesIO(fitted)) as image:
        assert (image.format, image.size) == (kind, (MAX_IMAGE_PIXELS, 1625))


def test_a_picture_small_enough_is_left_byte_for_byte():
    data = _picture((MAX_IMAGE_PIXELS, 100), "PNG")
    assert fit_image(data, "image/png") is data


def test_weasyprint_s_logged_errors_become_the_build_s():
    logger = logging.getLogger("weasyprint")
    with pytest.raises(DossierError) as error, LoggedErrors():
        logger.warning("Ignored `foo: bar`")  # a warning is WeasyPrint's own business
        logger.error("Failed to load image at 'x.png'\nwith a traceback")
        logger.error("a second error is not shown")
    assert str(error.value) == ("the print stylesheets: WeasyPrint: Failed to load image at "
                                "'x.png' (fix the resource or rule it names)")
    assert logger.propagate is True and not any(
        isinstance(h, LoggedErrors) for h in logger.handlers)


def test_expected_errors_and_warnings_pass():
    logger = logging.getLogger("weasyprint")
    with LoggedErrors(expected=("No anchor #",)) as errors:
        logger.error("No anchor #one for internal URI reference")
        logger.warning("Ignored `foo: bar`")
    assert errors.messages == []


def test_a_refusal_surfaces_even_where_weasyprint_swallows_it(minimal_book):
    """WeasyPrint's SVG drawing catches every exception; the refusal is kept aside."""
    from dossierkit.layout import weasy

    refusal = fail("images/figure.svg", "refused to load 'x'")

    def swallowed():
        weasy._REFUSALS.get().append(refusal)
        return "drawn anyway"

    with pytest.raises(DossierError) as error:
        run_weasyprint(minimal_book, swallowed)
    assert error.value is refusal
    assert weasy._REFUSALS.get() is None  # reset for the next step
    assert run_weasyprint(minimal_book, lambda: 42) == 42
