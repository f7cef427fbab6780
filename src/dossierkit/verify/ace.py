"""Ace by DAISY, the EPUB accessibility checker, when its command `ace` is installed (npm @daisy/ace-cli)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from dossierkit.verify import Result

# Ace grades each failed test by impact, as axe does.
SEVERITIES = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "warning"}


def failed_assertions(node) -> list[dict]:
    """Every failed test anywhere in Ace's EARL report (assertions nest per document)."""
    found = []
    if isinstance(node, dict):
        outcome = (node.get("earl:result") or {}).get("earl:outcome")
        if "earl:test" in node and outcome == "fail":
            found.append(node)
        for value in node.values():
            found += failed_assertions(value)
    elif isinstance(node, list):
        for value in node:
            found += failed_assertions(value)
    return found


def check(path: Path) -> Result:
    result = Result()
    ace = shutil.which("ace")
    if ace is None:
        result.skipped = True
        result.summary = "skipped: Ace is not installed (npm install -g @daisy/ace-cli)"
        return result
    # Without --outdir Ace prints its JSON report on standard output.
    run = subprocess.run([ace, "--silent", str(path)], capture_output=True, check=False, timeout=900)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        lines = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines()
        return result.error(f"Ace did not run: {lines[-1] if lines else 'no output'}")
    for assertion in failed_assertions(report.get("assertions", [])):
        test = assertion.get("earl:test", {})
        severity = SEVERITIES.get(test.get("earl:impact"), "warning")
        where = assertion.get("earl:testSubject", {}).get("url") or ""
        title = test.get("dct:title", "?")
        description = test.get("dct:description", "").strip()
        getattr(result, severity)(f"{title}{' in ' + where if where else ''}: {description}")
    outcome = report.get("earl:result", {}).get("earl:outcome", "?")
    result.summary = f"Ace: {outcome}; {len(result.errors)} errors, {len(result.warnings)} warnings"
    return result
