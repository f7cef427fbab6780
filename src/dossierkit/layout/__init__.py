"""The print layout: the book laid out once, read by the PDF writer and by the EPUB writer,
which follows the print pages. WeasyPrint itself is touched only in `layout.weasy`.

The front matter and each later part are laid out as documents of their own, in worker
processes (layout.pool), each starting on the page where the previous part ends. Where a
part starts is only known once the parts before it are laid out, so a layout starts each
part where the last layout's page counts put it (the plan, kept by the layout cache) and
lays out again what started on the wrong page, until nothing moves. The contents is laid
out with the page numbers the chapters got.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossierkit.errors import fail
from dossierkit.layout.copyfit import chapter_alone, seeded
from dossierkit.layout.pages import PageStart
from dossierkit.layout.parts import Fit, LaidPart, PartJob, Plan, WritePart, lay_out_part
from dossierkit.render.book import RenderedBook
from dossierkit.render.printhtml import Adjustments
from dossierkit.render.printparts import PrintPart, part_html, print_parts
from dossierkit.source.files import add_reads

__all__ = ["LaidPart", "PageStart", "PrintLayout", "lay_out"]

# Rounds of layout before giving up on parts that keep moving (a contents whose length
# depends on its own page numbers could, in theory, never settle).
MAX_ROUNDS = 4


@dataclass
class PrintLayout:
    """A laid-out print edition: its parts, each laid out and written, and where each
    element landed."""

    book: RenderedBook
    parts: list[LaidPart]
    paper: str
    variant: str
    rounds: int = 1  # layout rounds it took (for the benchmarks and tests)
    laid_out: list[str] = field(default_factory=list)  # parts laid out (not from the cache)

    def folio(self, index: int) -> str:
        """The page number printed on page `index` (0-based), as readers should see it."""
        return str(index + 1)

    @property
    def page_count(self) -> int:
        return sum(part.pages for part in self.parts)

    @property
    def page_of_id(self) -> dict[str, int]:
        """Element id -> index (0-based) of the page it starts on."""
        pages: dict[str, int] = {}
        for part in self.parts:
            for anchor in part.ids:
                pages.setdefault(anchor, part.page_of(anchor))
        return pages

    def page_starts(self) -> list[PageStart]:
        """For each numbered print page, the element of the book that begins it."""
        return [start for part in self.parts for start in part.book_starts()]

    @property
    def adjust(self) -> Adjustments:
        """What copyfitting settled on, part by part (layout.copyfit), for the whole book."""
        shared = frozenset().union(*(part.shared for part in self.parts))
        rescued = frozenset().union(*(part.rescued for part in self.parts))
        return Adjustments(shared, {p.name: p.fit for p in self.parts if p.fit}, rescued)

    def first_page_pdf(self) -> bytes:
        """A PDF whose first page is the book's (the cover: the EPUB's is drawn from it)."""
        return self.parts[0].pdf


def lay_out(book: RenderedBook, paper: str, variant: str, write: WritePart, *, workers: int = 1,
            cache=None) -> PrintLayout:
    """Lay the book out part by part (see the module's docstring). `write` turns a laid-out
    part into PDF bytes; `cache` (a layout.partcache.LayoutCache) keeps parts between builds."""
    from dossierkit.layout.pool import lay_out_jobs

    parts = print_parts(book)
    plan = cache.plan() if cache is not None else Plan()
    done: dict[str, LaidPart] = {}
    laid_out: list[str] = []
    for round_ in range(1, MAX_ROUNDS + 1):
        jobs = _jobs(book, paper, variant, parts, plan, done, cache)
        if not jobs:
            layout = PrintLayout(book, [done[p.name] for p in parts], paper, variant, round_, laid_out)
            if cache is not None:
                cache.finish(Plan({part.name: part.pages for part in layout.parts}, _folios(done),
                                  fits={p.name: Fit(p.fit, p.shared, p.rescued) for p in layout.parts
                                        if p.shared or p.fit or p.rescued}))
            return layout
        languages = tuple(filter(None, {book.manifest.language, book.manifest.original_language}))
        for laid in lay_out_jobs(lambda job: lay_out_part(book, job, write), jobs, workers, languages):
            add_reads(laid.reads)
            done[laid.name] = laid
            laid_out.append(laid.name)
            if cache is not None:
                cache.put(laid)
    raise fail("the print layout", f"parts still moving after {MAX_ROUNDS} layouts: "
               + ", ".join(job.name for job in jobs), hint="rerun with --debug and report the traceback",
               code="B607")


def _folios(done: dict[str, LaidPart]) -> dict[str, str]:
    return {anchor: str(laid.page_of(anchor) + 1) for laid in done.values() for anchor in laid.ids}


def _jobs(book: RenderedBook, paper: str, variant: str, parts: list[PrintPart], plan: Plan,
          done: dict[str, LaidPart], cache) -> list[PartJob]:
    """The parts to lay out next. Each starts where the parts before it end (as laid out,
    else as planned, else after one page). A part holding the contents is laid out with
    the page numbers the others got, once they are all in place; while they are not, and
    no part has yet changed length, it is laid out beside them with the last layout's
    numbers (which then usually hold)."""
    from dossierkit.layout.partcache import part_key

    def job(part: PrintPart, first_page: int, folios: dict[str, str]) -> PartJob:
        # A chapter is fitted first as the last build settled it, which one pass then
        # usually confirms (copyfitting would otherwise take two or three every time).
        seed = plan.fits.get(part.name) if chapter_alone(book, part) else None
        fitted = seeded(book, part, seed) if seed else part
        html = part_html(book, paper, variant, fitted, first_page=first_page, folios=folios)
        return PartJob(part.name, html, first_page, part_key(html, paper, variant),
                       (paper, variant, part, folios), seed)

    def pages(part: PrintPart) -> int:
        laid = done.get(part.name)
        return laid.pages if laid is not None else plan.pages.get(part.name, 1)

    jobs, waiting, first_page = [], [], 0
    for part in parts:
        if part.has_contents:
            waiting.append((part, first_page))
        else:
            candidate = job(part, first_page, {})
            if not _reuse(candidate, done, cache):
                jobs.append(candidate)
        first_page += pages(part)
    if jobs:
        # The last layout's numbers are worth a try only while no part has changed length.
        if all(laid.pages == plan.pages.get(name) for name, laid in done.items()):
            for part, first_page in waiting:
                candidate = job(part, first_page, plan.folios)
                if part.name not in done and not _reuse(candidate, done, cache):
                    jobs.append(candidate)
        return jobs
    folios = _folios(done)
    for part, first_page in waiting:
        candidate = job(part, first_page, folios)
        if not _reuse(candidate, done, cache):
            jobs.append(candidate)
    return jobs


def _reuse(job: PartJob, done: dict[str, LaidPart], cache) -> bool:
    """Whether the job's part is laid out already: in this build, or in the cache."""
    laid = done.get(job.name)
    if laid is not None and laid.key == job.key:
        return True
    hit = cache.get(job.key) if cache is not None else None
    if hit is None or hit.name != job.name:
        return False
    add_reads(hit.reads)
    done[job.name] = hit
    return True


def cache_for(out_dir: Path | None, book: RenderedBook, paper: str, variant: str, *, read: bool = True):
    """The layout cache of an output folder for this book, paper and variant (None: no cache)."""
    if out_dir is None:
        return None
    from dossierkit.layout.partcache import LayoutCache

    namespace = f"{book.manifest.slug}\0{book.manifest.language}\0{paper}\0{variant}"
    return LayoutCache(out_dir, book.root, namespace, read=read)
