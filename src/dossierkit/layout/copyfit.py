"""Copyfitting: what a first layout of a chapter teaches the next one.

Two things are only known once the pages exist. Which page each note call landed on
decides whether a call repeats its note at the page foot or shares the copy an earlier
call set on the same page. And a chapter whose last page is less than a quarter full is
refitted: its spacing tightened a little, so the stray lines move back, or, when there
is too much to pull back, loosened, so more of the chapter runs on to its last page (the
classes `fit-tight` and `fit-loose` of print.css).

Every decision about a chapter is taken from that chapter's own pages only (`refit`): a
part of the book is laid out on its own (layout.parts), and laid out again, here, until
nothing changes, at most MAX_PASSES times in all.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from lxml import etree

from dossierkit.layout.weasy import page_fill
from dossierkit.render.pagenotes import calls_sharing_a_block
from dossierkit.render.printhtml import Adjustments, part_section

MAX_PASSES = 6  # the default dossier's chapters settle in three at most
MIN_FILL = 0.25  # of the text area, on a chapter's last page
# How much a chapter's text shrinks per page under fit-tight (the share of leading and
# spacing print.css takes away), to tell whether pulling back can work; a stray of up to
# PULL_BACK of a page is tried tight first whatever the chapter's length.
TIGHT_GAIN = 0.03
PULL_BACK = 0.2

OTHER = {"fit-tight": "fit-loose fit-again", "fit-loose": "fit-tight fit-again"}
_CALL = re.compile(r'<a class="noteref" href="#([^"]+)" id="([^"]+)"')

__all__ = ["MAX_PASSES", "Adjustments", "ChapterEnd", "ChapterFit", "chapter_ends", "fit_part",
           "refit"]


@dataclass(frozen=True)
class ChapterEnd:
    slug: str
    pages: int  # how many pages the chapter takes
    fill: float  # share of the text area its last page uses (notes included)


@dataclass(frozen=True)
class ChapterFit:
    """What the next layout of one chapter should do, and how full its last page is."""

    fit: str | None = None  # the class print.css fits it with, or None
    shared: frozenset[str] = frozenset()  # ids of calls that share their note's copy on their page
    rescued: frozenset[str] = frozenset()  # ids of page-foot notes that no page holds
    fill: float = 1.0


def _anchors(pages) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, page in enumerate(pages):
        for anchor in page.anchors:
            found.setdefault(anchor, index)
    return found


def refit(pages, chapter_xhtml: str, print_html: str, tried: str | None,
          rescued: frozenset[str] = frozenset()) -> ChapterFit:
    """One chapter's adjustments, from its own laid-out `pages` only. `chapter_xhtml`: the
    chapter as the book holds it; `print_html`: the print HTML it was laid out from (only
    this chapter's note calls are read); `tried`: the fit class of that layout;
    `rescued`: the notes rescued so far."""
    anchors = _anchors(pages)
    calls = _CALL.findall(chapter_xhtml)
    shared, last_page = set(), {}
    for note, call in calls:
        page = anchors.get(call)
        if page is not None and last_page.get(note) == page:
            shared.add(call)
        last_page[note] = page
    own_calls = {call for _, call in calls}
    # WeasyPrint 70 can drop a page-foot note when it moves its call's line to the next page.
    lost = {note for note, call in _CALL.findall(print_html)
            if call in own_calls and call in anchors and note not in anchors}
    fit, fill = tried, page_fill(pages[-1]) if pages else 1.0
    if fill < MIN_FILL and len(pages) > 1:
        if tried is None:
            # Pull back what the spacing can absorb; else push more on to the last page.
            can_pull = max(PULL_BACK, TIGHT_GAIN * (len(pages) - 1))
            fit = "fit-tight" if fill <= can_pull else "fit-loose"
        elif tried in OTHER:
            fit = OTHER[tried]  # the other way, once ("fit-again" marks it tried)
    return ChapterFit(fit, frozenset(shared), rescued | frozenset(lost), fill)


def fit_part(book, job, render, padded: bool):
    """The part of `job` laid out (`render(html)` gives a weasyprint.Document) and, when it
    is a chapter, laid out again while refitting asks for changes: the last document, and
    the ChapterFit it was laid out with."""
    from dossierkit.render.printparts import part_html

    document = render(job.html)
    chapter = _chapter_of(book, job)
    if chapter is None:
        return document, ChapterFit()
    paper, variant, part, folios = job.remake
    html = job.html
    if job.seed is not None:  # the first layout was fitted as the last build settled it
        current = _adjustments(chapter.slug, job.seed)
    else:
        # The first layout shares a note's copy between calls of one block (render.pagenotes).
        current = Adjustments(frozenset(calls_sharing_a_block(etree.fromstring(chapter.xhtml))))
    for _ in range(MAX_PASSES - 1):
        pages = document.pages[1:] if padded else document.pages
        fitted = refit(pages, chapter.xhtml, html, current.fits.get(chapter.slug), current.rescued)
        wanted = Adjustments(fitted.shared, {chapter.slug: fitted.fit} if fitted.fit else {},
                             fitted.rescued)
        if wanted == current:
            break
        current = wanted
        section = part_section(book, chapter.slug, current)
        html = part_html(book, paper, variant, dataclasses.replace(part, sections=(section,)),
                         first_page=job.first_page, folios=folios)
        document = render(html)
    pages = document.pages[1:] if padded else document.pages
    return document, ChapterFit(current.fits.get(chapter.slug), current.shared_notes,
                                current.rescued, page_fill(pages[-1]) if pages else 1.0)


def _chapter_of(book, job):
    """The chapter a job lays out alone, or None (the front matter, the back cover)."""
    return chapter_alone(book, job.remake[2]) if job.remake is not None else None


def chapter_alone(book, part):
    """The chapter a part holds alone, or None (the front matter, the back cover)."""
    if len(part.sections) != 1 or part.sections[0].kind != "chapter":
        return None
    return next((c for c in book.chapters if c.slug == part.sections[0].slug), None)


def _adjustments(slug: str, fit) -> Adjustments:
    return Adjustments(fit.shared, {slug: fit.fit} if fit.fit else {}, fit.rescued)


def seeded(book, part, fit):
    """The chapter part with its section fitted as `fit` (a layout.parts.Fit) says."""
    slug = part.sections[0].slug
    return dataclasses.replace(part, sections=(part_section(book, slug, _adjustments(slug, fit)),))


def chapter_ends(layout, book) -> list[ChapterEnd]:
    """Each chapter's page count and last page's fill, as its part was laid out."""
    parts = {part.name: part for part in layout.parts}
    return [ChapterEnd(c.slug, parts[c.slug].pages, parts[c.slug].fill)
            for c in book.chapters if c.slug in parts]
