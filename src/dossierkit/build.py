"""The pipeline: load and validate, render once, let each writer produce bytes, then place them."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from dossierkit.atomic import prepare_out_dir, write_atomically
from dossierkit.cache import CacheKey, record_build, reuse
from dossierkit.errors import Problem
from dossierkit.errors import shown as shown_path
from dossierkit.forked import in_child
from dossierkit.options import BuildOptions, Built
from dossierkit.render.book import RenderedBook, render_book
from dossierkit.source.files import recording_reads
from dossierkit.source.loader import load_dossier
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
          progress: Progress = no_progress, warn: Warn = _log_warning) -> list[Built]:
    """Build every edition the manifest declares (or the one `options.language` names),
    each in every format asked for; nothing is placed until all are produced."""
    reused = reuse(project, options, warn)
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
        shown = shown_path(target)
        prepare_out_dir(target, shown)
        produced = []
        for edition, book in books:
            context = BuildContext(book, paper, tuple(options.variants or output.variants), progress,
                                   paper_in_name=None if paper == output.paper else paper,
                                   language_in_name=edition)
            # Every output is produced before any is placed: a failing writer leaves
            # the previous build untouched.
            produced += [(name, filename, data, edition) for name, filename, data in
                         _produce(context, list(options.formats or output.formats), target)]
    progress("write")
    results = []
    for name, filename, data, edition in produced:
        path = target / filename
        # A writer may place files in sub-folders (the HTML writer's stylesheets and fonts).
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data, f"{shown}/{filename}")
        results.append(Built(name, path, len(data), language=edition))
    record_build(first.root, target, key, reads,
                 {filename: (name, data) for name, filename, data, _ in produced}, warnings)
    return results


def _edition(project: Path, options: BuildOptions, language: str, keep: Warn):
    dossier = load_dossier(project, strict=options.strict, language=language)
    for problem in dossier.warnings:
        keep(problem)
    return dossier


def _produce(context: BuildContext, formats: list[str],
             scratch: Path) -> list[tuple[str, str, bytes]]:
    """Run the writers; with the PDF and another format, write the PDF in a forked
    process while this one writes the others, both from the layout made once here."""
    produced = []
    parallel = "pdf" in formats and len(formats) > 1 and hasattr(os, "fork")
    if parallel:
        if "epub" in formats or "screen" in context.variants:
            context.layout("screen")  # laid out once, before the fork, for both processes
        context.progress("pdf")
        with in_child(lambda: get_writer("pdf").write(context), scratch, "PDF") as pdf_files:
            for name in formats:
                if name != "pdf":
                    context.progress(name)
                    produced += [(name, f, d) for f, d in get_writer(name).write(context).items()]
        return [("pdf", f, d) for f, d in pdf_files().items()] + produced
    for name in formats:
        context.progress(name)
        produced += [(name, f, d) for f, d in get_writer(name).write(context).items()]
    return produced
