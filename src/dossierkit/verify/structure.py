"""PDF structure (pikepdf/qpdf): the file parses, its cross-references hold, it has pages and a title."""

from __future__ import annotations

from pathlib import Path

from dossierkit.verify import Result


def check(path: Path) -> Result:
    import pikepdf

    result = Result()
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        return result.error(f"not a readable PDF: {str(exc).splitlines()[0]}")
    with pdf:
        for problem in pdf.check_pdf_syntax():
            result.error(f"qpdf: {problem}")
        pages = len(pdf.pages)
        if not pages:
            result.error("the PDF has no pages")
        title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
        if not title:
            result.warning("no document title in the metadata (readers show the file name)")
        with pdf.open_outline() as outline:
            if not outline.root:
                result.warning("no outline (bookmarks): readers cannot jump to chapters")
            entries = len(outline.root)
    result.summary = f"{pages} pages, {entries} top-level bookmarks"
    return result
