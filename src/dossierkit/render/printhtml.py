"""The print edition's HTML: cover, title page, contents and chapters with their notes at
the page foot, as one document for WeasyPrint (the PDF, the HTML export and the preview)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from dossierkit import __version__
from dossierkit.render.book import RenderedBook
from dossierkit.render.breaks import protect_capitalised
from dossierkit.render.covers import back_cover, front_cover
from dossierkit.render.pagenotes import notes_to_footnotes
from dossierkit.render.quotes import curl
from dossierkit.source.files import remember_absent


@dataclass(frozen=True)
class Adjustments:
    """What one layout asks of the next (layout.copyfit): shared note calls, fitted chapters."""

    shared_notes: frozenset[str] | None = None  # None: calls in one block share a note
    fits: dict[str, str] = field(default_factory=dict)  # chapter slug -> fit class
    # Page-foot notes WeasyPrint 70 dropped (it can, when it moves the line of their call
    # to the next page): set again with footnote-policy: block (class `rescued`).
    rescued: frozenset[str] = frozenset()

    def __hash__(self) -> int:
        return hash((self.shared_notes, tuple(sorted(self.fits.items())), self.rescued))


@dataclass(frozen=True)
class PrintSection:
    """One top-level piece of the print body: the cover, a part of the book, the contents."""

    slug: str  # the part's slug, or "cover" / "contents"
    kind: str  # the part's kind ("front", "chapter", ...), or "cover" / "contents"
    html: str


def print_html(book: RenderedBook, paper: str = "a4", variant: str = "screen",
               adjust: Adjustments | None = None) -> str:
    """The complete HTML document WeasyPrint lays out: cover, title page, contents, chapters.

    Paper and variant are classes on the root element and may name stylesheets
    ("styles/paper-{paper}.css"), so one stylesheet set serves all of them. `adjust`: what
    copyfitting settled on for the chapters (layout.copyfit).
    """
    return print_document(book, paper, variant, [s.html for s in print_sections(book, adjust)])


def print_document(book: RenderedBook, paper: str, variant: str, body: list[str],
                   head_extra: tuple[str, ...] = ()) -> str:
    """An HTML document of the print edition holding the given body pieces."""
    m = book.manifest
    metas = {
        "author": ", ".join(a.name for a in m.authors),
        "description": m.description,
        "keywords": ", ".join(m.keywords) or None,
        "generator": f"dossierkit {__version__}",
        # Dates come from the manifest, never the clock, so the bytes are reproducible.
        "dcterms.created": m.date.isoformat(),
        "dcterms.modified": m.modified_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    title = html.escape(curl(m.title, m.language))
    head = ['<meta charset="utf-8"/>', f"<title>{title}</title>"]
    head += [f'<meta name="{k}" content="{html.escape(curl(v, m.language))}"/>'
             for k, v in metas.items() if v]
    head += list(head_extra)
    head += [f'<link rel="stylesheet" href="{html.escape(path)}"/>'
             for path in stylesheets(book, paper, variant)]
    labels = book.labels
    if labels.code != "en":
        # The chapter label is generated text: the theme writes it in English, so the
        # edition's own word follows the stylesheets and wins over theirs.
        label = labels.gettext("Chapter").replace('"', "")
        head.append(f'<style>section.chapter > h1::before {{ content: "{label} " counter(chapter); }}</style>')
    # With a Sources list in the book, a page-foot note need not repeat a source's own note.
    listed = " with-sources" if any('<ol class="sources"' in p.xhtml for p in book.parts) else ""
    # The book's title rides on the root, so a running head can show it on any page of a
    # part laid out on its own (string-set: book-title attr(data-book-title)).
    return (f'<!DOCTYPE html>\n<html lang="{m.language}" class="paper-{paper} variant-{variant}{listed}" '
            f'data-book-title="{title}">\n'
            f"<head>\n{chr(10).join(head)}\n</head>\n<body>\n{chr(10).join(body)}\n</body>\n</html>\n")


def print_sections(book: RenderedBook, adjust: Adjustments | None = None) -> list[PrintSection]:
    """The body's pieces in reading order: cover, the book's parts, the contents after the
    front matter, the back cover."""
    sections = [PrintSection("cover", "cover", front_cover(book))]
    for part in book.parts:
        sections.append(part_section(book, part.slug, adjust))
        if part.kind == "front":
            sections.append(PrintSection("contents", "contents", _contents(book)))
    sections.append(PrintSection("back-cover", "back-cover", back_cover(book, book.cover)))
    return sections


def part_section(book: RenderedBook, slug: str, adjust: Adjustments | None = None) -> PrintSection:
    """One part of the book as print sets it: notes at the page foot, names unbroken, and
    what copyfitting asks of it (`adjust`)."""
    adjust = adjust or Adjustments()
    part = next(p for p in book.parts if p.slug == slug)
    section = etree.fromstring(part.xhtml)
    if slug in adjust.fits:
        section.set("class", f"{section.get('class')} {adjust.fits[slug]}")
    notes_to_footnotes(section, adjust.shared_notes, adjust.rescued)
    protect_capitalised(section)
    return PrintSection(slug, part.kind, lxml.html.tostring(section, method="html", encoding="unicode"))


def stylesheets(book: RenderedBook, paper: str, variant: str) -> list[str]:
    """The manifest's print stylesheets for this paper and variant, those that exist."""
    paths = []
    for template in book.manifest.output.print_stylesheets:
        path = template.replace("{paper}", paper).replace("{variant}", variant)
        # A per-paper or per-variant sheet is optional: not every variant needs one.
        if path == template or (book.root / path).is_file():
            paths.append(path)
        else:
            remember_absent(book.root / path)
    return paths


def _contents(book: RenderedBook) -> str:
    """A contents page whose page numbers WeasyPrint fills in (target-counter)."""
    items = []
    for chapter in book.chapters:
        sections = "".join(
            f'<li class="toc-section"><a href="#{h.id}">{html.escape(h.text)}</a></li>'
            for h in chapter.headings if h.level == 2)
        sub = f'<ol class="toc-sections">{sections}</ol>' if sections else ""
        items.append(f'<li class="toc-chapter"><a href="#{chapter.slug}">'
                     f"{html.escape(chapter.title)}</a>{sub}</li>")
    return (f'<nav class="contents" id="contents">'
            f'<h1 class="contents-title" style="bookmark-level: none">'
            f'{html.escape(book.labels.gettext("Contents"))}</h1>'
            f'<ol class="toc">{"".join(items)}</ol></nav>')
