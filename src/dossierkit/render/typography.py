"""Non-breaking spaces where a typographer puts them, so no line ends on "12" or "p."."""

from __future__ import annotations

import re

from lxml import etree

NBSP = "\u00a0"
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
UNITS = ("million|billion|thousand|roubles|rubles|yuan|dollars|km|kg|cm|mm|m|min|h|s|d|"
         "days|hours|minutes|years|weeks|months|per cent|%|°C|pages|screens|theatres|cities")

RULES = [
    # 12 October 2017, 470 million, 3 h 35 min, 112 days
    (re.compile(rf"(?<=\d) (?=(?:{MONTHS}|{UNITS})\b)"), NBSP),
    (re.compile(r"(?<=\d) (?=%|°)"), NBSP),
    # October 2017
    (re.compile(rf"\b({MONTHS}) (\d{{4}})\b"), rf"\1{NBSP}\2"),
    # p. 115, pp. 12–14, No. 4
    (re.compile(r"\b(p|pp|No|no|vol|ch)\. (\d)"), rf"\1.{NBSP}\2"),
    # "V. Name": an initial stays with the name it abbreviates
    (re.compile(r"(?<=\b[A-Z]\.) (?=[A-Z][a-z])"), NBSP),
    # a spaced dash never starts a line
    (re.compile(r" (?=[–—] )"), NBSP),
]

SKIP = {"code", "pre", "kbd", "script", "style"}


def _apply(text: str) -> str:
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def _in_code(element: etree._Element | None) -> bool:
    """True inside code, preformatted text, scripts and styles, however deep."""
    return element is not None and any(
        isinstance(e.tag, str) and e.tag in SKIP for e in (element, *element.iterancestors()))


def typeset(root: etree._Element) -> None:
    """Apply the rules to every text node outside code and generated figures (the text
    after a <code> is prose again)."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.startswith("{"):
            continue
        if element.text and not _in_code(element):
            element.text = _apply(element.text)
        if element.tail and not _in_code(element.getparent()):
            element.tail = _apply(element.tail)
