"""The pipeline: load and validate, render once, let each writer produce bytes, then place them."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from dossierkit.cache import CACHE_NAME, CacheKey, record_bytes, recorded_outputs, reuse
from dossierkit.errors import Problem
from dossierkit.errors import shown as shown_path
from dossierkit.forked import in_child
from dossierkit.options import BuildOptions, Built
from dossierkit.render.book import RenderedBook, render_book
from dossierkit.source.files import recording_reads
from dossierkit.source.loader import load_dossier
from dossierkit.transaction import OutFolder
from dossierkit.writers import BuildContext, get_writer
from dossierkit.writers.base import Progress, no_progress

# Stages a progress display can show, in the order a full build passes them.
STAGES = ("load", "render", "layout", "pdf", "epub", "write")

Warn = Callable[[Problem], None]


def _log_warning(problem: Problem) -> None:
    logging.getLogger("dossierkit").warning("%s", problem)


def load_and_render(project: Path, progress: Progress = no_progress, *, strict: bool = False,
                    warn: Warn = _log_warning) -> RenderedBook:
    progress("load")
    dossier = load_dossier(project, strict=strict)
    for problem in dossier.warnings:
        warn(problem)
    progress("render")
    return render_book(dossier)


def build(project: Path, options: BuildOptions = BuildOptions(),
          progress: Progress = no_progress, warn: Warn = _log_warning, *,
          ask_cache: bool = True) -> list[Built]:
    """Build every edition the manifest declares (or the one `options.language` names),
    each in every format asked for; nothing is placed until all are produced, and then
    all at once. The cache is asked first unless the caller has just asked it."""
    reused = reuse(project, options, warn) if ask_cache else None
    if reused is not None:
        return reused
    key = CacheKey.of(options)

    with recording_reads() as reads:
        warnings: list[Problem] = []

        def keep(problem: Problem) -> None:
            # Each edition loads the same files: a warning is said once.
            if problem not in warnings:
                warnings.append(problem)
                warn(problem)

        progress("load")
        first = load_dossier(project, strict=options.strict)
        for problem in first.warnings:
            keep(problem)
        manifest = first.manifest
        languages = [options.language] if options.language else manifest.edition_languages
        output = manifest.output
        paper = options.paper or output.paper
        books = []
        for language in languages:
            dossier = first if language == manifest.language else _edition(project, options,
                                                                            language, keep)
            progress("render")
            books.append((None if language == manifest.language else language, render_book(dossier)))
        # Only a dossier that rendered gets an output folder.
        target = options.out_dir if options.out_dir is not None else first.root / output.out_dir
        with OutFolder(target, shown_path(target), warn) as folder:
            produced = []
            for edition, book in books:
                context = BuildContext(book, paper, tuple(options.variants or output.variants),
                                       progress, paper_in_name=None if paper == output.paper else paper,
                                       language_in_name=edition, workers=options.workers,
                                       layout_cache=target, reuse_layouts=not options.force)
                produced += [(name, filename, data, edition) for name, filename, data in
                             _produce(context, list(options.formats or output.formats))]
            progress("write")
            # Every output is produced before any is placed, and all are placed at once: a
            # failing writer, a full disk or Ctrl-C leaves the earlier set as it was.
            files = {filename: data for _name, filename, data, _edition in produced}
            files[CACHE_NAME] = record_bytes(first.root, target, key, reads,
                                             [(n, f, d) for n, f, d, _ in produced], warnings)
            folder.place(files, replaceable(target, options.out_dir is None, reads))
    return [Built(name, target / filename, len(data), language=edition)
            for name, filename, data, edition in produced]


def replaceable(target: Path, own_folder: bool, reads: set[Path]):
    """Which existing files the outputs may replace: never a source of the dossier;
    in the manifest's own out_dir (inside the project) any output's name; in a folder
    given with --out only what the last build there recorded as its own."""
    sources = {path.resolve() for path in reads}
    owned = recorded_outputs(target)

    def allowed(name: str, path: Path) -> bool | None:
        if path.resolve() in sources:
            return None  # a source file: never, whatever its bytes
        return own_folder or name == CACHE_NAME or name in owned

    return allowed


def _edition(project: Path, options: BuildOptions, language: str, keep: Warn):
    dossier = load_dossier(project, strict=options.strict, language=language)
    for problem in dossier.warnings:
        keep(problem)
    return dossier


def _produce(context: BuildContext, formats: list[str]) -> list[tuple[str, str, bytes]]:
    """Run the writers; with the PDF and another format, write the PDF in a forked
    process while this one writes the others, both from the layout made once here."""
    produced = []
    parallel = "pdf" in formats and len(formats) > 1 and hasattr(os, "fork")
    if parallel:
        if "epub" in formats or "screen" in context.variants:
            context.layout("screen")  # laid out once, before the fork, for both processes
        context.progress("pdf")
        with in_child(lambda: get_writer("pdf").write(context), "PDF") as pdf_files:
            for name in formats:
                if name != "pdf":
                    context.progress(name)
                    produced += [(name, f, d) for f, d in get_writer(name).write(context).items()]
        return [("pdf", f, d) for f, d in pdf_files().items()] + produced
    for name in formats:
        context.progress(name)
        produced += [(name, f, d) for f, d in get_writer(name).write(context).items()]
    return produced
