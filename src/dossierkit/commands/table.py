"""The table a build ends with: each output's path, size and number of pages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from dossierkit.errors import shown
from dossierkit.markup import OPF, OPS, XHTML, epub_package


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def epub_pages(path: Path) -> str:
    """Print pages when the EPUB has a page-list, otherwise its spine documents."""
    with zipfile.ZipFile(path) as archive:
        opf_path, package = epub_package(archive)
        base = opf_path.rpartition("/")[0]
        for item in package.iter(f"{{{OPF}}}item"):
            if "nav" in (item.get("properties") or "").split():
                nav = etree.fromstring(archive.read(f"{base}/{item.get('href')}" if base else item.get("href")))
                for element in nav.iter(f"{{{XHTML}}}nav"):
                    if element.get(f"{{{OPS}}}type") == "page-list":
                        return f"{len(element.findall(f'.//{{{XHTML}}}li'))} print pages"
        spine = package.find(f"{{{OPF}}}spine")
        return f"{len(spine)} documents"


def pages_of(path: Path) -> str:
    try:
        if path.suffix == ".pdf":
            return str(pdf_pages(path))
        if path.suffix == ".epub":
            return epub_pages(path)
    except Exception:  # noqa: BLE001 — a count is a courtesy; a broken file is verify's business
        return "?"
    return ""


def outputs_table(paths: list[Path]) -> list[tuple[str, str, str]]:
    return [(shown(p), f"{p.stat().st_size:,} bytes", pages_of(p)) for p in paths]


def print_table(rows: list[tuple[str, str, str]], *, rich: bool) -> None:
    header = ("output", "size", "pages")
    if rich:
        from rich.console import Console
        from rich.table import Table

        table = Table(*header, box=None, header_style="bold")
        table.columns[1].justify = "right"
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]}".rstrip())
