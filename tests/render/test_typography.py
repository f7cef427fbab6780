"""Non-breaking spaces where a typographer puts them, outside code and figures."""

from __future__ import annotations

import pytest
from lxml import etree

from dossierkit.render.breaks import protect_capitalised
from dossierkit.render.quotes import curl
from dossierkit.render.typography import NBSP, typeset
from dossierkit.render.xhtml import parse_fragment, to_xml


@pytest.mark.parametrize(("text", "tied"), [
    ("on 12 October 2017", f"on 12{NBSP}October{NBSP}2017"),
    ("470 million roubles", f"470{NBSP}million roubles"),
    ("3 h 35 min", f"3{NBSP}h 35{NBSP}min"),
    ("50 % of 112 days", f"50{NBSP}% of 112{NBSP}days"),
    ("in October 2017", f"in October{NBSP}2017"),
    ("p. 115 and pp. 12–14, No. 4", f"p.{NBSP}115 and pp.{NBSP}12–14, No.{NBSP}4"),
    ("V. Savinykh", f"V.{NBSP}Savinykh"),
    ("a rescue – and a film", f"a rescue{NBSP}– and a film"),
    ("Nothing to tie here.", "Nothing to tie here."),
])
def test_rules(text, tied):
    root = parse_fragment(f"<p>{text}</p>")
    typeset(root)
    assert root.find("p").text == tied


def test_text_and_tails_but_not_code_or_svg():
    root = parse_fragment("<p>On 12 June <b>1985</b> 2 days <code>12 June <b>3 days</b></code> "
                          "3 days</p><pre>p. 1</pre>")
    label = etree.SubElement(root, "{http://www.w3.org/2000/svg}text")
    label.text = "11 Feb"
    typeset(root)
    assert to_xml(root.find("p")) == (
        f"<p>On 12{NBSP}June <b>1985</b> 2{NBSP}days <code>12 June <b>3 days</b></code> 3{NBSP}days</p>")
    assert root.find("pre").text == "p. 1"
    assert label.text == "11 Feb"  # a generated figure is laid out by its own rules


def test_straight_quotes_and_apostrophes_become_curly():
    assert curl("Ain't It Cool News") == "Ain’t It Cool News"
    assert curl('She said "yes" to the \'80s') == "She said “yes” to the ’80s"
    assert curl("'quoted'") == "‘quoted’"
    assert curl('"Hello"', "ru") == "«Hello»"


def test_addresses_are_marked_and_capitalised_words_protected():
    root = etree.fromstring('<section><p>Ainsworth wrote it. See '
                            '<a href="https://example.org/a">https://example.org/a</a>.</p></section>')
    typeset(root)
    protect_capitalised(root)
    assert root.find(".//a").get("class") == "url"
    assert [s.text for s in root.iter("span")] == ["Ainsworth"]
