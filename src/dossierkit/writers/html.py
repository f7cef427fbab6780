"""The HTML writer: the exact print HTML the PDF writer hands to WeasyPrint, with every
stylesheet, font and image it loads copied beside it, so that bare WeasyPrint can lay
out the same document (`weasyprint build/<slug>.html out.pdf`) for comparison."""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from dossierkit.layout.weasy import fit_image
from dossierkit.markup import XLINK_HREF, safe_parser
from dossierkit.render.printhtml import print_html, stylesheets
from dossierkit.source.css import css_references
from dossierkit.source.files import ProjectFiles


class HtmlWriter:
    name = "html"

    def write(self, context) -> dict[str, bytes]:
        book = context.book
        variant = context.variants[0]
        # As copyfitting settled it, chapter by chapter, in the layout the PDF writer joins.
        document = print_html(book, context.paper, variant, context.layout(variant).adjust)
        resources = _Resources(ProjectFiles(book.root))
        for href in stylesheets(book, context.paper, variant):
            resources.add(href, referrer="the print stylesheets", stylesheet=True)
        for img in lxml.html.document_fromstring(document).iter("img"):
            resources.add(img.get("src") or "", referrer="the print HTML")
        return {context.output_name("html"): document.encode("utf-8"), **resources.files}


class _Resources:
    """Files the print HTML loads, by the relative name that loads them; found by
    following stylesheets (@import, url()) and SVG images, through the project's gate."""

    def __init__(self, files: ProjectFiles):
        self.project = files
        self.files: dict[str, bytes] = {}

    def add(self, url: str, *, referrer: str, base: str = "",
            stylesheet: bool = False) -> None:
        if not url or url.startswith(("data:", "#")):
            return
        name = _relative_name(url, base)
        # Refused, missing or outside files were reported by the load; an absolute or
        # escaping URL loads the same file from wherever the HTML stands: nothing to copy.
        path = self.project.resolve(url, referrer=referrer, base=base)
        if name is None or name in self.files:
            return
        data = self.project.shipped(path)
        self.files[name] = data
        folder = posixpath.dirname(name)
        media_type = mimetypes.guess_type(path.name)[0]
        if stylesheet:
            for target, _line, imported in css_references(data.decode("utf-8", "replace")):
                self.add(target, referrer=name, stylesheet=imported, base=folder)
        elif media_type == "image/svg+xml":
            self._add_svg_images(data, name, folder)
        elif media_type in ("image/jpeg", "image/png"):
            # The PDF writer scales pictures to print resolution as it fetches them;
            # the copy is that scaled picture, so WeasyPrint embeds the same bytes.
            self.files[name] = fit_image(data, media_type)

    def _add_svg_images(self, data: bytes, name: str, folder: str) -> None:
        parser = safe_parser()
        root = etree.fromstring(data, parser)
        for element in root.iter("{http://www.w3.org/2000/svg}image"):
            href = element.get("href") or element.get(XLINK_HREF)
            self.add(href or "", referrer=name, base=folder)


def _relative_name(url: str, base: str) -> str | None:
    """The file name, relative to the HTML, that `url` (relative to `base`) loads; None
    when it is absolute or climbs out of the project folder."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return None
    name = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if name.startswith("../") or name == ".." or Path(name).is_absolute():
        return None
    return name
