"""Non-breaking spaces and quotation marks by the text's language."""

from __future__ import annotations

import pytest
from lxml import etree

from dossierkit.render.markdown import markdown_to_html
from dossierkit.render.typography import typeset

NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize("language, text, expected", [
    ("en", "On 12 October 1985 — p. 115, 40 %", f"On 12{NB}October{NB}1985{NB}— p.{NB}115, 40{NB}%"),
    ("ru", "Вышел 12 октября 2017 г. в прокат и собрал 783 млн",
     f"Вышел 12{NB}октября 2017{NB}г. в{NB}прокат и{NB}собрал 783{NB}млн"),
    ("fr", "Il a dit : oui ! Vraiment ?", f"Il a dit{NNB}: oui{NNB}! Vraiment{NNB}?"),
    ("de", "am 12. Oktober 2017, S. 4", f"am 12.{NB}Oktober 2017, S.{NB}4"),
])
def test_each_language_keeps_its_own_spaces(language, text, expected):
    paragraph = etree.fromstring(f"<p>{text}</p>")
    typeset(paragraph, language)
    assert paragraph.text == expected


def test_text_marked_in_another_language_follows_its_rules():
    paragraph = etree.fromstring('<p>в доме <span lang="en">in the house</span> и</p>')
    typeset(paragraph, "ru")
    assert paragraph.text == f"в{NB}доме " and paragraph[0].text == "in the house"


@pytest.mark.parametrize("language, quoted", [
    ("en", "“Salyut”"), ("ru", "«Салют»"), ("de", "„Salyut“"), ("fr", f"«{NNB}Salyut{NNB}»"),
    ("es", "«Salyut»")])
def test_quotation_marks_follow_the_language(language, quoted):
    word = "Салют" if language == "ru" else "Salyut"
    assert quoted in markdown_to_html(f'"{word}"', language)
