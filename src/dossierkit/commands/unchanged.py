"""`dossier build` with nothing to do, answered from the build cache before the command line
is parsed: Typer's parameter coercion imports pydantic, which cost half of such a run."""

from __future__ import annotations

import sys
from pathlib import Path

QUIET = ("--quiet", "-q")


def plain_build(argv: list[str]) -> tuple[Path, bool] | None:
    """The project and --quiet of a command line `build [PROJECT_DIR] [--quiet]`, the one
    this answers; None for any other (the full command line takes those)."""
    if not argv or argv[0] != "build":
        return None
    folders = [arg for arg in argv[1:] if arg not in QUIET]
    if len(folders) > 1 or any(arg.startswith("-") for arg in folders):
        return None
    return Path(folders[0] if folders else "."), len(folders) < len(argv) - 1


def answered(argv: list[str]) -> bool:
    """True when `argv` is a plain `dossier build` of a dossier whose outputs are all up to
    date: their table (and the warnings of the build that made them) have then been shown
    as `dossier build` shows them. False, having shown nothing, in every other case."""
    plain = plain_build(argv)
    if plain is None:
        return False
    project, quiet = plain
    from dossierkit.commands.executor import cluster_address

    if cluster_address(None):
        return False  # built on the cluster, as asked
    try:
        from dossierkit.cache import reuse
        from dossierkit.options import BuildOptions

        warnings = []
        results = reuse(project, BuildOptions(), warn=warnings.append)
    except KeyboardInterrupt as interrupt:  # as the full command line says it
        from dossierkit.transaction import interrupted

        print(interrupted(interrupt), file=sys.stderr)
        raise SystemExit(130) from None
    except Exception:  # noqa: BLE001 — the full command line reports it, with --debug
        return False
    if results is None:
        return False
    from dossierkit.commands.report import show_outputs, warner

    for problem in warnings:
        warner(quiet)(problem)
    show_outputs([built.path for built in results], quiet=quiet)
    return True
