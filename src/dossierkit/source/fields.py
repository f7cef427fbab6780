"""The building blocks every model of a dossier shares: text, slugs, source references, pictures."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# BCP 47 as readers accept it: a 2–3 letter primary language, optional region/script.
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]

_SOURCE_REF = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:\s*,\s*(?P<at>.+))?$")


_PARTIAL_DATE = re.compile(r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-3][0-9])?)?$")


def _partial_date(value):
    # YAML may give a date object; a partial date stays text.
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"'{text}' is not a date like 2017, 2017-09 or 2017-09-21\n"
                         "write it as precisely as the source gives it")
    if text.count("-") == 2:
        dt.date.fromisoformat(text)  # a real day of a real month
    return text


# A date as precise as the sources give it: `2017`, `2017-09` or `2017-09-21`.
PartialDate = Annotated[str, BeforeValidator(_partial_date)]


# What no text of a dossier holds, and an EPUB (XML) cannot: control characters, which
# a TOML "\u0007" or a YAML "\x07" escape can still write.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _no_control_characters(value):
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and (found := _CONTROL.search(text)):
            raise ValueError(f"control character 0x{ord(found[0]):02x} is not allowed")
    return value


class Model(BaseModel):
    # Unknown keys are almost always typos; refusing them beats silently dropping data.
    model_config = ConfigDict(extra="forbid", frozen=True)

    _text_only = field_validator("*")(classmethod(lambda cls, value: _no_control_characters(value)))


class SourceRef(Model):
    """A pointer to an entry of sources.yaml, with an optional place in it (page, section)."""

    id: str
    at: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        # Written in YAML as "rp1357" or "rp1357, p. 115".
        if isinstance(value, str):
            match = _SOURCE_REF.match(value.strip())
            if not match:
                raise ValueError(f"'{value}' is not a source reference like 'id' or 'id, p. 12'")
            return {"id": match["id"], "at": match["at"]}
        return value


Sources = Annotated[list[SourceRef], Field(min_length=1)]


class Image(Model):
    """A picture the dossier shows: a file of the project, always with a text alternative."""

    path: Text
    alt: Text
    caption: Text | None = None
    credit: Text | None = None
