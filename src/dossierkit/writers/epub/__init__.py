"""The EPUB 3 writer: cover, one XHTML document per part, nav with the print edition's page
list, NCX, embedded subset fonts, accessibility metadata, reproducible zip."""

from __future__ import annotations

import io

from dossierkit.resources import ProjectFiles
from dossierkit.writers.epub import documents, package, resources
from dossierkit.writers.epub.package import normalise_zip
from dossierkit.writers.epub.pages import insert_markers, page_starts

__all__ = ["EpubWriter", "normalise_zip"]

COVER_PAGE = "cover.xhtml"
COVER_IMAGE = "cover.jpg"
NAV_TITLE = "Contents"


def _cover_alt(manifest) -> str:
    cover = getattr(manifest, "cover_image", None)
    words = [f"Cover of {manifest.title}"]
    if manifest.subtitle:
        words.append(manifest.subtitle)
    if cover is not None and cover.alt:
        words.append(cover.alt)
    return ". ".join(w.rstrip(".") for w in words) + "."


class EpubWriter:
    name = "epub"

    def write(self, context) -> dict[str, bytes]:
        from ebooklib import epub

        class Document(epub.EpubHtml):
            """A content document EbookLib stores as given, instead of re-parsing it."""

            def __init__(self, uid, file_name, title, content):
                super().__init__(uid=uid, file_name=file_name, title=title)
                self.content = content
                if documents.has_svg(content):
                    self.properties.append("svg")

            def get_content(self, default=None):
                return self.content

        book = context.book
        m = book.manifest
        files = ProjectFiles(book.root)
        when = package.modified(m)
        layout = context.layout("screen")

        styles = resources.stylesheets(files, list(m.output.epub_stylesheets), "dossier.toml")
        top_styles = [files.relative(files.resolve(p, referrer="dossier.toml"))
                      for p in m.output.epub_stylesheets]

        # Parts, with a marker where each print page starts.
        starts = page_starts(layout, book)
        taken = set(book.id_owner)
        pages = []  # (label, href) in page order
        parts = []
        images: list[str] = []
        text = [m.title, m.subtitle or "", NAV_TITLE, "Landmarks", "Pages", "Cover"]
        for part in book.parts:
            section, shown = documents.shape_chapter(part, book)
            images += [src for src in shown if src not in images]
            placed = insert_markers(section, [s for s in starts if s.part == part.slug], taken)
            pages += [(start, documents.file_name(part), ident) for start, ident in placed.items()]
            text.append("".join(section.itertext()))
            text += [img.get("alt") or "" for img in section.iter("img")]
            content = documents.document(part.title, m.language, section,
                                         [f"../{css}" for css in top_styles])
            parts.append((part, content))
        pages.sort(key=lambda page: page[0].index)

        ebook = epub.EpubBook()
        ebook.set_identifier(m.identifier)
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
        edition = f"{m.title}, print edition (PDF, {context.paper.upper()})"
        package.accessibility(ebook, images=True, page_list=bool(pages), print_edition=edition)

        # The cover: a picture of the PDF's first page (written once, shared with the PDF writer).
        alt = _cover_alt(m)
        text.append(alt)
        cover = epub.EpubItem(uid="cover-image", file_name=COVER_IMAGE, media_type="image/jpeg",
                              content=resources.cover_image(context.cover_pdf()))
        cover.properties = ["cover-image"]
        ebook.add_item(cover)
        # Older reading systems (and Calibre) find the cover by this EPUB 2 meta.
        ebook.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
        cover_page = Document("cover", COVER_PAGE, "Cover", documents.document(
            m.title, m.language, documents.cover_section(COVER_IMAGE, alt), top_styles))
        ebook.add_item(cover_page)

        for resource in resources.subset_fonts(styles, "".join(text)):
            ebook.add_item(epub.EpubItem(uid=_uid(resource.name), file_name=resource.name,
                                         media_type=resource.media_type, content=resource.data))
        for src in images:
            ebook.add_item(epub.EpubItem(
                uid=_uid(src), file_name=src, media_type=resources.media_type(src, "dossier.toml"),
                content=files.read(src, referrer="dossier.toml")))

        docs = []
        for part, content in parts:
            doc = Document(f"doc-{part.slug}", documents.file_name(part), part.title, content)
            ebook.add_item(doc)
            docs.append((part, doc))

        ebook.toc = [_toc_entry(part) for part in book.chapters]
        nav = epub.EpubNav(title=NAV_TITLE)
        for css in top_styles:
            nav.add_link(href=css, rel="stylesheet", type="text/css")
        ebook.add_item(epub.EpubNcx())
        ebook.add_item(nav)
        front = [doc for part, doc in docs if part.kind == "front"]
        body = [doc for part, doc in docs if part.kind != "front"]
        ebook.spine = [cover_page] + front + [nav] + body
        ebook.guide = [
            {"type": "cover", "href": COVER_PAGE, "title": "Cover"},
            {"type": "toc", "href": nav.file_name, "title": NAV_TITLE},
        ] + ([{"type": "text", "href": body[0].file_name, "title": body[0].title}] if body else [])

        buffer = io.BytesIO()
        writer = package.writer_class()(buffer, ebook, {
            "mtime": when,
            # EbookLib's page-list would list every element with an epub:type as a page.
            "epub3_pages": False,
            "landmark_title": "Landmarks",
        }, [(start.label, f"{name}#{ident}") for start, name, ident in pages], m.language)
        writer.process()
        writer.write()
        return {f"{m.slug}.epub": normalise_zip(buffer.getvalue(), when)}


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

