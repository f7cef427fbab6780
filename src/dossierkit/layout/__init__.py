"""The print layout: the book laid out once, read by the PDF writer and by the EPUB writer,
which follows the print pages. WeasyPrint itself is touched only in `layout.weasy`."""

from __future__ import annotations

from dataclasses import dataclass

from dossierkit.layout.pages import PageStart, page_starts
from dossierkit.render.book import RenderedBook

__all__ = ["PageStart", "PrintLayout", "lay_out"]


@dataclass
class PrintLayout:
    """A laid-out print edition and where each element landed."""

    book: RenderedBook
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

    def page_starts(self) -> list[PageStart]:
        """For each numbered print page, the element of the book that begins it."""
        return page_starts(self.document.pages, self.book, self.folio)

    def first_page_pdf(self) -> bytes:
        """A PDF of the first page alone: a picture of the cover (the EPUB's is drawn from
        it) in a fraction of the time the whole PDF takes."""
        from dossierkit.layout.weasy import run_weasyprint

        first = self.document.copy(self.document.pages[:1])
        # Links from the first page to later ones have nowhere to go in a one-page PDF.
        return run_weasyprint(self.book, first.write_pdf, expected=("No anchor #",))


def lay_out(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> PrintLayout:
    from dossierkit.layout.weasy import render

    return PrintLayout(book, render(book, paper, variant), paper, variant)
