"""`dossier build`: one dossier through the pipeline (the cache asked first), or several at once."""

from __future__ import annotations

from pathlib import Path

import typer

from dossierkit.commands.report import show_outputs, warner
from dossierkit.errors import fail, shown
from dossierkit.options import BuildOptions


def run_build(projects: list[Path], options: BuildOptions, *, quiet: bool = False) -> bool:
    """Build each project; True when every one was built."""
    if len(projects) > 1:
        return _build_batch(projects, options, quiet)
    from dossierkit.cache import reuse

    warn = warner(quiet)
    # Asked first, before the pipeline (and WeasyPrint, pydantic…) is imported.
    results = reuse(projects[0], options, warn=warn)
    if results is None:
        from dossierkit.build import build
        from dossierkit.commands.progress import make_progress

        with make_progress(quiet) as progress:
            results = build(projects[0], options, progress, warn=warn)
    show_outputs([b.path for b in results], quiet=quiet)
    return True


def _build_batch(projects: list[Path], options: BuildOptions, quiet: bool) -> bool:
    """Build several dossiers at once; report each one's outputs or problems, prefixed by
    the dossier."""
    from dossierkit.commands.batch import build_many

    if options.out_dir is not None:
        raise fail("--out", "cannot be used with several dossiers",
                   hint="leave it out: each dossier builds into its own out_dir")

    def done(outcome) -> None:
        name = shown(outcome.project)
        for problem in outcome.problems:
            if problem.is_error or not quiet:
                typer.echo(problem.report().replace(": ", f": {name}: ", 1), err=True)
        if not quiet:
            typer.echo(f"{'built' if outcome.ok else 'failed'}: {name}", err=True)

    outcomes = build_many(projects, options, done=done)
    built = [b.path for outcome in outcomes for b in outcome.built]
    if built:
        show_outputs(built, quiet=quiet)
    return all(outcome.ok for outcome in outcomes)
