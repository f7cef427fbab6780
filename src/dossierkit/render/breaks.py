"""Where print may and may not break a line: note calls glued to the word before them,
addresses marked (they break anywhere, never with a hyphen), and names and other
capitalised words marked, which print never hyphenates."""

from __future__ import annotations

import re

from lxml import etree

NBSP = "\u00a0"
SKIP = {"code", "pre", "kbd", "script", "style"}

# A capitalised word, long enough for a hyphenation dictionary to break it, or a bare
# domain name (kremlin.ru).
CAPITALISED = re.compile(r"\b[A-ZÀ-ÞА-ЯЁ][\w’'\-]{4,}|\b\w[\w-]*(?:\.[^\W\d_]{2,})+\b")
ADDRESS = re.compile(r"^(?:https?://|mailto:|www\.)|^[^\s@]+@[^\s@]+\.\w+$")


def mark_breaks(root: etree._Element) -> None:
    """Addresses get class `url`; each note call is glued to its word (span.nobr)."""
    for link in root.iter("a"):
        if ADDRESS.search("".join(link.itertext())):
            _add_class(link, "url")
    for call in [a for a in root.iter("a") if a.get("class") == "noteref"]:
        _glue_to_word(call)


def _add_class(element: etree._Element, name: str) -> None:
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


def _glue_to_word(call: etree._Element) -> None:
    """Put a note call and the word before it in one unbreakable span."""
    parent = call.getparent()
    previous = call.getprevious()
    text = previous.tail if previous is not None else parent.text
    if not text or text[-1].isspace():
        return
    cut = max(text.rfind(" "), text.rfind(NBSP)) + 1
    glue = etree.Element("span", {"class": "nobr"})
    glue.text = text[cut:]
    if previous is not None:
        previous.tail = text[:cut]
    else:
        parent.text = text[:cut]
    call.addprevious(glue)
    glue.tail = None
    tail, call.tail = call.tail, None
    glue.append(call)
    glue.tail = tail


def protect_capitalised(root: etree._Element) -> None:
    """Wrap capitalised words of running text in `span.name`, which print never hyphenates:
    a typographer breaks neither names nor other proper nouns.
    For print only: reading systems hyphenate as their readers choose."""
    for element in list(root.iter("p", "li", "dd", "blockquote", "figcaption")):
        for node in [element, *element.iterdescendants()]:
            if not isinstance(node.tag, str) or node.tag.startswith("{"):
                continue
            classes = (node.get("class") or "").split()
            if node.tag not in SKIP and not {"url", "name", "noteref"} & set(classes):
                _wrap_matches(node, text_is_tail=False)
            if node is not element:
                _wrap_matches(node, text_is_tail=True)


def _wrap_matches(node: etree._Element, text_is_tail: bool) -> None:
    text = node.tail if text_is_tail else node.text
    if not text or not CAPITALISED.search(text):
        return
    pieces = CAPITALISED.split(text)
    words = CAPITALISED.findall(text)
    spans = []
    for word, after in zip(words, pieces[1:]):
        span = etree.Element("span", {"class": "name"})
        span.text, span.tail = word, after
        spans.append(span)
    if text_is_tail:
        node.tail = pieces[0]
        for span in reversed(spans):
            node.addnext(span)
    else:
        node.text = pieces[0]
        for position, span in enumerate(spans):
            node.insert(position, span)
