"""What the EPUB carries besides its documents: stylesheets with what they load, fonts
subset to the glyphs the book uses, the chapters' images, and the cover drawn from the PDF."""

from __future__ import annotations

import io
import posixpath
import string
from dataclasses import dataclass

from dossierkit.errors import fail
from dossierkit.source.css import css_references
from dossierkit.source.files import ProjectFiles

MEDIA_TYPES = {
    ".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
    ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml",
}
FONTS = {".ttf", ".otf"}
# Glyphs a reading system may show that the text does not hold: what it types itself
# (hyphens where it breaks words, digits of page numbers) and a safety margin of ASCII.
ALWAYS = string.printable.strip() + "\u00a0\u00ad\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2026"

COVER_HEIGHT = 1600  # pixels: sharp on a tablet, small enough for a phone
COVER_BUDGET = 500_000  # bytes


@dataclass(frozen=True)
class Resource:
    name: str  # path inside the EPUB's folder, the same as in the project
    data: bytes
    media_type: str


def media_type(path: str, referrer: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in MEDIA_TYPES:
        raise fail(referrer, f"'{path}' is not a file type an EPUB can hold",
                   hint="use CSS, TTF/OTF/WOFF fonts or PNG, JPEG, GIF, WebP or SVG images")
    return MEDIA_TYPES[suffix]


def stylesheets(files: ProjectFiles, paths: list[str], referrer: str) -> list[Resource]:
    """Each stylesheet and everything it loads (imported stylesheets, fonts, images),
    under the same relative paths as in the project, so no url() needs rewriting."""
    found: dict[str, Resource] = {}
    queue = [(path, referrer) for path in paths]
    while queue:
        path, asked_by = queue.pop(0)
        rel = files.relative(files.resolve(path, referrer=asked_by))
        if rel in found:
            continue
        data = files.read(rel, referrer=asked_by)
        found[rel] = Resource(rel, data, media_type(rel, asked_by))
        if not rel.endswith(".css"):
            continue
        folder = posixpath.dirname(rel)
        for target, _line, _imported in css_references(data.decode("utf-8", "replace")):
            if target.startswith(("data:", "#")):
                continue
            if ":" in target.split("/", 1)[0]:
                raise fail(rel, f"'{target}' is not a file of the dossier; an EPUB cannot load it",
                           hint="copy the resource into the project")
            queue.append((posixpath.normpath(posixpath.join(folder, target)), rel))
    return list(found.values())


def subset_font(data: bytes, text: str) -> bytes:
    """The font cut down to the glyphs of `text`, keeping its names and licence notice."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    # The licence asks to travel with the font; its notice lives in the name table.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    # No clock in the bytes: the head table's modified date stays as the font has it.
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + text.upper() + text.lower() + ALWAYS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def subset_fonts(resources: list[Resource], text: str) -> list[Resource]:
    subset = []
    for resource in resources:
        if posixpath.splitext(resource.name)[1].lower() not in FONTS:
            subset.append(resource)
            continue
        try:
            data = subset_font(resource.data, text)
        except Exception:  # noqa: BLE001 — fontTools raises many kinds for a broken file
            raise fail(resource.name, "the font file is damaged: it cannot be read",
                       hint="replace it with a TTF or OTF file that a font editor opens") from None
        subset.append(Resource(resource.name, data, resource.media_type))
    return subset


def cover_image(pdf: bytes) -> bytes:
    """The PDF's first page as a JPEG about 1600 pixels tall, under the size budget."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = COVER_HEIGHT / page.get_size()[1]
        image = page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    while True:
        for quality in (88, 80, 70, 60):
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= COVER_BUDGET:
                return out.getvalue()
        # A busy picture: fewer pixels rather than blotchy ones.
        image = image.resize((image.width * 4 // 5, image.height * 4 // 5))
