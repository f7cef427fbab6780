"""File names of editions: from the slug and the outlet, never the same twice."""

from dossierkit.editions.plan import stems
from dossierkit.editions.recipients import Recipient


def _recipient(name, outlet, row):
    return Recipient(name, outlet, f"{row}@example.org", "en", "", row)


def test_names_come_from_the_outlet_and_stay_distinct():
    recipients = [_recipient("Jane Doe", "The Verge", 2), _recipient("Ann Roe", "Example Daily", 3),
                  _recipient("Bob Poe", "Example Daily", 4), _recipient("Jane Doe", "The-Verge", 5),
                  _recipient("Иван", "Пример", 6)]
    assert stems("kit", recipients) == ["kit--the-verge-jane-doe", "kit--example-daily-ann-roe",
                                        "kit--example-daily-bob-poe", "kit--the-verge-jane-doe-5",
                                        "kit--recipient-6"]
