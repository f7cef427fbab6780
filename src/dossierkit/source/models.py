"""Typed models of a dossier: the manifest and the structured data its chapters draw on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from dossierkit.options import (
    DEFAULT_FORMATS,
    DEFAULT_OUT_DIR,
    DEFAULT_PAPER,
    DEFAULT_VARIANT,
    Paper,
    Variant,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# BCP 47 as readers accept it: a 2–3 letter primary language, optional region/script.
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]

_SOURCE_REF = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:\s*,\s*(?P<at>.+))?$")


class Model(BaseModel):
    # Unknown keys are almost always typos; refusing them beats silently dropping data.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the manifest (dossier.toml) -------------------------------------------------

class Person(Model):
    name: Text
    role: Text | None = None


class Output(Model):
    formats: list[Literal["pdf", "epub"]] = list(DEFAULT_FORMATS)
    out_dir: Text = DEFAULT_OUT_DIR
    paper: Paper = DEFAULT_PAPER
    variants: list[Variant] = Field(default=[DEFAULT_VARIANT], min_length=1)
    # "{paper}" and "{variant}" in a path are replaced by the build's paper and PDF variant,
    # so one stylesheet set serves every paper size and variant.
    print_stylesheets: list[Text] = ["styles/print.css", "styles/paper-{paper}.css",
                                     "styles/variant-{variant}.css"]
    epub_stylesheets: list[Text] = ["styles/epub.css"]


class Image(Model):
    """A picture the dossier shows: a file of the project, always with a text alternative."""

    path: Text
    alt: Text
    caption: Text | None = None
    credit: Text | None = None


class Manifest(Model):
    """The `[dossier]` table of dossier.toml plus its `[output]` options."""

    slug: Slug
    title: Text
    subtitle: Text | None = None
    original_title: Text | None = None
    original_language: LanguageTag | None = None
    language: LanguageTag
    identifier: Text
    publisher: Text
    date: dt.date
    modified: dt.datetime | None = None
    description: Text | None = None
    subject: Text | None = None
    keywords: list[Text] = []
    authors: list[Person] = Field(min_length=1)
    contributors: list[Person] = []
    chapters: list[Slug] = Field(min_length=1)
    cover_image: Image | None = None
    stills: dict[Slug, Image] = {}
    output: Output = Output()

    @field_validator("chapters")
    @classmethod
    def _chapters_unique(cls, chapters: list[str]) -> list[str]:
        seen = set()
        for slug in chapters:
            if slug in seen:
                raise ValueError(f"chapter '{slug}' is listed twice")
            seen.add(slug)
        return chapters

    # SOURCE_DATE_EPOCH as the loader read it from the environment (see at_source_date).
    _source_date: dt.datetime | None = PrivateAttr(default=None)

    def at_source_date(self, epoch: int | None) -> Manifest:
        """This manifest with SOURCE_DATE_EPOCH applied; the loader reads the variable,
        so that every writer takes the same date from `modified_utc`."""
        copy = self.model_copy()
        copy._source_date = (None if epoch is None
                             else dt.datetime.fromtimestamp(epoch, dt.UTC))
        return copy

    @property
    def modified_utc(self) -> dt.datetime:
        """When the edition was last changed: SOURCE_DATE_EPOCH if set, else `modified`,
        else `date` at midnight; never the clock, so builds are reproducible."""
        if self._source_date is not None:
            return self._source_date
        if self.modified is None:
            return dt.datetime.combine(self.date, dt.time(0, 0), dt.UTC)
        if self.modified.tzinfo is None:
            return self.modified.replace(tzinfo=dt.UTC)
        return self.modified.astimezone(dt.UTC)


# --- structured data (chapters/data/*.yaml) ----------------------------------------

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


class Source(Model):
    id: Slug
    title: Text
    author: Text | None = None
    outlet: Text | None = None
    date: Text | None = None
    url: Text | None = None
    kind: Literal["web", "article", "book", "report", "press-release", "brief", "review"] = "web"
    note: Text | None = None


class Film(Model):
    title: Text
    original_title: Text | None = None
    year: int
    country: Text
    language: Text
    director: Text
    logline: Text
    based_on: Text | None = None


class Figure(Model):
    """A number the sources give, with what it counts; conflicting figures sit side by side."""

    label: Text
    value: Text
    note: Text | None = None
    sources: Sources


class CrewCredit(Model):
    role: Text
    names: list[Text] = Field(min_length=1)
    note: Text | None = None
    sources: Sources


class CastCredit(Model):
    actor: Text
    actor_original: Text | None = None
    character: Text | None = None
    based_on: Text | None = None
    note: Text | None = None
    sources: list[SourceRef] = []


class Credits(Model):
    crew: list[CrewCredit] = []
    cast: list[CastCredit] = []

    @field_validator("cast")
    @classmethod
    def _actors_unique(cls, cast: list[CastCredit]) -> list[CastCredit]:
        seen = set()
        for credit in cast:
            if credit.actor in seen:
                raise ValueError(f"actor '{credit.actor}' is listed twice")
            seen.add(credit.actor)
        return cast

    @property
    def principal(self) -> list[CastCredit]:
        return [c for c in self.cast if c.character]


class Quote(Model):
    """An exact quotation: its wording must stand in the source, with who said it and where."""

    text: Text
    author: Text
    outlet: Text
    source: SourceRef


class Review(Model):
    id: Slug
    outlet: Text
    critic: Text | None = None
    rating: Text | None = None
    date: Text | None = None
    stance: Literal["positive", "mixed", "negative"]
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


class Timeline(Model):
    """The real chronology against the film's compressed one, drawn as a figure."""

    title: Text
    start: dt.date
    end: dt.date
    film_label: Text
    beats: list[TimelineBeat] = Field(min_length=2)
    sources: Sources

    @model_validator(mode="after")
    def _in_order(self):
        if self.end <= self.start:
            raise ValueError("end must come after start")
        for beat in self.beats:
            if not self.start <= beat.real <= self.end:
                raise ValueError(f"beat '{beat.label}' falls outside start..end")
        return self


class Data(Model):
    """Everything in chapters/data/: one YAML file per field, each optional."""

    sources: list[Source] = []
    film: Film | None = None
    credits: Credits = Credits()
    reviews: list[Review] = []
    awards: list[Award] = []
    box_office: list[Figure] = []
    facts: list[Figure] = []
    festivals: list[Screening] = []
    claims: list[Claim] = []
    events: list[Event] = []
    timeline: Timeline | None = None
