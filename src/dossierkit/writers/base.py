"""What every writer shares: the Writer interface and the BuildContext it reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from dossierkit.layout import PrintLayout
from dossierkit.options import output_name
from dossierkit.render.book import RenderedBook

Progress = Callable[[str], None]


def no_progress(stage: str) -> None:
    pass


@dataclass
class BuildContext:
    """What writers read: the rendered book, the print options, and the shared layout."""

    book: RenderedBook
    paper: str
    variants: tuple[str, ...]
    progress: Progress = no_progress
    # What the output names carry besides the slug: a paper other than the manifest's, and
    # the language of an edition other than the dossier's own (see options.output_name).
    paper_in_name: str | None = None
    language_in_name: str | None = None
    # Layout workers (None: one per core) and the output folder whose layout cache to use
    # (None: none); `reuse_layouts` False lays every part out again, refreshing the cache.
    workers: int | None = None
    layout_cache: Path | None = None
    reuse_layouts: bool = True
    _layouts: dict[str, PrintLayout] = field(default_factory=dict)
    # PDF bytes by variant, once written (the PDF writer fills it; the EPUB's cover reuses it).
    written: dict[str, bytes] = field(default_factory=dict)

    def layout(self, variant: str = "screen") -> PrintLayout:
        """The print layout of a variant, laid out once however many writers ask for it.

        Each variant gets its own: PDF/A output intents would leak into another variant's
        write of a shared WeasyPrint document.
        """
        if variant not in self._layouts:
            from dossierkit.layout import cache_for, lay_out
            from dossierkit.layout.pool import default_workers
            from dossierkit.writers.pdfpart import part_writer

            self.progress("layout")
            cache = cache_for(self.layout_cache, self.book, self.paper, variant, read=self.reuse_layouts)
            self._layouts[variant] = lay_out(self.book, self.paper, variant, part_writer(self.book, variant),
                                             workers=self.workers or default_workers(), cache=cache)
        return self._layouts[variant]

    def output_name(self, format: str, variant: str = "screen") -> str:
        return output_name(self.book.manifest.slug, format, variant=variant,
                           paper=self.paper_in_name, language=self.language_in_name)

    def cover_pdf(self) -> bytes:
        """The screen edition's first page as a PDF, for the EPUB's cover."""
        return self.written.get("screen") or self.layout("screen").first_page_pdf()


class Writer(Protocol):
    name: str  # the --format value

    def write(self, context: BuildContext) -> dict[str, bytes]:
        """Produce every file of the format in memory, by file name; the caller places them."""
