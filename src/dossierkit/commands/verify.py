"""`dossier verify`: run the conformance checks over outputs and print the report."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import typer

from dossierkit.errors import fail, shown


def run_verify(files: list[Path] | None, project_dir: Path, *, only: list[str] | None = None,
               json_output: bool = False, quiet: bool = False) -> bool:
    """Check the files (default: the dossier's own outputs); True when no check failed."""
    from dossierkit.verify import CHECKS, verify

    unknown = [name for name in only or [] if name not in CHECKS]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(CHECKS), n=1)
        raise fail("--only", f"unknown check '{unknown[0]}'",
                   hint=f"did you mean '{close[0]}'?" if close else "one of " + ", ".join(CHECKS))
    paths = list(files) if files else default_outputs(project_dir)
    for path in paths:
        if not path.is_file():
            raise fail(str(path), "no such file", hint="build the dossier first with dossier build")
        if path.suffix not in (".pdf", ".epub"):
            raise fail(str(path), "not a PDF or EPUB", hint="give .pdf and .epub files")

    def show(result) -> None:
        if json_output:
            return
        status = "skip" if result.skipped else "FAIL" if result.errors else "ok"
        if not quiet or result.errors:
            typer.echo(f"{status:<4}  {result.check:<13} {result.file}: {result.summary}")
        for finding in result.findings:
            if finding.severity == "error" or not quiet:
                typer.echo(f"      {finding.severity}: {finding.message}")

    report = verify(paths, only=only, on_result=show)
    if json_output:
        import json

        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif not quiet or not report.ok:
        verdict = "ok" if report.ok else "failed"
        typer.echo(f"verify {verdict}: {report.errors} errors, {report.warnings} warnings "
                   f"in {len(paths)} file{'s' if len(paths) != 1 else ''}")
    return report.ok


def default_outputs(project_dir: Path) -> list[Path]:
    """Every PDF and EPUB of the dossier in its output folder: each edition, paper and
    variant `dossier build` has written there, not only those the manifest names."""
    from dossierkit.source.manifest import load_manifest

    manifest, _ = load_manifest(project_dir.resolve())
    out = project_dir / manifest.output.out_dir
    # <slug>[-variant][.paper][.language].<pdf|epub>, as options.output_name writes them.
    named = re.compile(rf"^{re.escape(manifest.slug)}(?:-[a-z]+)?(?:\.[a-z][a-z0-9-]*)*\.(?:pdf|epub)$")
    found = sorted(p for p in out.glob(f"{manifest.slug}*") if p.is_file() and named.match(p.name))
    if not found:
        raise fail(shown(out), "no PDF or EPUB of the dossier here",
                   hint="build the dossier first with dossier build")
    return found
