"""Planning a run of editions: each recipient's embargo and file names, which quotations
their embargo leaves out, and the groups of recipients that share one layout."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from dossierkit.editions.base import edition_language
from dossierkit.editions.recipients import Recipient
from dossierkit.errors import DossierError, Problem
from dossierkit.options import DATA_DIR, MANIFEST
from dossierkit.source.embargo import Embargo

QuoteKey = tuple[str, int]  # (review id, index of the quote in the review)


@dataclass(frozen=True)
class Planned:
    recipient: Recipient
    embargo: Embargo
    left_out: frozenset[QuoteKey]  # quotes this edition leaves out
    stem: str  # file name without suffix: <slug>--<outlet>
    language: str  # the language edition of the dossier it is stamped onto

    @property
    def book(self) -> tuple[str, frozenset[QuoteKey]]:
        """What decides the laid-out book: the language edition and the quotes it prints."""
        return self.language, self.left_out


def slugified(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def stems(slug: str, recipients: list[Recipient]) -> list[str]:
    """`slug--outlet`; with the name too where two recipients share an outlet, and the
    row where a name has no Latin letters to make a file name of."""
    outlets = defaultdict(int)
    for recipient in recipients:
        outlets[slugified(recipient.outlet)] += 1
    names: list[str] = []
    for recipient in recipients:
        outlet = slugified(recipient.outlet)
        parts = [outlet] if outlet and outlets[outlet] == 1 else [outlet, slugified(recipient.name)]
        stem = f"{slug}--" + ("-".join(p for p in parts if p) or f"recipient-{recipient.row}")
        # Two recipients whose names differ only in what a file name cannot keep.
        names.append(stem if stem not in names else f"{stem}-{recipient.row}")
    return names


def plan(dossier, recipients: list[Recipient], shown_file: str, *, strict: bool
         ) -> tuple[list[Planned], list[Problem]]:
    """Every recipient's edition, or a DossierError: an edition without an embargo, an
    uncleared quote it would print, or (when strict) a quote its embargo leaves out."""
    default = dossier.manifest.embargo
    lines = _quote_lines(dossier.root)
    problems: list[Problem] = []
    planned = []
    told: set[tuple[str, int]] = set()  # each quote is reported once, for its first edition
    for recipient, stem in zip(recipients, stems(dossier.manifest.slug, recipients)):
        embargo = recipient.embargo(default)
        if embargo is None:
            problems.append(Problem(MANIFEST, "an edition needs an embargo", key="dossier.embargo",
                                    hint="add [dossier.embargo] with date, time and timezone, or give "
                                    f"the recipients an embargo column in {shown_file}"))
            break
        left_out = frozenset(_left_out(dossier, embargo))
        for review_id, index, quote, where in _quotes(dossier, lines):
            if (review_id, index) in told:
                continue
            short = _short(quote.text)
            if (review_id, index) in left_out:
                problems.append(Problem(where[0], f"quote “{short}” is embargoed until {quote.embargo}, "
                                        f"after the edition for {recipient.label}: left out", where[1],
                                        where[2], hint=f"it is printed in editions embargoed from {quote.embargo} on",
                                        severity="error" if strict else "warning"))
                told.add((review_id, index))
            elif not quote.cleared:
                problems.append(Problem(where[0], f"quote “{short}” is not cleared for the edition for "
                                        f"{recipient.label}", where[1], where[2],
                                        hint="set cleared: true once permission is given, or remove the quote"))
                told.add((review_id, index))
        language = edition_language(dossier.manifest, recipient.language)
        planned.append(Planned(recipient, embargo, left_out, stem, language))
    if any(p.is_error for p in problems):
        raise DossierError(*problems)
    return planned, problems


def groups(planned: list[Planned]) -> dict[tuple[str, frozenset[QuoteKey]], list[Planned]]:
    """Recipients who get the same language edition with the same quotations share one
    layout; a different set of quotes is a different book, laid out once for its group."""
    grouped: dict[tuple[str, frozenset[QuoteKey]], list[Planned]] = {}
    for edition in planned:
        grouped.setdefault(edition.book, []).append(edition)
    return grouped


def _left_out(dossier, embargo: Embargo):
    for review in dossier.data.reviews:
        for index, quote in enumerate(review.quotes):
            if quote.embargo is not None and quote.embargo > embargo.date:
                yield review.id, index


def _quotes(dossier, lines):
    for position, review in enumerate(dossier.data.reviews):
        for index, quote in enumerate(review.quotes):
            if quote.embargo is not None or not quote.cleared:
                key = f"[{position}].quotes[{index}]"
                yield review.id, index, quote, (lines[0], lines[1].get((position, "quotes", index)), key)


def _quote_lines(root) -> tuple[str, dict]:
    """The reviews file and the line of each of its quotes, for the messages."""
    from dossierkit.source.yamlfile import parse_yaml

    for suffix in (".yaml", ".yml"):
        path = root / DATA_DIR / f"reviews{suffix}"
        if path.is_file():
            rel = f"{DATA_DIR}/reviews{suffix}"
            _, locator = parse_yaml(path.read_text("utf-8"), rel)
            return rel, _Lines(locator)
    return f"{DATA_DIR}/reviews.yaml", _Lines(None)


class _Lines:
    def __init__(self, locator):
        self.locator = locator

    def get(self, path):
        return self.locator.line(path) if self.locator is not None else None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
