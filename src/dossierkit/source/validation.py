"""Turning pydantic's validation errors into one-line problems with file, line and key."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from pydantic import BaseModel, ValidationError

from dossierkit.errors import Problem


def key_path(loc: Iterable) -> str:
    """("cast", 3, "actor") -> "cast[3].actor"."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a model accepts at a location, for "did you mean" hints."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def problems_from(error: ValidationError, model: type[BaseModel], *,
                  file_of: Callable[[tuple], str], line_of: Callable[[tuple], int | None],
                  key_of: Callable[[tuple], str] = key_path) -> list[Problem]:
    """One problem per location; pydantic's union branches would otherwise repeat it."""
    problems: list[Problem] = []
    seen: set[tuple] = set()
    errors = error.errors(include_url=False)
    # A misspelt key is reported once, as unknown with a suggestion, not also as missing.
    suggested = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            for name in difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1):
                suggested.add(loc[:-1] + (name,))
    errors.sort(key=lambda err: err["type"] != "extra_forbidden")
    for err in errors:
        if err["type"] == "missing" and tuple(err["loc"]) in suggested:
            continue
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        kind = err["type"]
        if kind == "extra_forbidden":
            parent, name = loc[:-1], str(loc[-1])
            allowed = _fields_at(model, parent)
            close = difflib.get_close_matches(name, allowed, n=1)
            message = "unknown key"
            hint = f"did you mean '{close[0]}'?" if close else "remove it or check its spelling"
        elif kind == "missing":
            message, hint = "required key is missing", "add it"
        else:
            message = err["msg"].replace("Value error, ", "")
            message = message[0].lower() + message[1:]
            hint = _hint_for(kind)
        if loc in seen:
            continue
        seen.add(loc)
        problems.append(Problem(file_of(loc), message, line_of(loc), key_of(loc), hint))
    return problems


def _hint_for(kind: str) -> str | None:
    if kind.startswith(("string_pattern", "literal")):
        return None
    if kind in {"string_too_short", "too_short"}:
        return "give at least one value"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "fix the value's type"
    return None
