"""One part of the book laid out and written on its own (in a worker process, or here):
what the page map, the contents and the PDF joiner need of it, in picklable form."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from dossierkit.layout.pages import PageStart, page_starts
from dossierkit.render.book import RenderedBook
from dossierkit.render.printparts import is_padded
from dossierkit.source.files import recording_reads

# Writes a laid-out weasyprint.Document as PDF bytes (the PDF writer's options and finisher).
WritePart = Callable[[object], bytes]


@dataclass(frozen=True)
class Plan:
    """What the last layout found: pages per part, and the page number of each id."""

    pages: dict[str, int] = field(default_factory=dict)
    folios: dict[str, str] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()  # the cache entries that layout used
    # What copyfitting settled on for each chapter part: where the next layout starts.
    fits: dict[str, Fit] = field(default_factory=dict)


@dataclass(frozen=True)
class Fit:
    """What copyfitting settled on for a chapter laid out alone (see layout.copyfit)."""

    fit: str | None = None
    shared: frozenset[str] = frozenset()
    rescued: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PartJob:
    """What a worker needs to lay out one part."""

    name: str
    html: str
    first_page: int  # 0-based page of the book the part starts on
    key: str  # the layout cache's key for it
    # What makes the part's HTML again with copyfitting's adjustments (layout.copyfit):
    # paper, variant, the PrintPart and the contents' folios; None: laid out as it is.
    remake: tuple | None = None
    seed: Fit | None = None  # the fitting `html` was made with (the last build's), if any


@dataclass(frozen=True)
class LaidPart:
    """A part laid out and written. Pages are counted from the part's first page (the
    padding page, if any, is not counted)."""

    name: str
    key: str
    first_page: int
    pages: int
    padded: bool  # the PDF opens with a padding page the joiner drops
    ids: dict[str, int]  # element id -> page within the part
    starts: tuple[PageStart, ...]  # indices within the part
    pdf: bytes
    reads: tuple[str, ...] = ()  # absolute paths of the files laying it out read
    # What copyfitting settled on for it (layout.copyfit), and how full its last page is.
    fit: str | None = None
    shared: frozenset[str] = frozenset()
    rescued: frozenset[str] = frozenset()
    fill: float = 1.0

    def page_of(self, anchor: str) -> int | None:
        local = self.ids.get(anchor)
        return None if local is None else self.first_page + local

    def book_starts(self) -> list[PageStart]:
        """The part's page starts with the book's page indices and folios."""
        return [dataclasses.replace(s, index=s.index + self.first_page, label=str(s.index + self.first_page + 1))
                for s in self.starts]


def lay_out_part(book: RenderedBook, job: PartJob, write: WritePart) -> LaidPart:
    from dossierkit.layout.copyfit import fit_part
    from dossierkit.layout.weasy import render

    with recording_reads() as reads:
        padded = is_padded(job.first_page)
        document, fitted = fit_part(book, job, lambda html: render(book, html), padded)
        pages = document.pages[1:] if padded else document.pages
        ids: dict[str, int] = {}
        for index, page in enumerate(pages):
            for anchor in page.anchors:
                ids.setdefault(anchor, index)  # a block split over pages starts on the first
        starts = page_starts(pages, book, lambda index: str(index + 1))
        pdf = write(document)
    return LaidPart(job.name, job.key, job.first_page, len(pages), padded, ids, tuple(starts), pdf,
                    tuple(sorted(str(path) for path in reads)), fitted.fit, fitted.shared,
                    fitted.rescued, fitted.fill)
