"""Checks across entries and files once every data file is valid on its own: ids, references."""

from __future__ import annotations

import difflib

from pydantic import BaseModel

from dossierkit.source.models import Data, SourceRef

# (location in Data, message, hint)
Found = list[tuple[tuple, str, str]]


def check_ids(data: Data) -> Found:
    problems = []
    for field in ("sources", "reviews", "claims", "people"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(data, field)):
            if item.id in seen:
                problems.append(((field, index, "id"),
                                 f"duplicate id '{item.id}' (first used at [{seen[item.id]}])",
                                 "give each entry its own id"))
            seen.setdefault(item.id, index)
    return problems


def check_cast(data: Data) -> Found:
    """The same actor in the same role twice; a double role is two entries, two characters."""
    problems = []
    seen: dict[tuple, int] = {}
    for index, credit in enumerate(data.credits.cast):
        if credit.actor is None:
            continue
        role = (credit.actor, credit.character)
        if role in seen:
            who = f"actor '{credit.actor}'" + (f" as '{credit.character}'" if credit.character else "")
            problems.append((("credits", "cast", index, "actor"),
                             f"{who} is listed twice (first at cast[{seen[role]}])",
                             "remove this entry; for a double role give each its character"))
        seen.setdefault(role, index)
    return problems


def check_people(data: Data) -> Found:
    """Credits that point at a biography must find it in people.yaml."""
    known = sorted(person.id for person in data.people)
    problems = []

    def check(person_id: str, loc: tuple) -> None:
        if person_id not in known:
            close = difflib.get_close_matches(person_id, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "add them to people.yaml"
            problems.append((loc, f"unknown person '{person_id}'", hint))

    for index, credit in enumerate(data.credits.crew):
        for place, person_id in enumerate(credit.people):
            check(person_id, ("credits", "crew", index, "people", place))
    for index, credit in enumerate(data.credits.cast):
        if credit.person is not None:
            check(credit.person, ("credits", "cast", index, "person"))
    return problems


def check_references(data: Data) -> Found:
    known = {source.id for source in data.sources}
    problems = []

    def walk(value: object, loc: tuple) -> None:
        if isinstance(value, SourceRef):
            if value.id not in known:
                close = difflib.get_close_matches(value.id, sorted(known), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "add it to sources.yaml"
                problems.append((loc, f"unknown source '{value.id}'", hint))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), loc + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, loc + (index,))

    walk(data, ())
    return problems
