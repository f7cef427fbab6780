"""Reading outputs for the checks: a PDF's text per page and an EPUB's documents in reading order."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from dossierkit.markup import OPF, OPS, XHTML, epub_package

# A word broken at a line's end: the hyphen (as PDFium reports it) and the line break go.
_BREAK = re.compile(r"[\u2010\u00ad\ufffe\u2011-]\r?\n")
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    """Lower-case words of letters only: note numbers and folios stuck to words fall away."""
    return [w.lower() for w in _WORD.findall(_BREAK.sub("", text))]


def compact(text: str) -> str:
    """Letters only, lower case: for finding a phrase however lines and hyphens fell."""
    return "".join(words(text))


def pdf_page_texts(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def pdf_page_labels(path: Path) -> list[str]:
    """The number printed on each page as the PDF labels it (1, 2, … without /PageLabels)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [str(page.label) for page in pdf.pages]


@dataclass
class EpubDocument:
    href: str  # path inside the archive
    root: etree._Element

    def body_text(self) -> str:
        body = self.root.find(f"{{{XHTML}}}body")
        return " ".join((body if body is not None else self.root).itertext())


@dataclass
class Epub:
    spine: list[EpubDocument]  # reading order, the navigation document left out
    nav: EpubDocument | None

    def document(self, href: str) -> EpubDocument | None:
        return next((d for d in self.spine if d.href == href), None)

    def page_list(self) -> list[tuple[str, str]]:
        """(label, target href in the archive) for each page-list entry, in order."""
        if self.nav is None:
            return []
        base = PurePosixPath(self.nav.href).parent
        for nav in self.nav.root.iter(f"{{{XHTML}}}nav"):
            if nav.get(f"{{{OPS}}}type") == "page-list":
                return [(" ".join("".join(a.itertext()).split()),
                         str(_normalise(base / a.get("href", ""))))
                        for a in nav.iter(f"{{{XHTML}}}a")]
        return []


def _normalise(path: PurePosixPath) -> PurePosixPath:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            parts.pop() if parts else None
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def read_epub(path: Path) -> Epub:
    with zipfile.ZipFile(path) as archive:
        opf_path, package = epub_package(archive)
        base = PurePosixPath(opf_path).parent
        items = {item.get("id"): item for item in package.iter(f"{{{OPF}}}item")}
        nav_item = next((i for i in items.values()
                         if "nav" in (i.get("properties") or "").split()), None)

        def load(item) -> EpubDocument:
            href = str(_normalise(base / item.get("href")))
            return EpubDocument(href, etree.fromstring(archive.read(href)))

        spine = [load(items[ref.get("idref")])
                 for ref in package.find(f"{{{OPF}}}spine").iter(f"{{{OPF}}}itemref")
                 if items[ref.get("idref")] is not nav_item]
        return Epub(spine, load(nav_item) if nav_item is not None else None)
