"""Non-breaking spaces where a typographer of the text's language puts them, so no line ends
on "12", "p." or a Russian preposition, and French punctuation keeps its space; curly
quotes whatever the text came from; and where lines may break (render.breaks)."""

from __future__ import annotations

import re

from lxml import etree

from dossierkit.render.breaks import mark_breaks
from dossierkit.render.quotes import curl

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

NNBSP = "\u202f"  # narrow no-break space, as French sets it before ; : ! ?

# Rules of every language: a spaced dash never starts a line; a number stays with % and °.
COMMON = [
    (re.compile(r" (?=[–—] )"), NBSP),
    (re.compile(r"(?<=\d) (?=%|°)"), NBSP),
]
RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
RU_UNITS = f"{RU_MONTHS}|млн|млрд|тыс\\.|руб\\.|км|кг|см|мм|м|мин|ч|с|г\\.|гг\\.|с\\.|дней|дня|лет|года|минут"
BY_LANGUAGE = {
    "en": RULES,
    # A one- or two-letter word (в, к, с, о, и, а, на, по…) stays with the next one; so
    # does a number with its unit, and № or с. with their number.
    "ru": [(re.compile(r"(?<![\w\u0400-\u04ff])([\u0400-\u04ff]{1,2}) (?=\S)", re.I), rf"\1{NBSP}"),
           (re.compile(rf"(?<=\d) (?=(?:{RU_UNITS})(?![\w\u0400-\u04ff]))"), NBSP),
           (re.compile(r"(№|с\.|т\.) (?=\d)"), rf"\1{NBSP}")],
    "de": [(re.compile(r"(?<=\d\.) (?=[A-ZÄÖÜ][a-zäöü]+ \d{4})"), NBSP),
           (re.compile(r"\b(S|Nr|Bd)\. (\d)"), rf"\1.{NBSP}\2")],
    "fr": [(re.compile(r" ?([;:!?»])"), rf"{NNBSP}\1"), (re.compile(r"(«) ?"), rf"\1{NNBSP}"),
           (re.compile(r"\b(p)\. (\d)"), rf"\1.{NBSP}\2")],
    "es": [(re.compile(r"\b(p|pág)\. (\d)"), rf"\1.{NBSP}\2")],
}

SKIP = {"code", "pre", "kbd", "script", "style"}


def _apply(text: str, rules, language: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return curl(text, language)


def _in_code(element: etree._Element | None) -> bool:
    """True inside code, preformatted text, scripts and styles, however deep."""
    return element is not None and any(
        isinstance(e.tag, str) and e.tag in SKIP for e in (element, *element.iterancestors()))


def _rules(language: str):
    return COMMON + BY_LANGUAGE.get(language.split("-")[0].lower(), [])


def typeset(root: etree._Element, language: str = "en") -> None:
    """Apply the rules of each text's language (its nearest `lang`, else `language`) to
    every text node outside code and generated figures (the text after a <code> is prose
    again)."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.startswith("{"):
            continue
        if element.text and not _in_code(element):
            own = _inherited(element, language)
            element.text = _apply(element.text, _rules(own), own)
        parent = element.getparent()
        if element.tail and not _in_code(parent):
            own = _inherited(parent, language)
            element.tail = _apply(element.tail, _rules(own), own)
    mark_breaks(root)


def _inherited(element, language: str) -> str:
    while element is not None:
        if isinstance(element.tag, str) and element.get("lang"):
            return element.get("lang")
        element = element.getparent()
    return language
