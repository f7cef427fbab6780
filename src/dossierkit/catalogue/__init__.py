"""Every message the tool prints about a dossier, with its stable code and what to do: the one
catalogue that docs/errors.md is generated from (`python -m dossierkit.docs`).

A message is written where it is raised; its entry here holds the same wording as a
template, `{name}` standing for what varies, so each printed line finds its code. A test
fails when a message is printed that no entry matches, and when docs/errors.md drifts.
"""

from __future__ import annotations

import re
from functools import cache

from dossierkit.catalogue import building, sources
from dossierkit.catalogue.entry import Entry

__all__ = ["AREAS", "BY_CODE", "ENTRIES", "EXPLICIT_ONLY", "Entry", "code_for"]

# Areas: the heading each one has in docs/errors.md, and its letter.
AREAS = {
    "M": "The manifest (`dossier.toml`)",
    "D": "Keys, values and data files (`dossier.toml`, `chapters/data/*.yaml`)",
    "F": "Files",
    "C": "Chapters (`chapters/*.md`)",
    "S": "Stylesheets, fonts and images they load",
    "B": "Building and the outputs",
    "X": "The command line",
}

ENTRIES = sources.ENTRIES + building.ENTRIES

# Catch-alls: a template that is all placeholder matches only where the raiser names its code.
EXPLICIT_ONLY = {"D203", "B607"}
BY_CODE = {entry.code: entry for entry in ENTRIES}


@cache
def _patterns() -> list[tuple[re.Pattern, Entry]]:
    found = []
    for entry in ENTRIES:
        if entry.code in EXPLICIT_ONLY:
            continue
        pieces = re.split(r"\{\w+\}", entry.template)
        found.append((re.compile("(?s)" + ".+?".join(map(re.escape, pieces)) + r"\Z"), entry))
    # The longest literal text first: "refused to load '{url}': it is outside…" before "{problem}".
    found.sort(key=lambda pair: -len(re.sub(r"\{\w+\}", "", pair[1].template)))
    return found


def code_for(message: str) -> str | None:
    """The code of the entry whose template the message fits, or None if none does."""
    for pattern, entry in _patterns():
        if pattern.match(message):
            return entry.code
    return None
