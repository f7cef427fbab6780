"""Every word the tool writes itself, in each language it has a catalogue for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dossierkit.i18n import LANGUAGES, Labels

PACKAGE = Path(__file__).parents[2] / "src" / "dossierkit"
DAY = dt.date(2017, 10, 12)

EXPECTED = {
    #      Contents       Notes          A film by X             date                plural (5 minutes)
    "en": ("Contents", "Notes", "A film by X", "12 October 2017", "5 minutes", "1 minute"),
    "ru": ("Содержание", "Примечания", "Фильм X", "12 октября 2017", "5 минут", "1 минута"),
    "de": ("Inhalt", "Anmerkungen", "Ein Film von X", "12. Oktober 2017", "5 Minuten", "1 Minute"),
    "fr": ("Sommaire", "Notes", "Un film de X", "12 octobre 2017", "5 minutes", "1 minute"),
    "es": ("Índice", "Notas", "Una película de X", "12 de octubre de 2017", "5 minutos", "1 minuto"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_labels_dates_and_plurals(language):
    labels = Labels(language)
    contents, notes, film_by, date, five, one = EXPECTED[language]
    assert labels.gettext("Contents") == contents
    assert labels.gettext("Notes") == notes
    assert labels.gettext("A film by %(directors)s", directors="X") == film_by
    assert labels.date(DAY) == date
    assert labels.ngettext("%(num)s minute", "%(num)s minutes", 5) == five
    assert labels.ngettext("%(num)s minute", "%(num)s minutes", 1) == one


def test_russian_has_three_plural_forms_and_its_own_numbers():
    labels = Labels("ru")
    forms = ("рецензия", "рецензии", "рецензий")
    assert [labels.plural(n, *forms) for n in (1, 3, 5, 21, 111)] == [
        "1\u00a0рецензия", "3\u00a0рецензии", "5\u00a0рецензий", "21\u00a0рецензия", "111\u00a0рецензий"]
    assert labels.number(1234567) == "1\u00a0234\u00a0567"
    assert labels.partial("2017-09") == "сентябрь 2017" and labels.partial("2017") == "2017"


def test_english_plural_says_1_review():
    assert Labels("en").plural(1, "review", "reviews") == "1\u00a0review"
    assert Labels("en").plural(2, "review", "reviews") == "2\u00a0reviews"


def test_a_language_without_a_catalogue_gets_english():
    labels = Labels("it")
    assert labels.gettext("Contents") == "Contents" and labels.date(DAY) == "12 October 2017"
    assert Labels("ru-RU").gettext("Contents") == "Содержание"


def test_every_message_the_package_uses_is_in_every_catalogue():
    used = {msg if isinstance(msg, str) else msg[0]
            for _, _, msg, _, _ in extract_from_dir(
                PACKAGE, method_map=[("**.py", "python"), ("**/theme/**.html", "jinja2")],
                keywords={"gettext": None, "ngettext": (1, 2), "_": None})}
    assert "Contents" in used and "A film by %(directors)s" in used
    for language in LANGUAGES:
        with (PACKAGE / "i18n" / f"{language}.po").open(encoding="utf-8") as po:
            catalogue = read_po(po, locale=language)
        translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue
                      if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])}
        assert sorted(used - translated) == [], language
