"""The print edition cut into parts that can be laid out on their own: the front matter
(cover, title page, contents) and then each later part of the book, each as its own HTML
document that carries the book's page numbers, chapter numbers and running heads.

A part that starts on a left-hand page opens with a padding page, which the PDF joiner
drops: WeasyPrint starts every document on a right-hand page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossierkit.render.book import RenderedBook
from dossierkit.render.printhtml import PrintSection, print_document, print_sections

FRONT = "front"
# Links to an id laid out in another part leave WeasyPrint as this URI; the PDF joiner turns
# them back into links to the book's named destination.
CROSS_PART = "dossier-dest:"
PAD_PAGE = "dossier-pad"
_MARGIN_BOXES = ("top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
                 "right-top", "right-middle", "right-bottom", "bottom-right-corner", "bottom-right",
                 "bottom-center", "bottom-left", "bottom-left-corner", "left-bottom", "left-middle",
                 "left-top")
_PAD_STYLE = (f"@page {PAD_PAGE} {{ "
              + " ".join(f"@{box} {{ content: none !important; }}" for box in _MARGIN_BOXES)
              + f" }} div.{PAD_PAGE} {{ page: {PAD_PAGE}; }}")
_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')


@dataclass(frozen=True)
class PrintPart:
    """A run of print sections laid out as one document."""

    name: str  # FRONT, or the slug of the book's part
    sections: tuple[PrintSection, ...]
    chapters_before: int  # chapter sections in earlier parts (the chapter counter)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(i for s in self.sections for i in _ID.findall(s.html))

    @property
    def has_contents(self) -> bool:
        return any(s.kind == "contents" for s in self.sections)


def print_parts(book: RenderedBook) -> list[PrintPart]:
    """The front matter up to the contents as one part, then one part per later section."""
    sections = print_sections(book)
    contents_at = next((i for i, s in enumerate(sections) if s.kind == "contents"), 0)
    groups = [sections[:contents_at + 1]] + [[s] for s in sections[contents_at + 1:]]
    parts, chapters = [], 0
    for index, group in enumerate(groups):
        parts.append(PrintPart(FRONT if index == 0 else group[0].slug, tuple(group), chapters))
        chapters += sum(1 for s in group if s.kind == "chapter")
    return parts


def part_html(book: RenderedBook, paper: str, variant: str, part: PrintPart, *, first_page: int,
              folios: dict[str, str]) -> str:
    """The HTML of one part, starting on the book's page `first_page` (0-based).

    `folios`: the printed page number of each id of the book, for the contents; an id not
    there yet gets an empty number (the contents is laid out again once they are known).
    """
    own = part.ids
    body = []
    for section in part.sections:
        text = section.html
        if section.kind == "contents":
            text = _HREF.sub(lambda m: f'href="#{m[1]}" data-page="{folios.get(m[1], "")}"', text)
        body.append(_HREF.sub(lambda m: m[0] if m[1] in own else f'href="{CROSS_PART}{m[1]}"', text))
    padded = is_padded(first_page)
    if padded:
        body.insert(0, f'<div class="{PAD_PAGE}"></div>')
    # The page counter the padding page (or the part's first page) shows; 1-based.
    counter = first_page + (0 if padded else 1)
    style = (f"<style>@page :first {{ counter-reset: page {counter}; }} "
             f"body {{ counter-reset: chapter {part.chapters_before}; }} {_PAD_STYLE}</style>")
    return print_document(book, paper, variant, body, head_extra=(style,))


def is_padded(first_page: int) -> bool:
    """Whether the part's document opens with a padding page to drop: an odd page index is
    a verso, and WeasyPrint starts every document on a recto."""
    return first_page % 2 == 1
