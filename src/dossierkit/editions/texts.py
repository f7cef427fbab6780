"""What an edition says about its recipient and embargo, in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass

from dossierkit.editions.recipients import Recipient
from dossierkit.i18n import Labels
from dossierkit.source.embargo import Embargo

SEPARATOR = " · "


@dataclass(frozen=True)
class Stamp:
    """The lines printed on one recipient's copy."""

    margin: str  # on every page: Prepared for NAME, OUTLET · Embargoed until …
    full: tuple[str, str]  # on the title page, in full
    recipient: str  # NAME, OUTLET, for the metadata
    embargo: str  # the moment, ISO 8601 with its offset, for the metadata
    language: str


def moment(embargo: Embargo, labels: Labels) -> str:
    """12 October 2017, 09:00 (Europe/Moscow): the zone by name, which no reader mistakes."""
    return f"{labels.date(embargo.date)}, {embargo.time:%H:%M} ({embargo.timezone})"


def stamp_of(recipient: Recipient, embargo: Embargo) -> Stamp:
    labels = Labels(recipient.language)
    who = {"name": recipient.name, "outlet": recipient.outlet}
    when = moment(embargo, labels)
    margin = (labels.gettext("Prepared for %(name)s, %(outlet)s", **who) + SEPARATOR
              + labels.gettext("Embargoed until %(moment)s", moment=when))
    full = (labels.gettext("This copy was prepared for %(name)s, %(outlet)s (%(email)s).",
                           email=recipient.email, **who),
            labels.gettext("Embargoed until %(moment)s: not to be published before then.", moment=when))
    return Stamp(margin, full, recipient.label, embargo.moment.isoformat(), recipient.language)
