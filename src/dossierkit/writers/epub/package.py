"""The package around the documents: metadata, the page-list, and reproducible zip bytes."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile

from lxml import etree

from dossierkit.i18n import Labels
from dossierkit.markup import NCX, OPS, XHTML, XML_LANG

NS = {"x": XHTML, "epub": OPS, "ncx": NCX}
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def identify(ebook, identifier: str) -> None:
    """The package's unique identifier, and a urn:uuid beside it when that is something
    else (an ISBN, a URL): Calibre keeps a book's uuid through a conversion (an AZW3's
    ASIN is made from it), and draws a random one for a book without, so each conversion
    would be another book to a Kindle. Derived from the identifier: the same every build."""
    ebook.set_identifier(identifier)
    if not identifier.lower().startswith("urn:uuid:"):
        derived = uuid.uuid5(uuid.NAMESPACE_URL, identifier)
        ebook.add_metadata("DC", "identifier", f"urn:uuid:{derived}", {"id": "uuid-id"})


def modified(manifest) -> dt.datetime:
    """When the EPUB was last changed: SOURCE_DATE_EPOCH as the loader read it, else the
    manifest; never the clock."""
    return manifest.modified_utc.astimezone(dt.UTC)


def accessibility(ebook, *, images: bool, page_list: bool, print_edition: str,
                  other_languages: tuple[str, ...] = (), language: str = "en",
                  labels: Labels | None = None) -> None:
    """schema.org accessibility metadata, stating only what is true of this book, in the
    book's language."""
    _ = (labels or Labels(language)).gettext
    def meta(prop: str, value: str) -> None:
        ebook.add_metadata(None, "meta", value, {"property": prop})

    meta("schema:accessMode", "textual")
    if images:
        meta("schema:accessMode", "visual")
    # Every image carries a text alternative (the writer refuses one without).
    meta("schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder",
                "displayTransformability"]
    if images:
        features.append("alternativeText")
    if page_list:
        features += ["pageBreakMarkers", "pageNavigation", "printPageNumbers"]
    for feature in features:
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    summary = _("Reflowable text with headings, a table of contents and notes that link to "
                "and back from their calls. Every image has a text alternative; tables have "
                "header cells.")
    if other_languages:
        from babel import Locale, UnknownLocaleError

        def name(tag: str) -> str:
            try:
                return Locale.parse(tag, sep="-").get_display_name(language.split("-")[0]) or tag
            except (ValueError, UnknownLocaleError):
                return tag

        summary += " " + _("Text in %(languages)s is marked as such.",
                           languages=", ".join(name(t) for t in other_languages))
    if page_list:
        summary += " " + _("Page numbers follow the print edition (%(edition)s), with a page "
                           "list for navigation.", edition=print_edition)
    meta("schema:accessibilitySummary", summary)
    meta("dcterms:conformsTo", CONFORMS_TO)
    if page_list:
        meta("pageBreakSource", print_edition)


def writer_class():
    """EbookLib's writer, plus a page-list it cannot make itself and the package language."""
    from ebooklib import epub

    class Writer(epub.EpubWriter):
        def __init__(self, out, book, options, pages, language, labels: Labels | None = None):
            super().__init__(out, book, options)
            self.pages = pages  # [(label, href relative to the package folder)]
            self.language = language
            self.pages_title = (labels or Labels(language)).gettext("Pages")
            self.landmarks_title = (labels or Labels(language)).gettext("Landmarks")

        def _write_opf_file(self, root):
            root.set(XML_LANG, self.language)
            super()._write_opf_file(root)

        def _get_nav(self, item):
            nav = etree.fromstring(super()._get_nav(item))
            body = nav.find("x:body", NS)
            for element in body.iterfind(".//x:nav", NS):
                kind = element.get(f"{{{NS['epub']}}}type")
                if kind == "landmarks":
                    element.set("hidden", "hidden")  # for reading systems, not the reader
                    element.set("aria-label", self.landmarks_title)
            if self.pages:
                pages = etree.SubElement(body, f"{{{NS['x']}}}nav", {
                    f"{{{NS['epub']}}}type": "page-list", "role": "doc-pagelist",
                    "id": "page-list", "hidden": "hidden", "aria-label": self.pages_title})
                etree.SubElement(pages, f"{{{NS['x']}}}h2").text = self.pages_title
                ol = etree.SubElement(pages, f"{{{NS['x']}}}ol")
                for label, href in self.pages:
                    li = etree.SubElement(ol, f"{{{NS['x']}}}li")
                    etree.SubElement(li, f"{{{NS['x']}}}a", {"href": href}).text = label
            return etree.tostring(nav.getroottree(), xml_declaration=True, encoding="utf-8")

        def _get_ncx(self):
            ncx = etree.fromstring(super()._get_ncx())
            numbers = [int(label) for label, _ in self.pages if label.isdigit()]
            for meta in ncx.iterfind("ncx:head/ncx:meta", NS):
                if meta.get("name") == "dtb:totalPageCount":
                    meta.set("content", str(len(self.pages)))
                elif meta.get("name") == "dtb:maxPageNumber":
                    meta.set("content", str(max(numbers, default=0)))
            if self.pages:
                page_list = etree.SubElement(ncx, f"{{{NS['ncx']}}}pageList")
                label = etree.SubElement(page_list, f"{{{NS['ncx']}}}navLabel")
                etree.SubElement(label, f"{{{NS['ncx']}}}text").text = self.pages_title
                for n, (label, href) in enumerate(self.pages, start=1):
                    attributes = {"id": f"page-target-{n}",
                                  "type": "normal" if label.isdigit() else "front"}
                    if label.isdigit():
                        attributes["value"] = label
                    target = etree.SubElement(page_list, f"{{{NS['ncx']}}}pageTarget", attributes)
                    text = etree.SubElement(target, f"{{{NS['ncx']}}}navLabel")
                    etree.SubElement(text, f"{{{NS['ncx']}}}text").text = label
                    etree.SubElement(target, f"{{{NS['ncx']}}}content", {"src": href})
            return etree.tostring(ncx.getroottree(), xml_declaration=True, encoding="utf-8")

    return Writer


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the archive with fixed entry times, `mimetype` first and stored."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda n: n != "mimetype")
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    if when.year < 1980:  # the earliest time a zip entry can carry
        stamp = (1980, 1, 1, 0, 0, 0)
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
