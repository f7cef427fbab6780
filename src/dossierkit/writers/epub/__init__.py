"""The EPUB 3 writer: cover, one XHTML document per part, nav with the print edition's page
list, NCX, embedded subset fonts, accessibility metadata, reproducible zip."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field

from dossierkit.i18n import Labels
from dossierkit.options import MANIFEST
from dossierkit.source.files import ProjectFiles
from dossierkit.writers.base import BuildContext
from dossierkit.writers.epub import assets, documents, package
from dossierkit.writers.epub.package import normalise_zip
from dossierkit.writers.epub.pages import insert_markers

__all__ = ["EpubWriter", "normalise_zip"]

COVER_PAGE = "cover.xhtml"
COVER_IMAGE = "cover.jpg"


def _cover_alt(manifest, labels: Labels) -> str:
    cover = getattr(manifest, "cover_image", None)
    words = [labels.gettext("Cover of %(title)s", title=manifest.title)]
    if manifest.subtitle:
        words.append(manifest.subtitle)
    if cover is not None and cover.alt:
        words.append(cover.alt)
    return ". ".join(w.rstrip(".") for w in words) + "."


@functools.cache
def _document_class():
    """EbookLib's content document, made to store the XHTML as given instead of re-parsing
    it (its HTML parser lowercases SVG's camel-case names)."""
    from ebooklib import epub

    class Document(epub.EpubHtml):
        def __init__(self, uid, file_name, title, content):
            super().__init__(uid=uid, file_name=file_name, title=title)
            self.content = content
            if documents.has_svg(content):
                self.properties.append("svg")

        def get_content(self, default=None):
            return self.content

    return Document


@dataclass
class _Parts:
    """The book's parts as EPUB documents, with what the package must know of them."""

    documents: list[tuple[object, bytes]] = field(default_factory=list)  # (part, XHTML)
    pages: list[tuple[object, str, str]] = field(default_factory=list)  # (start, file, id)
    images: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every word shown, for font subsetting
    languages: set[str] = field(default_factory=set)  # marked inside the text


def _shape_parts(book, starts, stylesheets: list[str]) -> _Parts:
    """Each part as an XHTML document, with a marker where each print page starts."""
    shaped = _Parts()
    taken = set(book.id_owner)
    for part in book.parts:
        section, shown = documents.shape_chapter(part, book)
        shaped.images += [src for src in dict.fromkeys(shown) if src not in shaped.images]
        placed = insert_markers(section, [s for s in starts if s.part == part.slug], taken)
        shaped.pages += [(start, documents.file_name(part), ident) for start, ident in placed.items()]
        shaped.text.append("".join(section.itertext()))
        shaped.text += [img.get("alt") or "" for img in section.iter("img")]
        shaped.languages.update(e.get("lang") for e in section.iter()
                                if isinstance(e.tag, str) and e.get("lang"))
        shaped.documents.append((part, documents.document(
            part.title, book.manifest.language, section, [f"../{css}" for css in stylesheets])))
    shaped.pages.sort(key=lambda page: page[0].index)
    return shaped


def _metadata(ebook, m, paper: str, shaped: _Parts, labels: Labels) -> None:
    package.identify(ebook, m.identifier)
    ebook.set_title(m.title)
    ebook.set_language(m.language)
    for index, author in enumerate(m.authors):
        ebook.add_author(author.name, uid=f"creator{index}")
    ebook.add_metadata("DC", "publisher", m.publisher)
    ebook.add_metadata("DC", "date", m.date.isoformat())
    if m.description:
        ebook.add_metadata("DC", "description", m.description)
    for keyword in ([m.subject] if m.subject else []) + list(m.keywords):
        ebook.add_metadata("DC", "subject", keyword)
    ebook.add_metadata(None, "meta", "reflowable", {"property": "rendition:layout"})
    package.accessibility(ebook, images=True, page_list=bool(shaped.pages),
                          print_edition=labels.gettext("%(title)s, print edition (PDF, %(paper)s)",
                                                       title=m.title, paper=paper.upper()),
                          other_languages=tuple(sorted(shaped.languages - {m.language})),
                          language=m.language, labels=labels)


def _add_cover(ebook, m, cover_pdf: bytes, stylesheets: list[str], labels: Labels):
    """The cover, a picture of the PDF's first page; returns its document."""
    from ebooklib import epub

    cover = epub.EpubItem(uid="cover-image", file_name=COVER_IMAGE, media_type="image/jpeg",
                          content=assets.cover_image(cover_pdf))
    cover.properties = ["cover-image"]
    ebook.add_item(cover)
    # Older reading systems (and Calibre) find the cover by this EPUB 2 meta.
    ebook.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    page = _document_class()("cover", COVER_PAGE, labels.gettext("Cover"), documents.document(
        m.title, m.language, documents.cover_section(COVER_IMAGE, _cover_alt(m, labels)),
        stylesheets))
    ebook.add_item(page)
    return page


def _add_files(ebook, files: ProjectFiles, styles, shaped: _Parts) -> None:
    """Stylesheets with their subset fonts, and the images the chapters show."""
    from ebooklib import epub

    for resource in assets.subset_fonts(styles, "".join(shaped.text)):
        ebook.add_item(epub.EpubItem(uid=_uid(resource.name), file_name=resource.name,
                                     media_type=resource.media_type, content=resource.data))
    # What the chapters' SVG images show travels with them, under the same names.
    images = list(shaped.images) + [shown for src in shaped.images if src.endswith(".svg")
                                    for shown in files.svg(files.resolve(src, referrer=MANIFEST))[1]]
    for src in dict.fromkeys(images):
        ebook.add_item(epub.EpubItem(
            uid=_uid(src), file_name=src, media_type=assets.media_type(src, MANIFEST),
            content=files.read(src, referrer=MANIFEST)))


def _add_navigation(ebook, book, shaped: _Parts, cover_page, stylesheets: list[str]) -> None:
    """The documents in reading order, the contents (nav and NCX) and the landmarks."""
    from ebooklib import epub

    contents = book.labels.gettext("Contents")
    docs = []
    for part, content in shaped.documents:
        doc = _document_class()(f"doc-{part.slug}", documents.file_name(part), part.title, content)
        ebook.add_item(doc)
        docs.append((part, doc))
    ebook.toc = [_toc_entry(part) for part in book.chapters]
    nav = epub.EpubNav(title=contents)
    for css in stylesheets:
        nav.add_link(href=css, rel="stylesheet", type="text/css")
    ebook.add_item(epub.EpubNcx())
    ebook.add_item(nav)
    front = [doc for part, doc in docs if part.kind == "front"]
    body = [doc for part, doc in docs if part.kind != "front"]
    ebook.spine = [cover_page] + front + [nav] + body
    ebook.guide = [
        {"type": "cover", "href": COVER_PAGE, "title": book.labels.gettext("Cover")},
        {"type": "toc", "href": nav.file_name, "title": contents},
    ] + ([{"type": "text", "href": body[0].file_name, "title": body[0].title}] if body else [])


class EpubWriter:
    name = "epub"

    def write(self, context: BuildContext) -> dict[str, bytes]:
        from ebooklib import epub

        book = context.book
        m = book.manifest
        files = ProjectFiles(book.root)
        when = package.modified(m)
        styles = assets.stylesheets(files, list(m.output.epub_stylesheets), MANIFEST)
        top_styles = [files.relative(files.resolve(p, referrer=MANIFEST))
                      for p in m.output.epub_stylesheets]
        shaped = _shape_parts(book, context.layout("screen").page_starts(), top_styles)
        labels = book.labels
        shaped.text += [m.title, m.subtitle or "", _cover_alt(m, labels)] + [
            labels.gettext(word) for word in ("Contents", "Landmarks", "Pages", "Cover")]

        ebook = epub.EpubBook()
        _metadata(ebook, m, context.paper, shaped, labels)
        cover_page = _add_cover(ebook, m, context.cover_pdf(), top_styles, labels)
        _add_files(ebook, files, styles, shaped)
        _add_navigation(ebook, book, shaped, cover_page, top_styles)

        buffer = io.BytesIO()
        writer = package.writer_class()(buffer, ebook, {
            "mtime": when,
            # EbookLib's page-list would list every element with an epub:type as a page.
            "epub3_pages": False,
            "landmark_title": labels.gettext("Landmarks"),
        }, [(start.label, f"{name}#{ident}") for start, name, ident in shaped.pages], m.language,
            labels)
        writer.process()
        writer.write()
        return {context.output_name("epub"): normalise_zip(buffer.getvalue(), when)}


def _uid(path: str) -> str:
    """A manifest id from a file path: XML names cannot hold slashes or start with a digit."""
    stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in path)
    return f"res-{stem}"


def _toc_entry(part):
    from ebooklib import epub

    name = documents.file_name(part)
    link = epub.Link(name, part.title, f"toc-{part.slug}")
    sections = [epub.Link(f"{name}#{h.id}", h.text, f"toc-{h.id}")
                for h in part.headings if h.level == 2]
    return (link, sections) if sections else link

