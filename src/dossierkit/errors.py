"""User-facing problems: where a mistake is, what is wrong, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in a dossier's sources, printed as a single line."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.key:
            parts.append(self.key)
        text = ": ".join(parts) + f": {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class DossierError(Exception):
    """Raised for anything the user can fix; carries one or more problems."""

    def __init__(self, *problems: Problem):
        if not problems:
            raise ValueError("DossierError needs at least one problem")
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(file: str | Path, message: str, *, line: int | None = None,
         key: str | None = None, hint: str | None = None) -> DossierError:
    """Build a one-problem error; callers `raise fail(...)`."""
    return DossierError(Problem(str(file), message, line, key, hint))
