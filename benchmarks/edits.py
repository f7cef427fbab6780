"""The chapter edits the rebuild benchmarks time: each run makes an edit of the same kind
and size that no earlier run made (so no cache can hold its layout), starting from the
chapter as it was, built; the chapter is restored afterwards."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from generate import filler

# About one A4 page of the default dossier's body text (checked by reading the PDF).
ADDED_SENTENCES = 36


class Edit:
    """A change to one file, numbered by run; `restore` puts the file back as it was."""

    def __init__(self, path: Path, change: Callable[[str, int], str]):
        self.path, self.change = path, change
        self.original = path.read_text("utf-8")
        self.count = 0

    def apply(self) -> None:
        self.path.write_text(self.change(self.original, self.count), "utf-8")
        self.count += 1

    def restore(self) -> None:
        self.path.write_text(self.original, "utf-8")


def typo(text: str, number: int) -> str:
    """A one-letter slip: the `number`-th word "the" of the text becomes "teh" (same
    length, so the lines break as before)."""
    words = [match.start() for match in re.finditer(r"\bthe\b", text)]
    if number >= len(words):
        raise ValueError(f"only {len(words)} typo edits in this chapter: use fewer runs")
    at = words[number]
    return text[:at] + "teh" + text[at + 3:]


def added_page(text: str, number: int) -> str:
    """The text with about a page of prose appended: the same prose every run, closed by
    the run's number (so each run's chapter differs from every earlier one)."""
    rng = random.Random(13)
    paragraphs = [filler(rng, ADDED_SENTENCES // 4) for _ in range(4)]
    paragraphs[-1] += f" This paragraph closes benchmark edit {number}."
    return text.rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n"


def edited_runs(edit: Edit, rebuild: Callable[[], None]) -> Callable[[], None]:
    """What to do before each timed run: the file as it was, built (untimed), then edited."""

    def before() -> None:
        edit.restore()
        rebuild()
        edit.apply()

    return before
