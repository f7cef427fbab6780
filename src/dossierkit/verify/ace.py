"""Ace by DAISY, the EPUB accessibility checker, when it is installed (npm @daisy/ace-cli)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
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


def find_ace() -> str | None:
    """Ace's command: on the PATH (`ace` or `ace-cli`), or installed by npm in `.ace/` here."""
    local = Path(".ace", "node_modules", ".bin", "ace-cli")
    return shutil.which("ace") or shutil.which("ace-cli") or (str(local.resolve()) if local.exists() else None)


def check(path: Path) -> Result:
    result = Result()
    ace = find_ace()
    if ace is None:
        result.skipped = True
        result.summary = "skipped: Ace is not installed (npm install -g @daisy/ace-cli)"
        return result
    env = dict(os.environ)
    # Ace drives a headless browser; npm installs made without one use the system's.
    if "PUPPETEER_EXECUTABLE_PATH" not in env and shutil.which("chromium"):
        env["PUPPETEER_EXECUTABLE_PATH"] = shutil.which("chromium")
    with tempfile.TemporaryDirectory(prefix="dossier-ace-") as out:
        run = subprocess.run([ace, "--silent", "--force", "--outdir", out, str(path)],
                             capture_output=True, env=env, check=False, timeout=900)
        report_file = Path(out, "report.json")
        if not report_file.exists():
            lines = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines()
            return result.error(f"Ace did not run: {lines[-1] if lines else 'no report'}")
        report = json.loads(report_file.read_text("utf-8"))
    for document in report.get("assertions", []):
        where = (document.get("earl:testSubject") or {}).get("url", "")
        for assertion in failed_assertions(document.get("assertions", [])):
            test = assertion.get("earl:test", {})
            severity = SEVERITIES.get(test.get("earl:impact"), "warning")
            description = " ".join(str(assertion.get("earl:result", {}).get("dct:description", "")).split())
            getattr(result, severity)(f"{test.get('dct:title', '?')}{' in ' + where if where else ''}"
                                      f"{': ' + description if description else ''}")
    outcome = report.get("earl:result", {}).get("earl:outcome", "?")
    result.summary = f"Ace: {outcome}; {len(result.errors)} errors, {len(result.warnings)} warnings"
    return result
