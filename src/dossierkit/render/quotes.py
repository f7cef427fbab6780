"""Straight quotes and apostrophes made typographic, in the quotes of the text's language:
data from YAML and TOML, and text Jinja escaped before Markdown saw it, arrive straight."""

from __future__ import annotations

import re

from dossierkit.render.markdown import QUOTES

_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\d0s|\d\ds\b)")
_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–\u00a0\u202f/]))(['\"])")


def curl(text: str, language: str = "en") -> str:
    """`text` with every straight quote and apostrophe curled."""
    if "'" not in text and '"' not in text:
        return text
    double_open, double_close, single_open, single_close = QUOTES.get(
        language.split("-")[0].lower(), QUOTES["en"])
    text = _APOSTROPHE.sub(single_close.strip(), text)
    text = _OPENING.sub(lambda m: double_open if m[1] == '"' else single_open, text)
    return text.replace('"', double_close).replace("'", single_close.strip())
