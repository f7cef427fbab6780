"""`dossier build`: one dossier through the pipeline (the cache asked first), or several at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer

from dossierkit.commands.report import show_outputs, warner
from dossierkit.errors import fail, shown
from dossierkit.options import BuildOptions


def run_build(projects: list[Path], options: BuildOptions, *, quiet: bool = False,
              cluster: str | None = None) -> bool:
    """Build each project; True when every one was built. Several projects, or any number
    on a cluster, are built as jobs of an executor."""
    from dossierkit.commands.executor import cluster_address

    if len(projects) > 1 or cluster_address(cluster):
        return _build_batch(projects, options, quiet, cluster)
    from dossierkit.cache import reuse

    warn = warner(quiet)
    # Asked first, before the pipeline (and WeasyPrint, pydantic…) is imported.
    results = reuse(projects[0], options, warn=warn)
    if results is None:
        from dossierkit.build import build
        from dossierkit.commands.progress import make_progress

        with make_progress(quiet) as progress:
            # The cache was asked (and has said its warnings): the build need not ask again.
            results = build(projects[0], options, progress, warn=warn, ask_cache=False)
    show_outputs([b.path for b in results], quiet=quiet)
    return True


def _build_batch(projects: list[Path], options: BuildOptions, quiet: bool,
                 cluster: str | None) -> bool:
    """Build several dossiers at once; report each one's outputs or problems, prefixed by
    the dossier, with the count of jobs done and failed; end with the failures."""
    from dossierkit.commands.batch import build_many

    if options.out_dir is not None and len(projects) > 1:
        raise fail("--out", "cannot be used with several dossiers",
                   hint="leave it out: each dossier builds into its own out_dir")

    count = {"done": 0, "failed": 0}

    def done(outcome) -> None:
        name = shown(outcome.project)
        count["done" if outcome.ok else "failed"] += 1
        for problem in outcome.problems:
            if problem.is_error or not quiet:
                typer.echo(problem.report().replace(": ", f": {name}: ", 1), err=True)
        if not quiet:
            typer.echo(f"{'built' if outcome.ok else 'failed'}: {name} "
                       f"[{count['done']} done, {count['failed']} failed of {len(projects)}]", err=True)

    # One layout worker per build: the builds themselves run one per core.
    outcomes = build_many(projects, replace(options, workers=options.workers or 1), cluster=cluster, done=done)
    built = [b.path for outcome in outcomes for b in outcome.built]
    if built:
        show_outputs(built, quiet=quiet)
    failures = [outcome for outcome in outcomes if not outcome.ok]
    for outcome in failures:
        first = next(p for p in outcome.problems if p.is_error)
        typer.echo(f"failed: {shown(outcome.project)}: {first.report()}", err=True)
    return not failures
