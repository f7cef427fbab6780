"""Embargoes: the moment before which a press kit (or one of its quotations) may not be
published, as a date, a time and an IANA time zone."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator

from dossierkit.source.fields import Model

ZONE_HINT = "use an IANA name like Europe/Moscow or UTC"
OVERRIDE_HINT = "write it like 2017-10-12 09:00 Europe/Moscow, or 2017-10-12 for the manifest's time and zone"
_OVERRIDE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?(?:\s+(\S+))?$")


def zone(name: str) -> ZoneInfo:
    """The time zone called `name`; ValueError (for a message) when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{name}'") from None


class Embargo(Model):
    """`[dossier.embargo]`: date, time (HH:MM, midnight when left out) and time zone."""

    date: dt.date
    time: dt.time = dt.time(0, 0)
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            zone(name)
        except ValueError as error:
            raise ValueError(f"{error}\n{ZONE_HINT}") from None
        return name

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.time, zone(self.timezone))

    def overridden(self, text: str) -> Embargo:
        """A recipient's own embargo, `YYYY-MM-DD[ HH:MM][ Zone]`, the rest from this one.
        ValueError names what is wrong."""
        return parse_embargo(text, self)


def parse_embargo(text: str, default: Embargo | None) -> Embargo:
    match = _OVERRIDE.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date and time")
    day, clock, zone_name = match.groups()
    try:
        date = dt.date.fromisoformat(day)
        time = dt.time.fromisoformat(clock.zfill(5)) if clock else (default.time if default else dt.time(0))
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time") from None
    zone_name = zone_name or (default.timezone if default else "UTC")
    zone(zone_name)
    return Embargo(date=date, time=time, timezone=zone_name)
