"""The EPUB 3 writer: one XHTML document per chapter, nav and NCX, reproducible zip."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from dossierkit.render.book import RenderedBook, RenderedChapter
from dossierkit.resources import ProjectFiles

EPUB_TYPE = "data-dossierkit-epub-type"


def _file_name(part: RenderedChapter) -> str:
    return f"text/{part.slug}.xhtml"


def _epub_body(part: RenderedChapter, book: RenderedBook) -> bytes:
    """The chapter as EPUB reading systems want it: semantic note markup, links across files."""
    section = etree.fromstring(part.xhtml)
    for link in section.iter("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            owner = book.id_owner.get(href[1:])
            if owner and owner != part.slug:
                link.set("href", f"{owner}.xhtml{href}")
        classes = (link.get("class") or "").split()
        if "noteref" in classes:
            link.set(EPUB_TYPE, "noteref")
            link.set("role", "doc-noteref")
        elif "note-back" in classes:
            link.set("role", "doc-backlink")
    for aside in section.iter("aside"):
        if "note" in (aside.get("class") or "").split():
            aside.set(EPUB_TYPE, "footnote")
            aside.set("role", "doc-footnote")
    if part.kind == "front":
        section.set(EPUB_TYPE, "titlepage")
    else:
        section.set(EPUB_TYPE, "chapter")
    # The epub: prefix is declared by EbookLib's document template, not here, so the
    # attribute travels under a placeholder name that cannot occur in chapter text.
    markup = etree.tostring(section, encoding="unicode").replace(f" {EPUB_TYPE}=", " epub:type=")
    return f"<html><body>{markup}</body></html>".encode()


def normalise_zip(data: bytes, when) -> bytes:
    """Rewrite the archive with fixed entry times, `mimetype` first and stored."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda n: n != "mimetype")
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, source.read(name))
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


class EpubWriter:
    name = "epub"

    def write(self, context) -> dict[str, bytes]:
        from ebooklib import epub

        book = context.book
        m = book.manifest
        files = ProjectFiles(book.root)
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

        stylesheets = []
        for index, path in enumerate(m.output.epub_stylesheets):
            content = files.read(path, referrer="dossier.toml")
            name = f"styles/{path.rsplit('/', 1)[-1]}"
            ebook.add_item(epub.EpubItem(uid=f"css{index}", file_name=name,
                                         media_type="text/css", content=content))
            stylesheets.append(name)

        documents = []
        for part in book.parts:
            doc = epub.EpubHtml(title=part.title, file_name=_file_name(part), lang=m.language,
                                uid=f"doc-{part.slug}")
            doc.set_content(_epub_body(part, book))
            for name in stylesheets:
                # Relative to the chapter: EbookLib's own linking breaks (RSC-007).
                doc.add_link(href=f"../{name}", rel="stylesheet", type="text/css")
            ebook.add_item(doc)
            documents.append((part, doc))

        ebook.toc = [
            (epub.Link(_file_name(part), part.title, f"toc-{part.slug}"),
             [epub.Link(f"{_file_name(part)}#{h.id}", h.text, f"toc-{h.id}")
              for h in part.headings if h.level == 2])
            if any(h.level == 2 for h in part.headings)
            else epub.Link(_file_name(part), part.title, f"toc-{part.slug}")
            for part in book.chapters
        ]
        nav = epub.EpubNav(title="Contents")
        for name in stylesheets:
            nav.add_link(href=name, rel="stylesheet", type="text/css")
        ebook.add_item(epub.EpubNcx())
        ebook.add_item(nav)
        front = [doc for part, doc in documents if part.kind == "front"]
        body = [doc for part, doc in documents if part.kind != "front"]
        ebook.spine = front + [nav] + body

        buffer = io.BytesIO()
        writer = epub.EpubWriter(buffer, ebook, {
            "mtime": m.modified_utc,
            # EbookLib's page-list would list every element with an epub:type as a page.
            "epub3_pages": False,
        })
        writer.process()
        writer.write()
        return {f"{m.slug}.epub": normalise_zip(buffer.getvalue(), m.modified_utc)}
