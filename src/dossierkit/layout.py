"""The print layout: the book laid out by WeasyPrint once, read by the PDF writer and by the
EPUB writer (which follows the print pages). Only this module and writers/pdf.py import WeasyPrint."""

from __future__ import annotations

import html
import logging
import mimetypes
from dataclasses import dataclass

import lxml.html
from lxml import etree

from dossierkit import __version__
from dossierkit.errors import DossierError, fail
from dossierkit.render.book import RenderedBook
from dossierkit.resources import ProjectFiles

PAPERS = ("a4", "letter")
VARIANTS = ("screen", "press", "archive")


def print_html(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> str:
    """The complete HTML document WeasyPrint lays out.

    Paper and variant are classes on the root element, so one stylesheet set serves all.
    """
    m = book.manifest
    authors = ", ".join(a.name for a in m.authors)
    metas = {
        "author": authors,
        "description": m.description,
        "keywords": ", ".join(m.keywords) or None,
        "generator": f"dossierkit {__version__}",
        # Dates come from the manifest, never the clock, so the bytes are reproducible.
        "dcterms.created": m.date.isoformat(),
        "dcterms.modified": m.modified_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    head = ['<meta charset="utf-8"/>', f"<title>{html.escape(m.title)}</title>"]
    head += [f'<meta name="{k}" content="{html.escape(v)}"/>' for k, v in metas.items() if v]
    head += [f'<link rel="stylesheet" href="{html.escape(s)}"/>' for s in m.output.print_stylesheets]
    body = [
        lxml.html.tostring(etree.fromstring(part.xhtml), method="html", encoding="unicode")
        for part in book.parts
    ]
    return (f'<!DOCTYPE html>\n<html lang="{m.language}" class="paper-{paper} variant-{variant}">\n'
            f"<head>\n{chr(10).join(head)}\n</head>\n<body>\n{chr(10).join(body)}\n</body>\n</html>\n")


@dataclass
class PrintLayout:
    """A laid-out print edition and where each element landed."""

    document: object  # weasyprint.Document; typed loosely to keep WeasyPrint's import lazy
    paper: str
    variant: str

    def folio(self, index: int) -> str:
        """The page number printed on page `index` (0-based), as readers should see it."""
        return str(index + 1)

    @property
    def page_of_id(self) -> dict[str, int]:
        """Element id -> index (0-based) of the page it starts on."""
        pages: dict[str, int] = {}
        for index, page in enumerate(self.document.pages):
            for anchor in page.anchors:
                pages.setdefault(anchor, index)  # a block split over pages starts on the first
        return pages


class _Refused(BaseException):
    """Carries a DossierError through WeasyPrint, which swallows ordinary exceptions."""

    def __init__(self, error: DossierError):
        self.error = error


def _make_fetcher(book: RenderedBook):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    files = ProjectFiles(book.root)

    class Refused(_Refused, FatalURLFetchingError):
        pass

    class SandboxFetcher(URLFetcher):
        """Serves project files and data: URIs; refuses everything else, unread."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            # WeasyPrint does not say who asked; the chapter that names the file did.
            name = url.rsplit("/", 1)[-1]
            referrer = next((p.source for p in book.parts if name and name in p.xhtml),
                            "the stylesheets")
            try:
                path = files.resolve(url, referrer=referrer)
            except DossierError as error:
                raise Refused(error) from None
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                      headers={"Content-Type": media_type})

    return SandboxFetcher()


class LoggedErrors(logging.Handler):
    """WeasyPrint logs (rather than raises) what it could not load; the build must not
    pass over a missing stylesheet or image, so its errors become the build's."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []
        self._logger = logging.getLogger("weasyprint")

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])

    def __enter__(self) -> LoggedErrors:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        # Its warnings (unknown CSS properties and the like) are not ours to print.
        self._logger.propagate = False
        return self

    def __exit__(self, *exc) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate
        if exc[0] is None and self.messages:
            raise fail("the print stylesheets", f"WeasyPrint: {self.messages[0]}",
                       hint="fix the resource or rule it names")


def run_weasyprint(book: RenderedBook, action):
    """Run a WeasyPrint step with the sandbox's refusals and logged errors surfaced."""
    with LoggedErrors():
        try:
            return action()
        except _Refused as refused:
            raise refused.error from None


def lay_out(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> PrintLayout:
    import weasyprint

    document = weasyprint.HTML(
        string=print_html(book, paper, variant), base_url=book.root.as_uri() + "/",
        url_fetcher=_make_fetcher(book), media_type="print")
    rendered = run_weasyprint(book, document.render)
    return PrintLayout(rendered, paper, variant)


def write_pdf(book: RenderedBook, layout: PrintLayout) -> bytes:
    return run_weasyprint(book, layout.document.write_pdf)
