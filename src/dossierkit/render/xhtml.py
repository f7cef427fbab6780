"""Shaping a chapter's HTML into the book's XHTML: notes, ids on every block, language marks."""

from __future__ import annotations

import re
import unicodedata

import lxml.html
from lxml import etree

from dossierkit.render.markdown import CITATION_CLASSES, note_class

BLOCK_TAGS = {
    "address", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "ul",
}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOTE_TARGET = re.compile(r"^#fn(\d+)$")
_NOTE_SOURCE = re.compile(r"^fnref(\d+(?::\d+)?)$")
_NOTE_ITEM = re.compile(r"^fn(\d+)$")

# Letters of the scripts whose runs can be told apart from Latin text by their characters
# alone (ISO 15924 codes, as Babel's likely subtags name a language's script).
SCRIPT_LETTERS = {
    "Cyrl": "\u0400-\u04FF", "Grek": "\u0370-\u03FF\u1F00-\u1FFF", "Armn": "\u0530-\u058F",
    "Hebr": "\u0590-\u05FF", "Arab": "\u0600-\u06FF", "Deva": "\u0900-\u097F",
    "Thai": "\u0E00-\u0E7F", "Geor": "\u10A0-\u10FF", "Hang": "\uAC00-\uD7AF",
    "Jpan": "\u3040-\u30FF\u4E00-\u9FFF", "Hans": "\u4E00-\u9FFF", "Hant": "\u4E00-\u9FFF",
}


def script_run(language: str | None) -> re.Pattern | None:
    """A pattern for a run of text in `language`'s script, with the spaces, digits and
    punctuation inside it; None when that script is Latin (or unknown), which a run of
    characters cannot tell from the dossier's own text."""
    if not language:
        return None
    from babel.core import get_global

    subtags = get_global("likely_subtags").get(language.split("-")[0].lower(), "")
    letters = SCRIPT_LETTERS.get(subtags.split("_")[1] if subtags.count("_") >= 1 else "")
    if letters is None:
        return None
    return re.compile(f"«?[{letters}](?:[{letters}0-9\\s\\-–—.,:;!?'’\"«»()]*[{letters}0-9»)])?»?")


def parse_fragment(html: str, wrapper: str = "section") -> etree._Element:
    """Parse an HTML fragment into one element; lxml's HTML parser tolerates HTML5 tags."""
    return lxml.html.fragment_fromstring(html, create_parent=wrapper)


