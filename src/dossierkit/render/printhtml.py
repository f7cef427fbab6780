"""The print edition's HTML: cover, title page, contents and chapters with their notes at
the page foot, as one document for WeasyPrint (the PDF, the HTML export and the preview)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import lxml.html
from lxml import etree

from dossierkit import __version__
from dossierkit.render.book import RenderedBook
from dossierkit.render.breaks import protect_capitalised
from dossierkit.render.quotes import curl
from dossierkit.source.files import remember_absent


@dataclass(frozen=True)
class PrintSection:
    """One top-level piece of the print body: the cover, a part of the book, the contents."""

    slug: str  # the part's slug, or "cover" / "contents"
    kind: str  # the part's kind ("front", "chapter", ...), or "cover" / "contents"
    html: str


def print_html(book: RenderedBook, paper: str = "a4", variant: str = "screen") -> str:
    """The complete HTML document WeasyPrint lays out: cover, title page, contents, chapters.

    Paper and variant are classes on the root element and may name stylesheets
    ("styles/paper-{paper}.css"), so one stylesheet set serves all of them.
    """
    return print_document(book, paper, variant, [s.html for s in print_sections(book)])


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
    # The book's title rides on the root, so a running head can show it on any page of a
    # part laid out on its own (string-set: book-title attr(data-book-title)).
    return (f'<!DOCTYPE html>\n<html lang="{m.language}" class="paper-{paper} variant-{variant}" '
            f'data-book-title="{title}">\n'
            f"<head>\n{chr(10).join(head)}\n</head>\n<body>\n{chr(10).join(body)}\n</body>\n</html>\n")


def print_sections(book: RenderedBook) -> list[PrintSection]:
    """The body's pieces in reading order: cover, the book's parts, the contents after the
    front matter."""
    sections = [PrintSection("cover", "cover", _cover(book))]
    for part in book.parts:
        section = etree.fromstring(part.xhtml)
        _notes_to_footnotes(section)
        protect_capitalised(section)
        sections.append(PrintSection(part.slug, part.kind,
                                     lxml.html.tostring(section, method="html", encoding="unicode")))
        if part.kind == "front":
            sections.append(PrintSection("contents", "contents", _contents(book)))
    return sections


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


def _cover(book: RenderedBook) -> str:
    """The cover: print-only (the EPUB's cover is a picture of this page)."""
    m = book.manifest
    film = book.film
    image_class = " with-image" if m.cover_image else ""
    lines = [f'<section class="cover{image_class}" id="cover">']
    if m.cover_image:
        lines.append(f'<img class="cover-image" src="{html.escape(m.cover_image.path)}" '
                     f'alt="{html.escape(curl(m.cover_image.alt, m.language))}"/>')
    lines.append('<div class="cover-text">')
    if m.subject:
        lines.append(f'<p class="cover-kicker">{html.escape(curl(m.subject, m.language))}</p>')
    # Not a chapter: kept out of the PDF outline whatever the stylesheets say.
    lines.append(f'<h1 class="cover-title" style="bookmark-level: none">{html.escape(curl(m.title, m.language))}</h1>')
    if m.original_title:
        lang = f' lang="{m.original_language}"' if m.original_language else ""
        lines.append(f'<p class="cover-original"{lang}>{html.escape(curl(m.original_title, m.language))}</p>')
    if film and film.tagline:
        lines.append(f'<p class="cover-tagline">{html.escape(curl(film.tagline, m.language))}</p>')
    if film:
        lines.append(f'<p class="cover-logline">{html.escape(curl(film.logline, m.language))}</p>')
        directors = book.labels.gettext("A film by %(directors)s", directors=film.director)
        lines.append(f'<p class="cover-credit">{html.escape(curl(directors, m.language))} · '
                     f"{html.escape(curl(film.country, m.language))} · {film.year}</p>")
    elif m.subtitle:
        lines.append(f'<p class="cover-logline">{html.escape(curl(m.subtitle, m.language))}</p>')
    if book.laurels:
        lines.append('<ul class="cover-laurels">' + "".join(
            f"<li>{html.escape(laurel.label)} · {html.escape(laurel.event)}"
            f"{f' {laurel.year}' if laurel.year else ''}</li>" for laurel in book.laurels) + "</ul>")
    if m.cover_image and m.cover_image.credit:
        credit = book.labels.gettext("Cover picture: %(credit)s", credit=m.cover_image.credit)
        lines.append(f'<p class="cover-image-credit">{html.escape(credit)}</p>')
    lines.append(f'<p class="cover-publisher">{html.escape(curl(m.publisher, m.language))}</p>')
    lines.append("</div></section>")
    return "\n".join(lines)


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


def _notes_to_footnotes(section: etree._Element) -> None:
    """Move each note to the foot of the page of its first call (CSS `float: footnote`).

    A later call of the same note links back to it, as books do; the chapter-end list
    of notes, which the EPUB keeps for its pop-ups, goes away.
    """
    notes = section.find("section[@class='notes']")
    if notes is None:
        return
    calls: dict[str, etree._Element] = {}
    for ref in section.iter("a"):
        if ref.get("class") == "noteref":
            calls.setdefault(ref.get("href")[1:], ref)
    for aside in notes.iterfind("aside"):
        call = calls.get(aside.get("id"))
        if call is None:
            continue
        footnote = etree.Element("span", {"class": "footnote", "id": aside.get("id")})
        paragraph = aside.find("p")
        footnote.text = paragraph.text
        for child in paragraph:
            footnote.append(child)
        # After the call (and after its comma, when several calls stand together).
        anchor = call
        while anchor.getnext() is not None and anchor.getnext().get("class") in (
                "noteref-sep", "noteref", "footnote") and not (anchor.tail or "").strip():
            anchor = anchor.getnext()
        footnote.tail, anchor.tail = anchor.tail, None
        anchor.addnext(footnote)
    notes.getparent().remove(notes)
