"""The face the stamps are set in: PT Sans subset once to every character a run's stamps
use, embedded in each edition as one Type 0 font that all its pages share."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

FACE = "PTSans-Regular"


def _face_bytes() -> bytes:
    return resources.files("dossierkit.theme").joinpath(f"styles/fonts/{FACE}.ttf").read_bytes()


@dataclass(frozen=True)
class StampFont:
    """PT Sans cut down to `characters`, glyph ids kept, so a text's codes are its glyph ids."""

    characters: str

    @property
    def _subset(self) -> tuple[bytes, dict[int, int], dict[int, int], dict[str, float]]:
        return _subset(self.characters)

    def encode(self, text: str) -> bytes:
        """The text as two-byte glyph ids (Identity-H); a character the face lacks is .notdef."""
        cmap = self._subset[1]
        return b"".join(cmap.get(ord(ch), 0).to_bytes(2, "big") for ch in text)

    def width(self, text: str, size: float) -> float:
        cmap, widths = self._subset[1], self._subset[2]
        return sum(widths.get(cmap.get(ord(ch), 0), 500) for ch in text) * size / 1000

    def embed(self, pdf):
        """The font as an indirect object of `pdf`, ready to be named in page resources."""
        from pikepdf import Array, Dictionary, Name, Stream

        data, cmap, widths, metrics = self._subset
        # A subset's name starts with six capitals; derived from its characters, so stable.
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(self.characters.encode()).digest()[:6])
        name = Name(f"/{tag}+{FACE}")
        file = Stream(pdf, data)
        file.Length1 = len(data)
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=name, Flags=32,
                                FontBBox=Array(metrics["bbox"]), ItalicAngle=0, Ascent=metrics["ascent"],
                                Descent=metrics["descent"], CapHeight=metrics["cap"], StemV=80,
                                FontFile2=pdf.make_indirect(file))
        w = Array()
        for gid in sorted(widths):
            w.extend([gid, Array([widths[gid]])])
        cid_font = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=name,
                              CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
                              FontDescriptor=pdf.make_indirect(descriptor), W=w,
                              CIDToGIDMap=Name.Identity, DW=500)
        return pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=name, Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid_font)]),
            ToUnicode=pdf.make_indirect(Stream(pdf, _to_unicode(cmap)))))


@cache  # once per process: every edition of a run shares the subset
def _subset(characters: str) -> tuple[bytes, dict[int, int], dict[int, int], dict[str, float]]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The face keeps its own date: a subset saved now would carry the clock into the PDF.
    font = TTFont(io.BytesIO(_face_bytes()), recalcTimestamp=False)
    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    cmap = {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()}
    scale = 1000 / font["head"].unitsPerEm
    widths = {gid: round(font["hmtx"][font.getGlyphName(gid)][0] * scale) for gid in set(cmap.values())}
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    metrics = {"bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
               "ascent": round(hhea.ascent * scale), "descent": round(hhea.descent * scale),
               "cap": round(getattr(os2, "sCapHeight", hhea.ascent) * scale)}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), cmap, widths, metrics


def _to_unicode(cmap: dict[int, int]) -> bytes:
    """The CMap that turns glyph ids back into text, for copying and for screen readers."""
    pairs = sorted({gid: code for code, gid in cmap.items() if gid}.items())
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(pairs), 100):
        block = pairs[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{gid:04X}> <{chr(code).encode('utf-16-be').hex().upper()}>" for gid, code in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