def to_xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", method="xml")


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _letter(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": the author's own notes, apart from source numbers."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def restructure_notes(section: etree._Element, prefix: str, title: str = "Notes") -> None:
    """Turn markdown-it's footnotes (the author's own notes) into lettered note calls and
    items of the chapter's notes list, beside the source notes that `cite()` made.

    The call is a plain link (no <sup> inside, which breaks Apple Books' pop-ups);
    superscript is a matter for the stylesheets.
    """
    _unmark_citations(section)
    _note_calls(section, prefix)
    block = section.find(f".//section[@class='{note_class('footnotes')}']")
    separator = section.find(f".//hr[@class='{note_class('footnotes-sep')}']")
    if separator is not None:
        separator.getparent().remove(separator)
    if block is None:
        return
    notes = section.find(".//section[@class='notes']")
    if notes is None:
        notes = etree.Element("section", {"class": "notes", "id": f"{prefix}-notes"})
        heading = etree.SubElement(notes, "h2", {"class": "notes-title"})
        heading.text = title
        etree.SubElement(notes, "ol", {"class": "notes-list"})
    listing = notes.find("ol")
    items = [item for item in block.iterfind(f".//li[@class='{note_class('footnote-item')}']")
             if _NOTE_ITEM.match(item.get("id") or "")]
    for position, item in enumerate(items):
        listing.insert(position, _note_item(item, prefix))
    if notes.getparent() is None:
        block.getparent().replace(block, notes)
    else:
        block.getparent().remove(block)


def _unmark_citations(section: etree._Element) -> None:
    """The source notes cite() wrote get their plain classes back (see render.markdown)."""
    marked = {note_class(name): name for name in CITATION_CLASSES}
    for element in section.iter():
        classes = (element.get("class") or "").split() if isinstance(element.tag, str) else []
        if any(c in marked for c in classes):
            element.set("class", " ".join(marked.get(c, c) for c in classes))


def _note_calls(section: etree._Element, prefix: str) -> None:
    """markdown-it's <sup><a></sup> references as plain, lettered note links, comma-separated."""
    for sup in section.xpath(f".//sup[@class='{note_class('footnote-ref')}']"):
        link = sup.find("a")
        target = _NOTE_TARGET.match(link.get("href") or "") if link is not None else None
        source = _NOTE_SOURCE.match(link.get("id") or "") if link is not None else None
        if target is None or source is None:
            continue
        letter = _letter(int(target[1]))  # "#fn1" -> "a"
        ref_id = source[1]  # "1" or "1:1" for a repeated reference
        new = etree.Element("a", {"class": "noteref", "href": f"#{prefix}-fn-{letter}",
                                  "id": f"{prefix}-fnref-{ref_id.replace(':', '-')}"})
        new.text = letter
        new.tail = sup.tail
        sup.getparent().replace(sup, new)
    # Two of the author's notes after one word read "a,b", not as the note "ab".
    for ref in section.xpath(".//a[@class='noteref']"):
        following = ref.getnext()
        if not (ref.tail or "").strip() and following is not None and following.get("class") == "noteref":
            separator = etree.Element("span", {"class": "noteref-sep"})
            separator.text = ","
            separator.tail, ref.tail = ref.tail, None
            ref.addnext(separator)


def _note_item(item: etree._Element, prefix: str) -> etree._Element:
    """One footnote item as an item of the notes list, its letter a link to the first call."""
    number = item.get("id")[2:]
    letter = _letter(int(number))
    note = etree.Element("li", {"class": "note", "id": f"{prefix}-fn-{letter}"})
    for backref in item.xpath(f".//a[@class='{note_class('footnote-backref')}']"):
        parent = backref.getparent()
        previous = backref.getprevious()
        if backref.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + backref.tail
            else:
                parent.text = (parent.text or "") + backref.tail
        parent.remove(backref)
    children = list(item)
    first = children[0] if children and children[0].tag == "p" else None
    back = etree.Element("a", {"class": "note-back", "href": f"#{prefix}-fnref-{number}"})
    back.text = f"{letter}."
    if first is None:
        first = etree.SubElement(note, "p")
        first.text = item.text
    back.tail = " " + (first.text or "").lstrip()
    first.text = None
    first.insert(0, back)
    for child in children:
        note.append(child)
    if first.getparent() is None:
        note.insert(0, first)
    # Trailing whitespace left by the removed back-reference.
    last = note[-1]
    if len(last):
        last[-1].tail = (last[-1].tail or "").rstrip() or None
    else:
        last.text = (last.text or "").rstrip()
    return note


def assign_ids(section: etree._Element, prefix: str, taken: set[str]) -> list[str]:
    """Give every block element a book-wide unique id; return ids the author duplicated."""
    duplicates = []
    counter = 0
    for element in section.iter():
        if not isinstance(element.tag, str):
            continue
        given = element.get("id")
        if given:
            if given in taken:
                duplicates.append(given)
            taken.add(given)
            continue
        if element.tag not in BLOCK_TAGS:
            continue
        if element.tag in HEADINGS:
            base = f"{prefix}--{slugify(text_of(element))}".rstrip("-")
        else:
            counter += 1
            base = f"{prefix}-{element.tag}{counter}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        element.set("id", candidate)
        taken.add(candidate)
    return duplicates


def mark_language(root: etree._Element, language: str | None) -> bool:
    """Wrap runs of text in `language`'s script (the dossier's original language) in
    <span lang="…">, unless already inside such a span; True if any was marked. Nothing
    is marked for a language written in Latin script, which cannot be told apart."""
    pattern = script_run(language)
    if pattern is None:
        return False
    marked = False

    def inside_language(element: etree._Element) -> bool:
        while element is not None:
            if element.get("lang"):
                return element.get("lang").split("-")[0] == language
            element = element.getparent()
        return False

    def spans_for(text: str) -> tuple[list[tuple[str, str]], str]:
        pieces = []
        last = 0
        for match in pattern.finditer(text):
            pieces.append((text[last:match.start()], match.group()))
            last = match.end()
        return pieces, text[last:]

    def make_span(run: str) -> etree._Element:
        nonlocal marked
        marked = True
        span = etree.Element("span", {"lang": language})
        span.text = run
        return span

    for element in list(root.iter()):
        if not isinstance(element.tag, str) or inside_language(element):
            continue
        if element.text and pattern.search(element.text):
            pieces, rest = spans_for(element.text)
            element.text = pieces[0][0]
            spans = [make_span(run) for _, run in pieces]
            for i, span in enumerate(spans):
                span.tail = pieces[i + 1][0] if i + 1 < len(pieces) else rest
                element.insert(i, span)
        if element.tail and element.getparent() is not None and pattern.search(element.tail):
            parent = element.getparent()
            if inside_language(parent):
                continue
            pieces, rest = spans_for(element.tail)
            element.tail = pieces[0][0]
            position = parent.index(element) + 1
            for i, (_, run) in enumerate(pieces):
                span = make_span(run)
                span.tail = pieces[i + 1][0] if i + 1 < len(pieces) else rest
                parent.insert(position + i, span)
    return marked
