"""Class 1: raw HTML is parsed once, and the tree the checks pass is the tree the writers
serialise. Generated HTML (mutation-XSS payloads among it) never leaves a script, an event
handler, a non-web link or a file: or ../ reference in the EPUB's XHTML or in the print
HTML as WeasyPrint parses it again."""

from __future__ import annotations

import zipfile
from types import SimpleNamespace

import lxml.html
import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from tinyhtml5.parser import HTMLParser

from attacks.common import append, invoke
from dossierkit.errors import DossierError, Problem
from dossierkit.render.book import _finish
from dossierkit.render.sanitise import clean_fragment
from helpers import epubcheck_messages

RAW_TEXT = ["script", "style", "noscript", "template", "textarea", "title", "xmp", "iframe",
            "noembed", "noframes", "plaintext", "select", "option", "svg", "math", "mtext",
            "mglyph", "annotation-xml", "foreignObject", "desc", "table", "form", "object"]
KEPT = ["p", "a", "img", "span", "div", "b", "figure", "sup", "section", "aside", "li", "ol"]
URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
        "vbscript:x", "data:text/html,<script>x</script>", "file:///etc/passwd",
        "../../../../etc/passwd", "//evil.example/x", "http://example.org/", "#here",
        "mailto:a@example.org", "ok.png", "&#106;avascript:x", "/etc/passwd"]
ATTRIBUTES = ["onclick", "onerror", "onload", "href", "src", "title", "class", "id", "style",
              "srcset", "xlink:href", "cite", "action", "formaction", "data"]
TEXT = ["</noscript>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "</p>", "'", '"', "&",
        "&lt;", "<a href='../x'>", "<img src=x onerror=alert(1)>", "x", "</title>", "</textarea>"]


@st.composite
def tags(draw) -> str:
    name = draw(st.sampled_from(RAW_TEXT + KEPT))
    attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES),
                                         st.sampled_from(URLS + TEXT)), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    written = " ".join(f"{n}={quote}{v}{quote}" for n, v in attributes)
    return draw(st.sampled_from([f"<{name} {written}>", f"</{name}>", f"<{name}/>"]))


html_inputs = st.lists(st.one_of(tags(), st.sampled_from(TEXT)), min_size=1, max_size=25).map("".join)

FORBIDDEN = {"script", "style", "iframe", "object", "embed", "svg", "math", "noscript",
             "template", "link", "meta", "base", "form", "input", "textarea", "frame"}
WEB = ("#", "http://", "https://", "mailto:")
SAFE_ATTRIBUTES = {"id", "class", "lang", "title", "dir", "href", "src", "alt", "width", "height",
                   "colspan", "rowspan", "scope", "start", "reversed", "datetime", "cite"}


MANIFEST = SimpleNamespace(original_language=None, language="en")


def _image(url: str) -> str:
    if url != "ok.png":
        raise DossierError(Problem("c.md", "refused"))
    return "images/ok.png"


def _assert_safe(tree) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rsplit("}", 1)[-1].lower()
        assert name not in FORBIDDEN, name
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), attribute
            assert local in SAFE_ATTRIBUTES, attribute  # no style, srcset, action, data…
            if local in ("href", "cite"):
                assert value.startswith(WEB) and "../" not in value, value
            if local == "src":
                assert value == "images/ok.png", value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_inputs)
def test_generated_html_leaves_nothing_active_in_either_output(html):
    try:
        section = clean_fragment(html, "c.md", _image)
    except DossierError:
        return  # refused with its line(s): nothing is written
    section.insert(0, etree.Element("h1"))
    try:
        part = _finish(section, "c", "chapter", "c.md", set(), MANIFEST)
    except DossierError:
        return  # an id given twice: refused with its line
    xhtml = etree.fromstring(part.xhtml)  # what the EPUB carries
    _assert_safe(xhtml)
    # What WeasyPrint reads: the print HTML, parsed again by the same HTML5 rules.
    printed = lxml.html.tostring(xhtml, method="html", encoding="unicode")
    _assert_safe(HTMLParser(namespace_html_elements=False).parse_fragment(printed, container="body"))


NOSCRIPT = ("\n<noscript><p title=\"</noscript><a href='../../../../../etc/passwd'>here</a>\">"
            "text</p></noscript>\n\n<noscript><p title=\"</noscript><img src='../../../x.png'>\">"
            "more</p></noscript>\n\nAfter.\n")


def test_the_noscript_trick_leaves_no_link_in_the_pdf_or_the_epub(minimal):
    append("chapters/two.md", NOSCRIPT)(minimal)
    result = invoke(["build", str(minimal)])
    assert result.exit_code == 0, result.output
    links = []
    with pikepdf.open(minimal / "build/minimal.pdf") as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None and "/URI" in action:
                    links.append(str(action.URI))
    assert all(link.startswith(("http://", "https://", "mailto:")) for link in links), links
    with zipfile.ZipFile(minimal / "build/minimal.epub") as z:
        two = etree.fromstring(z.read("EPUB/text/two.xhtml"))
    # The payload stays what the parse made it, the text of a title attribute.
    targets = [v for el in two.iter() for k, v in el.attrib.items() if k in ("href", "src")]
    assert targets and not [t for t in targets if "passwd" in t or t.startswith("../../")], targets
    assert "After." in "".join(two.itertext())
    assert epubcheck_messages(minimal / "build/minimal.epub") == []
