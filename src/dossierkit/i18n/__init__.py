"""The words the tool writes itself, in the dossier's language: gettext catalogues for the
labels, Babel for dates, numbers and plural forms."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from importlib import resources

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

# Languages with a catalogue; any other gets the English labels (and one warning).
LANGUAGES = ("en", "ru", "de", "fr", "es")
# How each language writes a full date and a month of a year (Babel patterns).
DAY = {"de": "d. MMMM y", "es": "d 'de' MMMM 'de' y"}
MONTH = {"es": "LLLL 'de' y"}
PLURAL_ORDER = ("zero", "one", "two", "few", "many")


def primary(language: str) -> str:
    return language.split("-")[0].lower()


def has_catalogue(language: str) -> bool:
    return primary(language) in LANGUAGES


@cache
def translations(language: str) -> NullTranslations:
    """The language's catalogue, compiled from its .po file when first asked for."""
    code = primary(language)
    if code == "en" or code not in LANGUAGES:
        return NullTranslations()
    text = resources.files("dossierkit.i18n").joinpath(f"{code}.po").read_text("utf-8")
    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.StringIO(text), locale=code))
    compiled.seek(0)
    return Translations(compiled)


class Labels:
    """Everything a dossier's edition needs to speak its language: labels, dates, numbers."""

    def __init__(self, language: str):
        self.language = language
        self.code = primary(language) if has_catalogue(language) else "en"
        self.locale = Locale.parse(self.code)
        self._translations = translations(self.code)

    def gettext(self, message: str, **values) -> str:
        text = self._translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values) -> str:
        text = self._translations.ngettext(singular, plural, count)
        return text % {"num": self.number(count), **values}

    def date(self, day: dt.date) -> str:
        """A full date: 12 October 2017, 12 октября 2017, 12. Oktober 2017."""
        return format_date(day, DAY.get(self.code, "d MMMM y"), locale=self.locale)

    def month(self, day: dt.date) -> str:
        return format_date(day, MONTH.get(self.code, "LLLL y"), locale=self.locale)

    def partial(self, text: str) -> str:
        """A date as precise as it is written: `2017`, `2017-09` or `2017-09-21`."""
        parts = [int(p) for p in str(text).split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return self.month(dt.date(parts[0], parts[1], 1))
        return self.date(dt.date(*parts))

    def short_month(self, day: dt.date) -> str:
        return format_date(day, "LLL", locale=self.locale)

    def day_month(self, day: dt.date) -> str:
        return format_date(day, "d MMM", locale=self.locale)

    def number(self, value) -> str:
        return format_decimal(value, locale=self.locale)

    def plural(self, count: int, *forms: str) -> str:
        """`count` with the form of the word its number takes in this language: forms are
        given in CLDR order (one, few, many… for Russian; one, other for English)."""
        if not forms:
            raise ValueError("plural() needs the word's forms, e.g. plural(n, 'review', 'reviews')")
        tags = self.locale.plural_form.tags
        categories = [tag for tag in PLURAL_ORDER if tag in tags] + ["other"]
        index = categories.index(self.locale.plural_form(count))
        return f"{self.number(count)}\u00a0{forms[min(index, len(forms) - 1)]}"
