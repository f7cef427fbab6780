"""PDF/UA (PyPI's `pdfua` checker): errors fail a PDF that claims PDF/UA; others are reported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dossierkit.verify import Result


def claims_pdfua(path: Path) -> bool:
    """Whether the PDF declares PDF/UA conformance (pdfuaid:part in its XMP metadata)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        try:
            meta = pdf.open_metadata()
        except Exception:  # noqa: BLE001 — unreadable metadata claims nothing
            return False
        return bool(meta.get("pdfuaid:part"))


def check(path: Path) -> Result:
    import pdfua

    result = Result()
    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as exc:
        return result.error(f"the PDF/UA checker cannot read it: {exc}")
    claimed = claims_pdfua(path)
    errors = Counter()
    warnings = Counter()
    first: dict[str, str] = {}
    for finding in report.findings:
        bucket = errors if finding.severity is pdfua.Severity.ERROR else warnings
        bucket[finding.rule_id] += 1
        first.setdefault(finding.rule_id, finding.message)
    # A PDF that does not claim PDF/UA (a press or archive variant) is not held to it:
    # its findings are shown but do not fail verification.
    for rule, count in sorted(errors.items()):
        times = f" ({count}×)" if count > 1 else ""
        if claimed:
            result.error(f"{rule}{times}: {first[rule]}")
        else:
            result.warning(f"{rule}{times}: {first[rule]}")
    for rule, count in sorted(warnings.items()):
        times = f" ({count}×)" if count > 1 else ""
        result.warning(f"{rule}{times}: {first[rule]}")
    claim = "claims PDF/UA-1" if claimed else "does not claim PDF/UA (errors count as warnings)"
    result.summary = (f"{claim}; {sum(errors.values())} errors, {sum(warnings.values())} warnings "
                      f"from {len(report.outcomes)} rules")
    return result
