"""Typed models of a dossier: the manifest and the structured data its chapters draw on."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator

from dossierkit.options import (
    DEFAULT_FORMATS,
    DEFAULT_OUT_DIR,
    DEFAULT_PAPER,
    DEFAULT_VARIANT,
    Paper,
    Variant,
)
from dossierkit.source.embargo import Embargo
from dossierkit.source.fields import Image, LanguageTag, Model, PartialDate, Slug, SourceRef, Sources, Text
from dossierkit.source.kinds import (
    Award,
    CastCredit,
    Claim,
    Credits,
    CrewCredit,
    Event,
    Figure,
    Film,
    Quote,
    Review,
    Screening,
    Source,
    Synopsis,
    Timeline,
    TimelineBeat,
    Verdict,
)
from dossierkit.source.presskit import Contact, Laurel, PersonEntry, Rating, Release, RunningTime, Technical, Work

__all__ = ["Award", "Embargo", "CastCredit", "Claim", "Contact", "Credits", "CrewCredit", "Data", "Event",
           "Figure", "Film", "Image", "LanguageTag", "Laurel", "Manifest", "Model", "Output",
           "PartialDate", "Person", "PersonEntry", "Quote", "Rating", "Release", "Review",
           "RunningTime", "Screening", "Slug", "Source", "SourceRef", "Sources", "Synopsis",
           "Technical", "Text", "Timeline", "TimelineBeat", "Verdict", "Work"]


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
    # What rendering one chapter's template may take (docs/errors.md, Limits).
    template_seconds: float = Field(default=10, gt=0, le=3600)
    template_bytes: int = Field(default=4 * 1024 * 1024, gt=0, le=256 * 1024 * 1024)


class Edition(Model):
    """The texts of one language's edition; what it leaves out comes from the `[dossier]` table."""

    title: Text | None = None
    subtitle: Text | None = None
    original_title: Text | None = None
    original_language: LanguageTag | None = None
    identifier: Text | None = None
    description: Text | None = None
    subject: Text | None = None
    keywords: list[Text] = []
    authors: list[Person] = []
    chapters: list[Slug] = []
    cover_image: Image | None = None
    stills: dict[Slug, Image] = {}


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
    languages: list[LanguageTag] = []
    editions: dict[LanguageTag, Edition] = {}
    # When the press kit may be published; `dossier editions` prints it on every copy.
    embargo: Embargo | None = None
    output: Output = Output()

    @field_validator("languages")
    @classmethod
    def _languages_hold_the_own(cls, languages: list[str], info: ValidationInfo) -> list[str]:
        own = info.data.get("language")
        if languages and own and own not in languages:
            raise ValueError(f"languages must include the dossier's language '{own}'\n"
                             "list every edition, the dossier's own first")
        return languages

    @field_validator("editions")
    @classmethod
    def _editions_declared(cls, editions: dict, info: ValidationInfo) -> dict:
        declared = [info.data.get("language"), *info.data.get("languages", [])]
        chapters = info.data.get("chapters") or []
        for tag, edition in editions.items():
            if tag not in declared:
                raise ValueError(f"edition '{tag}' is not in languages\nadd it to languages")
            unknown = [slug for slug in edition.chapters if slug not in chapters]
            if unknown:
                raise ValueError(f"edition '{tag}' lists chapter '{unknown[0]}', which the dossier "
                                 "does not have\nan edition's chapters are some of dossier.chapters")
        return editions

    @property
    def edition_languages(self) -> list[str]:
        """Every edition's language, the dossier's own first."""
        return [self.language] + [tag for tag in self.languages if tag != self.language]

    def edition(self, language: str) -> Manifest:
        """This manifest as the edition in `language` sees it: its texts over the default ones."""
        if language == self.language:
            return self
        own = self.editions.get(language)
        # Its own identifier, so that readers tell the editions apart: given, or derived
        # from the dossier's, the same on every build.
        derived = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.identifier}#{language}')}"
        update = {"language": language, "languages": self.languages, "identifier": derived}
        if own is not None:
            update |= {name: getattr(own, name) for name in own.model_fields_set}
            update["stills"] = {name: own.stills.get(name, image) for name, image in self.stills.items()}
        copy = self.model_copy(update=update)
        copy._source_date = self._source_date
        return copy

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

class Data(Model):
    """Everything in chapters/data/: one YAML file per field, each optional."""

    sources: list[Source] = []
    film: Film | None = None
    technical: Technical | None = None
    contacts: list[Contact] = []
    people: list[PersonEntry] = []
    credits: Credits = Credits()
    reviews: list[Review] = []
    awards: list[Award] = []
    laurels: list[Laurel] = []
    box_office: list[Figure] = []
    facts: list[Figure] = []
    releases: list[Release] = []
    festivals: list[Screening] = []
    claims: list[Claim] = []
    events: list[Event] = []
    timeline: Timeline | None = None
