"""The press-kit sections publicists expect: technical sheet, contacts, people, releases, laurels."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dossierkit.source.fields import Image, Model, PartialDate, Slug, SourceRef, Sources, Text


class Rating(Model):
    territory: Text
    rating: Text
    sources: list[SourceRef] = []


class RunningTime(Model):
    """One listed running time; versions and listings often differ, so there may be several."""

    minutes: int = Field(gt=0)
    version: Text | None = None
    sources: list[SourceRef] = []


class Technical(Model):
    """The technical sheet; every field optional, the sheet's `sources` cover what it states."""

    running_times: list[RunningTime] = []
    aspect_ratio: Text | None = None
    picture_format: Text | None = None
    colour: Text | None = None
    sound: Text | None = None
    languages: list[Text] = []
    subtitles: list[Text] = []
    ratings: list[Rating] = []
    genre: Text | None = None
    countries: list[Text] = []
    production_companies: list[Text] = []
    sources: Sources


ContactKind = Literal["press", "sales", "distributor", "festival", "production"]


class Contact(Model):
    """Who to call: an organisation (or a person) for press, sales, distribution or festivals."""

    kind: ContactKind
    organisation: Text
    person: Text | None = None
    role: Text | None = None
    territory: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    web: Text | None = None
    sources: list[SourceRef] = []


class Work(Model):
    title: Text
    year: int | None = None
    role: Text | None = None


class PersonEntry(Model):
    """A director, crew member or actor with a biography; credits point here by `id`."""

    id: Slug
    name: Text
    name_original: Text | None = None
    roles: list[Text] = []
    bio: Text | None = None
    filmography: list[Work] = []
    portrait: Image | None = None
    sources: Sources


ReleaseKind = Literal["festival", "market", "premiere", "theatrical", "streaming",
                      "television", "home-video"]


class Release(Model):
    """A date the film met an audience: festival, market, premiere, cinemas, TV or streaming."""

    kind: ReleaseKind
    territory: Text
    date: PartialDate | None = None
    event: Text | None = None
    venue: Text | None = None
    distributor: Text | None = None
    title: Text | None = None
    note: Text | None = None
    sources: Sources


class Laurel(Model):
    """A selection or prize as the cover shows it: the event and what the film got there."""

    event: Text
    label: Text
    year: int | None = None
    image: Image | None = None
    sources: Sources

    @model_validator(mode="after")
    def _label_not_event(self):
        if self.label.casefold() == self.event.casefold():
            raise ValueError("the label says what the film got at the event, e.g. 'Official selection'")
        return self
