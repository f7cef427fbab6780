"""The film's story and reception as data: sources, credits, reviews, awards, claims, dates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from dossierkit.source.fields import Model, Slug, SourceRef, Sources, Text

# An address as written, printed and linked unchanged: no spaces or angle brackets, which
# would end it early in the text.
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[^\s<>]+$")]


class Source(Model):
    id: Slug
    title: Text
    author: Text | None = None
    outlet: Text | None = None
    date: Text | None = None
    url: Url | None = None
    kind: Literal["web", "article", "book", "report", "press-release", "brief", "review"] = "web"
    note: Text | None = None


SHORT_SYNOPSIS_WORDS = 60


class Synopsis(Model):
    """The story told at two more lengths besides the logline."""

    short: Text | None = None
    long: Text | None = None

    @field_validator("short")
    @classmethod
    def _short_is_short(cls, text: str | None) -> str | None:
        if text is not None and len(text.split()) > SHORT_SYNOPSIS_WORDS:
            raise ValueError(f"the short synopsis has {len(text.split())} words\n"
                             f"shorten it to {SHORT_SYNOPSIS_WORDS} words; the long one has room")
        return text


class Film(Model):
    title: Text
    original_title: Text | None = None
    year: int
    country: Text
    language: Text
    directors: list[Text] = Field(min_length=1)
    logline: Text
    tagline: Text | None = None
    synopsis: Synopsis = Synopsis()
    based_on: Text | None = None

    @property
    def director(self) -> str:
        """The directors in one line, for templates written when a film had one."""
        return ", ".join(self.directors)

    @field_validator("tagline")
    @classmethod
    def _tagline_is_not_logline(cls, tagline: str | None, info: ValidationInfo) -> str | None:
        logline = info.data.get("logline")
        if tagline is not None and logline and tagline.casefold() == logline.casefold():
            raise ValueError("the tagline repeats the logline\n"
                             "a tagline is the poster's line, shorter than the logline")
        return tagline


class Figure(Model):
    """A number the sources give, with what it counts; conflicting figures sit side by side."""

    label: Text
    value: Text
    note: Text | None = None
    sources: Sources


class CrewCredit(Model):
    role: Text
    names: list[Text] = Field(min_length=1)
    people: list[Slug] = []
    note: Text | None = None
    sources: Sources


class CastCredit(Model):
    """One role: an actor (None when no source names one) and the character they play."""

    actor: Text | None = None
    actor_original: Text | None = None
    character: Text | None = None
    based_on: Text | None = None
    person: Slug | None = None
    uncredited: bool = False
    note: Text | None = None
    sources: list[SourceRef] = []

    @model_validator(mode="after")
    def _someone(self):
        if self.actor is None and self.character is None:
            raise ValueError("a cast entry names nobody\n"
                             "give the actor, the character or both")
        return self


class Credits(Model):
    crew: list[CrewCredit] = []
    cast: list[CastCredit] = []

    @property
    def principal(self) -> list[CastCredit]:
        return [c for c in self.cast if c.character]

    @property
    def directors(self) -> list[str]:
        return [name for c in self.crew if c.role.casefold().startswith("direct") for name in c.names]


class Quote(Model):
    """An exact quotation: its wording must stand in the source, with who said it and where."""

    text: Text
    author: Text
    outlet: Text
    source: SourceRef
    # Permission to reprint: an edition refuses a quote not cleared yet.
    cleared: bool = True
    # Not to appear in an edition embargoed before this day.
    embargo: dt.date | None = None


class Review(Model):
    id: Slug
    outlet: Text
    critic: Text | None = None
    rating: Text | None = None
    date: Text | None = None
    stance: Literal["positive", "mixed", "negative"] | None = None
    summary: Text
    quotes: list[Quote] = []
    sources: Sources


class Award(Model):
    award: Text
    ceremony: Text | None = None
    category: Text
    result: Literal["won", "nominated", "shortlisted"]
    recipients: list[Text] = []
    note: Text | None = None
    sources: Sources


class Screening(Model):
    festival: Text
    place: Text
    date: Text | None = None
    note: Text | None = None
    sources: Sources


Verdict = Literal["faithful", "largely faithful", "compressed", "dramatised",
                  "exaggerated", "loosely based", "invented", "unverified"]


class Claim(Model):
    id: Annotated[str, StringConstraints(pattern=r"^C[0-9]+$")]
    topic: Text
    film: Text
    history: Text
    verdict: Verdict
    sources: Sources


class Event(Model):
    """A dated moment of the real events, for chronologies and timelines."""

    date: dt.date
    label: Text
    sources: Sources


class TimelineBeat(Model):
    """A moment of the film's story, tied to the date of the real event it retells."""

    label: Text
    real: dt.date
    film: float | None = None


class Timeline(Model):
    """The real chronology, with the film's own time line below it when `film_label` is given."""

    title: Text
    start: dt.date
    end: dt.date
    film_label: Text | None = None
    beats: list[TimelineBeat] = Field(min_length=2)
    sources: Sources

    @model_validator(mode="after")
    def _in_order(self):
        if self.end <= self.start:
            raise ValueError("end must come after start")
        for beat in self.beats:
            if not self.start <= beat.real <= self.end:
                raise ValueError(f"beat '{beat.label}' falls outside start..end")
        timed = [beat.film for beat in self.beats if beat.film is not None]
        if timed and len(timed) != len(self.beats):
            raise ValueError("give every beat a `film` moment, or none")
        return self
