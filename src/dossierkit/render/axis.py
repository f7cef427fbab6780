"""Ticks for a time axis from the data's own dates: days, months or years, as the span needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossierkit.i18n import Labels

MAX_TICKS = 8  # more labels than this crowd a figure at phone width
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3, 6)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass(frozen=True)
class Tick:
    day: dt.date
    label: str


def _step(count: int, steps: tuple[int, ...]) -> int:
    return next((s for s in steps if count / s <= MAX_TICKS), steps[-1])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def ticks(start: dt.date, end: dt.date, labels: Labels) -> tuple[list[Tick], str]:
    """The ticks between `start` and `end`, and a label for the whole span (its year or
    years), for the axis's row."""
    days = (end - start).days
    years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if days <= 31:
        step = _step(days + 1, DAY_STEPS)
        marks = [start + dt.timedelta(days=n) for n in range(0, days + 1, step)]
        return [Tick(d, labels.day_month(d)) for d in marks], years
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 30:
        step = _step(months + 1, MONTH_STEPS)
        first = start if start.day == 1 else _add_months(start, 1)
        marks, day = [], first
        while day <= end:
            marks.append(day)
            day = _add_months(day, step)
        # A month tick says the year where the year changes, so a span over New Year reads.
        return [Tick(d, labels.short_month(d) + (f" {d.year}" if d.month == 1 and i else ""))
                for i, d in enumerate(marks)], years
    step = _step(end.year - start.year + 1, YEAR_STEPS)
    first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    first += (-first) % step
    marks = [dt.date(year, 1, 1) for year in range(first, end.year + 1, step)]
    return [Tick(d, str(d.year)) for d in marks], years
