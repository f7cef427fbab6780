"""User-facing problems: where a mistake is, what is wrong, and what to do about it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

# How much of a user's input a message quotes: enough to recognise it, never a flood.
QUOTE_LIMIT = 120


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """User input as a message shows it: on one line (control characters written as
    escapes) and at most `limit` characters, cut with an ellipsis."""
    shown = _one_line(str(text))
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    escapes = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(c if c.isprintable() else escapes.get(c) or
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in text)


@dataclass(frozen=True)
class Problem:
    """One mistake in a dossier's sources, printed as a single line.

    A warning does not stop the build unless the build is strict.
    """

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None
    severity: Severity = "error"
    # The code in dossierkit.catalogue for a message no template there fits (a catch-all
    # such as a validation message of pydantic's); a fitting template's code comes first.
    code: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.key:
            parts.append(self.key)
        text = ": ".join(parts) + f": {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        # One problem, one line, whatever a file name or a value holds.
        return _one_line(text)

    @property
    def catalogue_code(self) -> str | None:
        from dossierkit.catalogue import code_for

        code = code_for(self.message) or self.code
        if code is None and os.environ.get("DOSSIERKIT_CATALOGUE_CHECK"):
            # The tests set it: a message the catalogue does not know is a defect.
            raise AssertionError(f"no catalogue entry for the message: {self.message!r}")
        return code

    def report(self) -> str:
        """The line the user sees: severity, code, where, what and what to do."""
        code = self.catalogue_code
        return f"{self.severity}[{code}]: {self}" if code else f"{self.severity}: {self}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_error(self) -> Problem:
        return replace(self, severity="error")


class DossierError(Exception):
    """Raised for anything the user can fix; carries its problems (and any warnings met
    on the way, so that they are still shown when the build stops)."""

    def __init__(self, *problems: Problem):
        if not any(p.is_error for p in problems):
            raise ValueError("DossierError needs at least one error")
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems if p.is_error))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def shown(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    path = path.absolute()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def fail(file: str | Path, message: str, *, line: int | None = None,
         key: str | None = None, hint: str | None = None, code: str | None = None) -> DossierError:
    """Build a one-problem error; callers `raise fail(...)`."""
    return DossierError(Problem(str(file), message, line, key, hint, code=code))


class Problems:
    """Collects problems from many files so that one run reports them all."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.items: list[Problem] = []

    def add(self, *problems: Problem) -> None:
        for problem in problems:
            self.items.append(problem.as_error() if self.strict else problem)

    def warn(self, problem: Problem) -> None:
        self.add(replace(problem, severity="warning"))

    def collect(self, action, *args, **kwargs):
        """Run `action`; if it raises a DossierError, keep its problems and return None."""
        try:
            return action(*args, **kwargs)
        except DossierError as error:
            self.add(*error.problems)
            return None

    def extend(self, problems: Iterable[Problem]) -> None:
        self.add(*problems)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.items if not p.is_error)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise DossierError(*self.items)
