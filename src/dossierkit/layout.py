"""The print layout: the book laid out by WeasyPrint once, read by the PDF writer and by the
EPUB writer (which follows the print pages). WeasyPrint is imported here, lazily, and
nowhere else but for the EPUB page map's look at the laid-out boxes."""

from __future__ import annotations

import html
import io
import logging
import mimetypes
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from dossierkit import __version__
from dossierkit.errors import DossierError, fail
from dossierkit.render.book import RenderedBook
from dossierkit.resources import ProjectFiles, remember_absent
from dossierkit.source.manifest import MANIFEST

def print_html(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> str:
    """The complete HTML document WeasyPrint lays out: cover, title page, contents, chapters.

    Paper and variant are classes on the root element and may name stylesheets
    ("styles/paper-{paper}.css"), so one stylesheet set serves all of them.
    """
    m = book.manifest
    metas = {
        "author": ", ".join(a.name for a in m.authors),
        "description": m.description,
        "keywords": ", ".join(m.keywords) or None,
        "generator": f"dossierkit {__version__}",
        # Dates come from the manifest, never the clock, so the bytes are reproducible.
        "dcterms.created": m.date.isoformat(),
        "dcterms.modified": m.modified_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    head = ['<meta charset="utf-8"/>', f"<title>{html.escape(m.title)}</title>"]
    head += [f'<meta name="{k}" content="{html.escape(v)}"/>' for k, v in metas.items() if v]
    head += [f'<link rel="stylesheet" href="{html.escape(path)}"/>'
             for path in stylesheets(book, paper, variant)]
    body = [_cover(book)]
    for part in book.parts:
        section = etree.fromstring(part.xhtml)
        _notes_to_footnotes(section)
        body.append(lxml.html.tostring(section, method="html", encoding="unicode"))
        if part.kind == "front":
            body.append(_contents(book))
    return (f'<!DOCTYPE html>\n<html lang="{m.language}" class="paper-{paper} variant-{variant}">\n'
            f"<head>\n{chr(10).join(head)}\n</head>\n<body>\n{chr(10).join(body)}\n</body>\n</html>\n")


def stylesheets(book: RenderedBook, paper: str, variant: str) -> list[str]:
    """The manifest's print stylesheets for this paper and variant, those that exist."""
    paths = []
    for template in book.manifest.output.print_stylesheets:
        path = template.replace("{paper}", paper).replace("{variant}", variant)
        # A per-paper or per-variant sheet is optional: not every variant needs one.
        if path == template or (book.root / path).is_file():
            paths.append(path)
        else:
            remember_absent(book.root / path)
    return paths


def _cover(book: RenderedBook) -> str:
    """The cover: print-only (the EPUB's cover is a picture of this page)."""
    m = book.manifest
    film = book.film
    image_class = " with-image" if m.cover_image else ""
    lines = [f'<section class="cover{image_class}" id="cover">']
    if m.cover_image:
        lines.append(f'<img class="cover-image" src="{html.escape(m.cover_image.path)}" '
                     f'alt="{html.escape(m.cover_image.alt)}"/>')
    lines.append('<div class="cover-text">')
    if m.subject:
        lines.append(f'<p class="cover-kicker">{html.escape(m.subject)}</p>')
    # Not a chapter: kept out of the PDF outline whatever the stylesheets say.
    lines.append(f'<h1 class="cover-title" style="bookmark-level: none">{html.escape(m.title)}</h1>')
    if m.original_title:
        lang = f' lang="{m.original_language}"' if m.original_language else ""
        lines.append(f'<p class="cover-original"{lang}>{html.escape(m.original_title)}</p>')
    if film:
        lines.append(f'<p class="cover-logline">{html.escape(film.logline)}</p>')
        lines.append(f'<p class="cover-credit">A film by {html.escape(film.director)} · '
                     f"{html.escape(film.country)} · {film.year}</p>")
    elif m.subtitle:
        lines.append(f'<p class="cover-logline">{html.escape(m.subtitle)}</p>')
    lines.append(f'<p class="cover-publisher">{html.escape(m.publisher)}</p>')
    lines.append("</div></section>")
    return "\n".join(lines)


def _contents(book: RenderedBook) -> str:
    """A contents page whose page numbers WeasyPrint fills in (target-counter)."""
    items = []
    for chapter in book.chapters:
        sections = "".join(
            f'<li class="toc-section"><a href="#{h.id}">{html.escape(h.text)}</a></li>'
            for h in chapter.headings if h.level == 2)
        sub = f'<ol class="toc-sections">{sections}</ol>' if sections else ""
        items.append(f'<li class="toc-chapter"><a href="#{chapter.slug}">'
                     f"{html.escape(chapter.title)}</a>{sub}</li>")
    return (f'<nav class="contents" id="contents">'
            f'<h1 class="contents-title" style="bookmark-level: none">Contents</h1>'
            f'<ol class="toc">{"".join(items)}</ol></nav>')


def _notes_to_footnotes(section: etree._Element) -> None:
    """Move each note to the foot of the page of its first call (CSS `float: footnote`).

    A later call of the same note links back to it, as books do; the chapter-end list
    of notes, which the EPUB keeps for its pop-ups, goes away.
    """
    notes = section.find("section[@class='notes']")
    if notes is None:
        return
    calls: dict[str, etree._Element] = {}
    for ref in section.iter("a"):
        if ref.get("class") == "noteref":
            calls.setdefault(ref.get("href")[1:], ref)
    for aside in notes.iterfind("aside"):
        call = calls.get(aside.get("id"))
        if call is None:
            continue
        footnote = etree.Element("span", {"class": "footnote", "id": aside.get("id")})
        paragraph = aside.find("p")
        footnote.text = paragraph.text
        for child in paragraph:
            footnote.append(child)
        # After the call (and after its comma, when several calls stand together).
        anchor = call
        while anchor.getnext() is not None and anchor.getnext().get("class") in (
                "noteref-sep", "noteref", "footnote") and not (anchor.tail or "").strip():
            anchor = anchor.getnext()
        footnote.tail, anchor.tail = anchor.tail, None
        anchor.addnext(footnote)
    notes.getparent().remove(notes)


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
    # Text of every stylesheet and SVG served so far: WeasyPrint does not say who asked
    # for a URL, but the file that names it did (an @import, a font, an SVG <image>).
    served: dict[str, str] = {}
    manifest = book.manifest
    named_by_manifest = " ".join(
        [*manifest.output.print_stylesheets]
        + [image.path for image in ([manifest.cover_image] if manifest.cover_image else [])]
        + [still.path for still in manifest.stills.values()])

    def referrer_of(url: str) -> str:
        parts = urlsplit(url)
        path = PurePosixPath(unquote(parts.path))
        root = PurePosixPath(files.root.as_posix())
        needles = [url]
        if parts.scheme == "file" and path.is_relative_to(root):
            needles.append(path.relative_to(root).as_posix())
        needles.append(path.name)
        candidates = [*served.items(), *((p.source, p.xhtml) for p in book.parts),
                      (MANIFEST, named_by_manifest)]
        for needle in filter(None, needles):  # the most precise match first
            for name, text in candidates:
                if needle in text:
                    return name
        return "the print stylesheets"

    class Refused(_Refused, FatalURLFetchingError):
        pass

    class SandboxFetcher(URLFetcher):
        """Serves project files and data: URIs; refuses everything else, unread."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            try:
                path = files.resolve(url, referrer=referrer_of(url))
            except DossierError as error:
                if (refusals := _REFUSALS.get()) is not None:
                    refusals.append(error)
                raise Refused(error) from None
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            content = path.read_bytes()
            if media_type in ("text/css", "image/svg+xml"):
                served[files.relative(path)] = content.decode("utf-8", "replace")
            if media_type in ("image/jpeg", "image/png"):
                content = fit_image(content, media_type)
            return URLFetcherResponse(path.as_uri(), content, headers={"Content-Type": media_type})

    return SandboxFetcher()


# Long side of a picture in pixels: 300 dpi across a full A4 or Letter page with bleed.
MAX_IMAGE_PIXELS = 2600


def fit_image(data: bytes, media_type: str) -> bytes:
    """Scale a picture down to what print needs; a camera original would bloat the PDF."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= MAX_IMAGE_PIXELS:
            return data
        image.thumbnail((MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if media_type == "image/jpeg":
            image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue()


class LoggedErrors(logging.Handler):
    """WeasyPrint logs (rather than raises) what it could not load; the build must not
    pass over a missing stylesheet or image, so its errors become the build's."""

    def __init__(self, expected: tuple[str, ...] = ()):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []
        self.expected = expected
        self._logger = logging.getLogger("weasyprint")

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0]
        if not message.startswith(self.expected):
            self.messages.append(message)

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


# The refusals of the fetcher during the current WeasyPrint step: WeasyPrint's SVG
# drawing catches even BaseException, so a refusal must not depend on propagating.
_REFUSALS: ContextVar[list[DossierError] | None] = ContextVar("refusals", default=None)


def run_weasyprint(book: RenderedBook, action, expected: tuple[str, ...] = ()):
    """Run a WeasyPrint step with the sandbox's refusals and logged errors surfaced
    (but for those starting with one of the `expected` texts)."""
    refusals: list[DossierError] = []
    token = _REFUSALS.set(refusals)
    with LoggedErrors(expected):
        try:
            result = action()
        except _Refused as refused:
            raise refused.error from None
        finally:
            _REFUSALS.reset(token)
        if refusals:
            raise refusals[0]
        return result


def lay_out(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> PrintLayout:
    import weasyprint

    document = weasyprint.HTML(
        string=print_html(book, paper, variant), base_url=book.root.as_uri() + "/",
        url_fetcher=_make_fetcher(book), media_type="print")
    rendered = run_weasyprint(book, document.render)
    return PrintLayout(rendered, paper, variant)


# What each variant asks of WeasyPrint; the press variant's bleed and crop marks come
# from its stylesheet (variant-press.css), since they are page design.
PDF_OPTIONS = {
    "screen": {"pdf_variant": "pdf/ua-1"},  # tagged, with live links, for reading on screen
    "press": {},
    "archive": {"pdf_variant": "pdf/a-3b"},
}


def _scope_header_cells(document, pdf) -> None:
    """Give every tagged header cell an explicit /Scope, so that assistive technology
    (and PDF/UA checkers) need not guess which cells a header governs."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/TH":
            attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes.setdefault("Scope", "/Column")


def write_pdf(book: RenderedBook, layout: PrintLayout) -> bytes:
    options = PDF_OPTIONS[layout.variant]
    return run_weasyprint(
        book, lambda: layout.document.write_pdf(finisher=_scope_header_cells, **options))


def write_first_page(book: RenderedBook, layout: PrintLayout) -> bytes:
    """A PDF of the first page alone: what the EPUB's cover is drawn from, in a fraction
    of the time the whole PDF takes (which may meanwhile be written elsewhere)."""
    first = layout.document.copy(layout.document.pages[:1])
    # Links from the first page to later ones have nowhere to go in a one-page PDF.
    return run_weasyprint(book, first.write_pdf, expected=("No anchor #",))
