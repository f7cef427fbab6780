"""WeasyPrint at the project's edge: the only module that imports it. The sandboxed
fetcher, the bridge from its logs to the build's errors, image fitting, and walking the
laid-out boxes."""

from __future__ import annotations

import io
import logging
import mimetypes
from contextvars import ContextVar
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from dossierkit.errors import DossierError, fail
from dossierkit.options import MANIFEST
from dossierkit.render.book import RenderedBook
from dossierkit.source.files import ProjectFiles

# The address WeasyPrint knows the project by, whatever folder it is in: it names
# embedded images by a hash of their URL, so a real path would make the PDF's bytes
# depend on where the project was built. The fetcher maps it back to the project.
PROJECT_URL = "file:///dossier-project/"


def _real_url(url: str, root_url: str) -> str:
    return root_url + url[len(PROJECT_URL):] if url.startswith(PROJECT_URL) else url


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
            url = _real_url(url, files.root.as_uri() + "/")
            try:
                path = files.resolve(url, referrer=referrer_of(url))
                content = files.shipped(path)  # bounded; an SVG cleaned
            except DossierError as error:
                if (refusals := _REFUSALS.get()) is not None:
                    refusals.append(error)
                raise Refused(error) from None
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if media_type in ("text/css", "image/svg+xml"):
                served[files.relative(path)] = content.decode("utf-8", "replace")
            if media_type in ("image/jpeg", "image/png"):
                content = fit_image(content, media_type)
            virtual = PROJECT_URL + quote(files.relative(path))
            return URLFetcherResponse(virtual, content, headers={"Content-Type": media_type})

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


def warm_up(languages: tuple[str, ...] = ()) -> None:
    """Import WeasyPrint, load the system's font configuration and the hyphenation patterns
    of `languages`, so that processes forked from this one (the layout workers) start with
    them all; `dossier watch` pays for them once, not at every rebuild."""
    import pyphen
    from weasyprint.text.fonts import FontConfiguration

    FontConfiguration()
    for language in languages:
        if language in pyphen.LANGUAGES or language.split("-")[0] in pyphen.LANGUAGES:
            pyphen.Pyphen(lang=language)  # pyphen keeps the parsed patterns for the process


def render(book: RenderedBook, html: str):
    """Print HTML of the book (the whole of it, or one part) laid out as a weasyprint.Document."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=PROJECT_URL,
                               url_fetcher=_make_fetcher(book), media_type="print")
    return run_weasyprint(book, document.render)


def page_fill(page) -> float:
    """Share of a laid-out page's text area that holds text or page-foot notes."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box  # WeasyPrint 70 keeps the laid-out boxes here (pinned)
    top, height = page_box.content_box_y(), page_box.height
    if not height:
        return 1.0
    bottom, notes = top, 0.0
    for child in page_box.children:
        if isinstance(child, boxes.FootnoteAreaBox):
            notes = child.margin_height() if child.children else 0.0
        elif not isinstance(child, boxes.MarginBox):
            bottom = max(bottom, _content_bottom(child, boxes))
    return min(1.0, (bottom - top + notes) / height)


def _content_bottom(box, boxes) -> float:
    """Bottom of the lowest line, picture or table row that has something in it."""
    lowest = 0.0
    for child in getattr(box, "children", ()):
        if isinstance(child, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)):
            lowest = max(lowest, child.position_y + child.margin_height())
        elif getattr(child, "style", None) is None or child.style["float"] != "footnote":
            lowest = max(lowest, _content_bottom(child, boxes))
    return lowest


def page_blocks(page):
    """The block-level boxes (and table rows) of a laid-out page, in page order, leaving
    out page-foot notes: a note floated to the foot of a page sits elsewhere in the
    EPUB's reading order. Yields (element, box) pairs; the first is the root's."""
    from weasyprint.formatting_structure import boxes

    def walk(box):
        if isinstance(box, boxes.FootnoteAreaBox) or box.style["float"] == "footnote":
            return
        if (isinstance(box, (boxes.BlockLevelBox, boxes.TableRowBox))
                and box.element is not None and getattr(box, "pseudo_type", None) is None):
            yield box.element
        for child in getattr(box, "children", ()):
            yield from walk(child)

    page_box = page._page_box  # WeasyPrint 70 keeps the laid-out boxes here (pinned)
    return page_box.children[0].element if page_box.children else None, walk(page_box)


# Print-only marks inside a line: a note call and its page-foot note are not running text.
_NOT_RUNNING_TEXT = {"noteref", "noteref-sep", "footnote"}


def first_line(page):
    """The element whose line opens a page, and that line's running text (note calls left
    out): where a page begins inside a block that began on an earlier page."""
    from weasyprint.formatting_structure import boxes

    def line_text(box) -> str:
        if box.element is not None and _NOT_RUNNING_TEXT & set((box.element.get("class") or "").split()):
            return ""
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(line_text(child) for child in getattr(box, "children", ()))

    def walk(box):
        if isinstance(box, (boxes.FootnoteAreaBox, boxes.MarginBox)) or box.style["float"] == "footnote":
            return None
        if isinstance(box, boxes.LineBox):
            text = line_text(box).strip()
            return (box.element, text) if text else None
        for child in getattr(box, "children", ()):
            found = walk(child)
            if found:
                return found
        return None

    return walk(page._page_box)

