"""`dossier editions`: one PDF and one EPUB per recipient, stamped onto a book laid out once
per group of recipients who see the same quotations, plus a list of what was made."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import as_completed
from pathlib import Path

import typer

from dossierkit.errors import DossierError, shown

LIST_NAME = "editions.json"
EDITIONS_DIR = "editions"


def run_editions(project: Path, recipients_file: Path, *, out: Path | None = None, strict: bool = False,
                 quiet: bool = False, cluster: str | None = None, workers: int | None = None) -> list[Path]:
    """Make every recipient's edition; the paths written, the list of editions last."""
    from dossierkit.commands.report import warner
    from dossierkit.editions.plan import groups, plan
    from dossierkit.editions.recipients import load_recipients
    from dossierkit.source.loader import load_dossier

    warn = warner(quiet)
    recipients = load_recipients(recipients_file, shown(recipients_file))
    dossier = load_dossier(project, strict=strict)
    for problem in dossier.warnings:
        warn(problem)
    planned, problems = plan(dossier, recipients, shown(recipients_file), strict=strict)
    for problem in problems:
        warn(problem)
    target = out if out is not None else dossier.root / dossier.manifest.output.out_dir / EDITIONS_DIR
    from dossierkit.atomic import prepare_out_dir
    from dossierkit.commands.executor import executor

    workers = max(1, workers or os.cpu_count() or 1)
    with executor(workers, cluster) as pool:
        prepare_out_dir(target, shown(target))
        bases = _lay_out(pool, dossier.root, groups(planned), strict, warn)
        entries = _stamp_all(pool, planned, bases, target, workers, quiet)
    listing = {"dossier": dossier.manifest.slug, "identifier": dossier.manifest.identifier,
               "editions": [entries[edition.stem] for edition in planned]}
    from dossierkit.atomic import write_atomically

    write_atomically(target / LIST_NAME, (json.dumps(listing, indent=1, ensure_ascii=False) + "\n").encode(),
                     f"{shown(target)}/{LIST_NAME}")
    return [target / f["name"] for edition in planned for f in entries[edition.stem]["files"]] + [
        target / LIST_NAME]


def _lay_out(pool, root: Path, grouped: dict, strict: bool, warn) -> dict:
    """Each group's book, laid out once on a worker; any failure stops the run before an
    edition is written."""
    from dossierkit.cache import out_dir_of
    from dossierkit.editions.base import base_job, base_of
    from dossierkit.jobs import internal, pack
    from dossierkit.options import BuildOptions

    bundle = pack(root, shown(root), skip=out_dir_of(root, BuildOptions()))
    futures = {pool.submit(base_job, bundle, language, left_out, strict): (language, left_out)
               for language, left_out in grouped}
    bases, problems = {}, []
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 — the worker died (killed, out of memory, lost)
            raise DossierError(internal(f"the layout process died: {exc}")) from None
        problems += [p for p in result.problems if p not in problems]
        if result.ok:
            bases[futures[future]] = base_of(result)
    if any(p.is_error for p in problems):
        raise DossierError(*problems)
    seen = set()
    for problem in problems:  # every group met the same warnings: say each once
        if problem not in seen:
            seen.add(problem)
            warn(problem)
    return bases


def _stamp_all(pool, planned: list, bases: dict, target: Path, workers: int, quiet: bool) -> dict:
    """Stamp every recipient's copy, a few at a time so memory does not grow with the
    number of recipients, and place each file as it comes back."""
    from dossierkit.editions import stamp_job
    from dossierkit.editions.font import StampFont
    from dossierkit.editions.texts import stamp_of

    stamps = {edition.stem: stamp_of(edition.recipient, edition.embargo) for edition in planned}
    font = StampFont("".join(sorted({ch for s in stamps.values() for ch in s.margin + "".join(s.full)})))
    from dossierkit.editions.pdfstamp import pdf_template

    # Each group's PDF with the stamp's objects laid in once; a copy is an update to it.
    templates = {book: pdf_template(base.pdf, font, base.titlepage) for book, base in bases.items()}
    entries: dict[str, dict] = {}
    waiting = list(planned)
    running: dict = {}
    while waiting or running:
        while waiting and len(running) < 2 * workers:
            edition = waiting.pop(0)
            base = bases[edition.book]
            running[pool.submit(stamp_job, templates[edition.book], base.epub, stamps[edition.stem],
                                font)] = edition
        future = next(as_completed(running))
        edition = running.pop(future)
        entries[edition.stem] = _place(edition, stamps[edition.stem], future.result(), target)
        if not quiet:
            typer.echo(f"edition: {edition.stem} [{len(entries)} of {len(planned)} done]", err=True)
    return entries


def _place(edition, stamp, outputs: tuple[bytes, bytes], target: Path) -> dict:
    from dossierkit.atomic import write_atomically

    files = []
    for suffix, data in zip(("pdf", "epub"), outputs):
        name = f"{edition.stem}.{suffix}"
        write_atomically(target / name, data, f"{shown(target)}/{name}")
        files.append({"name": name, "format": suffix, "size": len(data),
                      "sha256": hashlib.sha256(data).hexdigest()})
    recipient = edition.recipient
    return {"recipient": {"name": recipient.name, "outlet": recipient.outlet, "email": recipient.email,
                          "language": recipient.language},
            "embargo": stamp.embargo, "edition": edition.language,
            "left_out_quotes": [f"{review}#{index}" for review, index in sorted(edition.left_out)],
            "files": files}


def editions_command(paths: list[Path], **options) -> None:
    """`dossier editions [PROJECT_DIR] RECIPIENTS`: the folder may be left out."""
    from dossierkit.commands.report import show_outputs
    from dossierkit.errors import fail

    if len(paths) > 2:
        raise fail("RECIPIENTS", "give one dossier and one recipients file",
                   hint="dossier editions [PROJECT_DIR] RECIPIENTS")
    project, recipients = (Path("."), paths[0]) if len(paths) == 1 else paths
    written = run_editions(project, recipients, **options)
    show_outputs(written[:-1], quiet=options.get("quiet", False))
