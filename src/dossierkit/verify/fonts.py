"""Fonts embedded: every font a PDF page uses carries its glyphs, so it prints the same anywhere."""

from __future__ import annotations

from pathlib import Path

from dossierkit.verify import Result

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _fonts(resources, seen: set) -> list:
    """Font dictionaries in a resource dictionary, including those of nested forms."""
    import pikepdf

    found = []
    if not isinstance(resources, pikepdf.Dictionary):
        return found
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _, font in fonts.items():
            key = font.objgen if font.is_indirect else id(font)
            if key not in seen:
                seen.add(key)
                found.append(font)
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, xobject in xobjects.items():
            key = xobject.objgen if xobject.is_indirect else id(xobject)
            if xobject.get("/Subtype") == "/Form" and ("x", key) not in seen:
                seen.add(("x", key))
                found += _fonts(xobject.get("/Resources"), seen)
    return found


def _embedded(font) -> bool:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # its glyphs are drawn by content streams inside the font itself
    if subtype == "/Type0":
        font = font.get("/DescendantFonts")[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in FONT_FILES)


def check(path: Path) -> Result:
    import pikepdf

    result = Result()
    seen: set = set()
    with pikepdf.open(path) as pdf:
        fonts = []
        for page in pdf.pages:
            fonts += _fonts(page.obj.get("/Resources"), seen)
        missing = sorted({str(f.get("/BaseFont", "(unnamed)")).lstrip("/")
                          for f in fonts if not _embedded(f)})
    for name in missing:
        result.error(f"font {name} is not embedded (embed it with @font-face and a font file)")
    result.summary = (f"{len(fonts)} fonts, {len(missing)} not embedded" if missing
                      else f"{len(fonts)} fonts, all embedded")
    return result
