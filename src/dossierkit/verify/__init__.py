"""`dossier verify`: one conformance report over a dossier's outputs, one module per check."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path

# Module and the kind of input each check reads: one PDF, one EPUB, or a PDF with its EPUB.
CHECKS = {
    "pdf-structure": ("structure", "pdf"),
    "fonts": ("fonts", "pdf"),
    "preflight": ("preflight", "pdf"),
    "pdf-ua": ("pdfua", "pdf"),
    "epubcheck": ("epubcheck", "epub"),
    "ace": ("ace", "epub"),
    "page-list": ("pagelist", "pair"),
    "text": ("text", "pair"),
}


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    message: str


@dataclass
class Result:
    """What one check found in one file (or pair of files)."""

    check: str = ""
    file: str = ""
    summary: str = ""
    findings: list[Finding] = field(default_factory=list)
    skipped: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def error(self, message: str) -> Result:
        self.findings.append(Finding("error", message))
        return self

    def warning(self, message: str) -> Result:
        self.findings.append(Finding("warning", message))
        return self


@dataclass
class Report:
    files: list[str]
    results: list[Result]

    @property
    def errors(self) -> int:
        return sum(len(r.errors) for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(len(r.warnings) for r in self.results)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def to_json(self) -> dict:
        return {"ok": self.ok, "errors": self.errors, "warnings": self.warnings,
                "files": self.files, "results": [asdict(r) for r in self.results]}


def _shown(path: Path) -> str:
    from dossierkit.errors import shown

    return shown(path)


def pairs(files: list[Path]) -> list[tuple[Path, Path]]:
    """Each EPUB with the PDF of the same name: the screen edition and its e-book."""
    pdfs = {p.with_suffix(""): p for p in files if p.suffix == ".pdf"}
    return [(pdfs[e.with_suffix("")], e) for e in files
            if e.suffix == ".epub" and e.with_suffix("") in pdfs]


def verify(files: list[Path], *, only: list[str] | None = None, on_result=None) -> Report:
    """Run every check that applies to the files; `on_result` sees each result as it comes."""
    results = []

    def record(result: Result) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    for name, (module, kind) in CHECKS.items():
        if only and name not in only:
            continue
        run = import_module(f"dossierkit.verify.{module}").check
        if kind == "pair":
            targets = [(pdf, epub) for pdf, epub in pairs(files)]
            for pdf, epub in targets:
                record(_run(run, name, f"{_shown(pdf)} + {_shown(epub)}", pdf, epub))
        else:
            for path in (p for p in files if p.suffix == f".{kind}"):
                record(_run(run, name, _shown(path), path))
    return Report([_shown(p) for p in files], results)


def _run(run, name: str, shown: str, *paths: Path) -> Result:
    try:
        result = run(*paths)
    except Exception as exc:  # noqa: BLE001 — one broken file must not hide the other checks
        result = Result().error(f"could not be checked: {type(exc).__name__}: {exc}")
    result.check, result.file = name, shown
    return result
