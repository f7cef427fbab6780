"""Markdown to HTML: CommonMark with the extensions chapters use, quotes by language, and
the allow-list that raw HTML is cut to."""

from __future__ import annotations

import pytest
from lxml import etree

from dossierkit.render.markdown import markdown_to_html, note_class
from dossierkit.render.sanitise import clean_fragment


def sanitise(html: str) -> str:
    """The allowed markup of `html`, as the chapter's tree holds it (images as given)."""
    section = clean_fragment(html, "c.md", lambda url: url)
    return (section.text or "") + "".join(etree.tostring(child, encoding="unicode", method="html")
                                          for child in section)


def test_extensions_chapters_use():
    html = markdown_to_html("{#intro .lead}\nA claim[^a].\n\nTerm\n: Its definition\n\n"
                            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n[^a]: A note.\n", "en")
    assert f'<p id="intro" class="lead">A claim<sup class="{note_class("footnote-ref")}">' in html
    assert "<dl>\n<dt>Term</dt>\n<dd>Its definition</dd>\n</dl>" in html
    assert "<th>a</th>" in html and "<td>2</td>" in html
    assert "<s>gone</s>" in html
    assert f'<li id="fn1" class="{note_class("footnote-item")}"><p>A note.' in html


@pytest.mark.parametrize(("language", "quoted"), [
    ("en", "<p>“Salyut” – it’s</p>"),
    ("en-GB", "<p>“Salyut” – it’s</p>"),
    ("ru", "<p>«Salyut» – it’s</p>"),
    ("de", "<p>„Salyut“ – it’s</p>"),
    # French guillemets hold the word with narrow no-break spaces, so no line starts with ».
    ("fr", "<p>«\u202fSalyut\u202f» – it’s</p>"),
    ("xx", "<p>“Salyut” – it’s</p>"),  # a language without its own marks gets English ones
])
def test_typographic_quotes_follow_the_language(language, quoted):
    assert markdown_to_html("\"Salyut\" -- it's", language).strip() == quoted


def test_raw_html_is_cut_to_the_allow_list():
    clean = sanitise('<p onclick="x()" class="c" style="color:red">a '
                     '<a href="https://e.org" rel="nofollow" '
                     'target="_blank">w</a><script>s()</script><!-- note --><iframe src="x"></iframe>'
                     '<img src="a.png" alt="A" onerror="x()"><q cite="https://e.org">q</q></p>')
    assert clean == ('<p class="c">a <a href="https://e.org">w</a>'
                     '<img src="a.png" alt="A"><q cite="https://e.org">q</q></p>')


def test_a_script_link_is_refused_not_dropped():
    from dossierkit.errors import DossierError

    with pytest.raises(DossierError) as error:
        sanitise('<a href="javascript:alert(1)">j</a>')
    assert str(error.value) == ("c.md: link to 'javascript:alert(1)' cannot work in a PDF or EPUB "
                                "(link to a web address or to an #id in the dossier)")


def test_allowed_structure_survives():
    html = ('<section id="s" lang="ru"><figure><figcaption>c</figcaption></figure>'
            '<table><tbody><tr><th scope="col" colspan="2">h</th></tr></tbody></table>'
            '<ol start="3" reversed=""><li>x</li></ol><time datetime="1985-06-08">8 June</time>'
            '<a href="mailto:a@example.org">mail</a></section>')
    assert sanitise(html) == html
