"""One entry of the message catalogue: a stable code, the message as a template, what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    template: str  # the message as raised, {name} for the parts that vary
    todo: str  # what to do, for the documentation
    example: str = ""  # a whole line as printed (file:line: key: message), for the documentation
