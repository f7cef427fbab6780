"""Turning pydantic's validation errors into one-line problems with file, line and key."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from dossierkit.errors import Problem

M = TypeVar("M", bound=BaseModel)


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


def _without(raw, locs: list[tuple]):
    """A copy of `raw` with the keys at `locs` removed (unknown keys, once reported)."""
    def strip(value, path: tuple):
        if isinstance(value, dict):
            return {k: strip(v, path + (k,)) for k, v in value.items() if path + (k,) not in locs}
        if isinstance(value, list):
            return [strip(v, path + (i,)) for i, v in enumerate(value)]
        return value
    return strip(raw, ())


# pydantic names validators and union branches inside locations ("function-after[...]");
# a user's key may hold "[" too, so only pydantic's own names are dropped.
_PYDANTIC_STEP = re.compile(r"^(function-(after|before|wrap|plain)|list|dict|set|tuple|union|"
                            r"tagged-union|nullable|json-or-python|lax-or-strict|chain)\[")


def _clean_loc(loc) -> tuple:
    return tuple(p for p in loc if not (isinstance(p, str) and _PYDANTIC_STEP.match(p)))


def validate(model: type[M], raw: object, *, file_of: Callable[[tuple], str],
             line_of: Callable[[tuple], int | None],
             key_of: Callable[[tuple], str] = key_path) -> tuple[M | None, list[Problem]]:
    """Validate `raw`; return the model (None if there are errors) and every problem.

    An unknown key is only a warning, and is dropped from the model, unless it stands
    for a required key that is missing (a misspelling): then it is one error, reported
    as unknown with a suggestion rather than also as missing.
    """
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    missing = {_clean_loc(e["loc"]) for e in errors if e["type"] == "missing"}
    problems: list[Problem] = []
    unknown: list[tuple] = []
    replaced: set[tuple] = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = _clean_loc(err["loc"])
        parent, name = loc[:-1], str(loc[-1])
        close = difflib.get_close_matches(name, _fields_at(model, parent), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it or check its spelling"
        stands_for = parent + (close[0],) if close else None
        severity = "error" if stands_for in missing else "warning"
        if stands_for in missing:
            replaced.add(stands_for)
        unknown.append(loc)
        problems.append(Problem(file_of(loc), "unknown key", line_of(loc), key_of(loc), hint,
                                severity))
    seen: set[tuple] = set()
    for err in errors:
        loc = _clean_loc(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden" or loc in replaced or loc in seen:
            continue
        seen.add(loc)
        if kind == "missing":
            message, hint = "required key is missing", "add it"
        else:
            message = err["msg"].replace("Value error, ", "")
            message = message[:1].lower() + message[1:]
            # A model's own check says what to do on a second line.
            message, _, own_hint = message.partition("\n")
            hint = own_hint or _hint_for(kind)
        problems.append(Problem(file_of(loc), message, line_of(loc), key_of(loc), hint,
                                code=None if kind == "missing" else "D203"))
    if any(p.is_error for p in problems):
        return None, problems
    # Without its unknown keys the input is valid (pydantic reported every error at once).
    instance, more = validate(model, _without(raw, unknown), file_of=file_of,
                              line_of=line_of, key_of=key_of)
    return instance, problems + more


def _hint_for(kind: str) -> str | None:
    if kind.startswith(("string_pattern", "literal")):
        return None
    if kind in {"string_too_short", "too_short"}:
        return "give at least one value"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "fix the value's type"
    return None
