"""Class 2: SVG image files are cleaned against an allow-list, or refused with one line."""

from __future__ import annotations

import zipfile

import pytest
from PIL import Image

from attacks.common import BOTH, append, assert_refused, seed_previous, steps, write
from helpers import epubcheck_messages

HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10"{root}>\n<rect width="10" height="10" fill="#123"/>\n')
HINT = "remove it, or export the SVG as plain shapes"


def svg(payload: str = "", root: str = "", before: str = "") -> str:
    return before + HEAD.format(root=root) + payload + "\n</svg>\n"


SHOW = append("chapters/two.md", "\n![A figure](images/f.svg)\n")

# name: (the SVG file, expected line).
CASES = {
    "script element": (svg("<script>alert(1)</script>"),
                       f"images/f.svg:3: an SVG image cannot hold <script> ({HINT})"),
    "onload on the root": (svg(root=' onload="alert(1)"'),
                           f"images/f.svg:1: an SVG image cannot hold the event handler 'onload' ({HINT})"),
    "onclick on a shape": (svg('<circle r="2" onclick="alert(1)"/>'),
                           f"images/f.svg:3: an SVG image cannot hold the event handler 'onclick' ({HINT})"),
    "use of another file": (svg('<use href="other.svg#a"/>'),
                            "images/f.svg:3: an SVG image cannot load 'other.svg#a' (point <use> "
                            "and gradients at an #id of the same file)"),
    "use from the network": (svg('<use xlink:href="http://127.0.0.1:9/x.svg#a"/>'),
                             "images/f.svg:3: an SVG image cannot load 'http://127.0.0.1:9/x.svg#a' "
                             "(point <use> and gradients at an #id of the same file)"),
    "javascript: in a use": (svg('<use href="javascript:alert(1)"/>'),
                             "images/f.svg:3: an SVG image cannot load 'javascript:alert(1)' "
                             "(point <use> and gradients at an #id of the same file)"),
    "style @import": (svg("<style>@import url(http://127.0.0.1:9/x.css);</style>"),
                      f"images/f.svg:3: an SVG image cannot run or import anything from its styles ({HINT})"),
    "style url() out": (svg("<style>rect { fill: url(http://127.0.0.1:9/p.svg#g) }</style>"),
                        f"images/f.svg:3: an SVG image cannot load 'http://127.0.0.1:9/p.svg#g' ({HINT})"),
    "style attribute url() of a system file": (
        svg('<rect width="1" height="1" style="fill: url(file:///etc/passwd#x)"/>'),
        f"images/f.svg:3: an SVG image cannot load 'file:///etc/passwd#x' ({HINT})"),
    "fill url() of another file": (svg('<rect width="1" height="1" fill="url(g.svg#g)"/>'),
                                   f"images/f.svg:3: an SVG image cannot load 'g.svg#g' ({HINT})"),
    "xml-stylesheet": (svg(before='<?xml-stylesheet href="http://127.0.0.1:9/x.css"?>\n'),
                       f"images/f.svg:1: an SVG image cannot load a stylesheet with <?xml-stylesheet?> ({HINT})"),
    "feImage": (svg('<filter id="f"><feImage href="http://127.0.0.1:9/x.png"/></filter>'),
                f"images/f.svg:3: an SVG image cannot hold <feImage> ({HINT})"),
    "foreignObject": (svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
                      f"images/f.svg:3: an SVG image cannot hold <foreignObject> ({HINT})"),
    "javascript: link": (svg('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'),
                         f"images/f.svg:3: an SVG image cannot hold <a> ({HINT})"),
    "animation setting a link": (svg('<set attributeName="href" to="javascript:alert(1)"/>'),
                                 f"images/f.svg:3: an SVG image cannot hold <set> ({HINT})"),
    "entities": (svg(before='<!DOCTYPE svg [<!ENTITY x "y">]>\n'),
                 "images/f.svg:1: an SVG image cannot declare entities or a DTD (remove the "
                 "<!DOCTYPE …[ ]> block)"),
    "image of a system file": (svg('<image href="file:///etc/passwd" width="1" height="1"/>'),
                               "images/f.svg:3: refused to load 'file:///etc/passwd': it is outside "
                               "the dossier project (copy the resource into the project)"),
    "image of another SVG": (svg('<image href="f.svg" width="1" height="1"/>'),
                             "images/f.svg:3: 'f.svg' is an SVG: an SVG image may show PNG, JPEG, "
                             "GIF or WebP images only (convert it)"),
    "not well-formed": ("<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
                        "images/f.svg: not an SVG image: it is not well-formed XML (use a PNG, "
                        "JPEG, GIF, WebP or SVG file)"),
    "root not svg": ("<html xmlns='http://www.w3.org/1999/xhtml'><script>x</script></html>",
                     "images/f.svg: not an SVG image: its root is not <svg> in the SVG namespace "
                     "(use a PNG, JPEG, GIF, WebP or SVG file)"),
}

# Each case's code in dossierkit.catalogue.
CODES = {
    'script element': 'S502',
    'onload on the root': 'S503',
    'onclick on a shape': 'S503',
    'use of another file': 'S504',
    'use from the network': 'S504',
    'javascript: in a use': 'S504',
    'style @import': 'S505',
    'style url() out': 'S504',
    'style attribute url() of a system file': 'S504',
    'fill url() of another file': 'S504',
    'xml-stylesheet': 'S506',
    'feImage': 'S502',
    'foreignObject': 'S502',
    'javascript: link': 'S502',
    'animation setting a link': 'S502',
    'entities': 'S507',
    'image of a system file': 'F308',
    'image of another SVG': 'S509',
    'not well-formed': 'S510',
    'root not svg': 'S510',
}



@pytest.mark.parametrize("case", list(CASES))
def test_hostile_svg_is_refused_naming_the_file(case, minimal):
    content, expected = CASES[case]
    seed_previous(minimal)
    steps(write("images/f.svg", content), SHOW)(minimal)
    assert_refused(minimal, BOTH, expected, CODES[case])


SVG_CASES = {f"svg: {name}": case for name, case in CASES.items()}


def test_an_svg_named_by_the_manifest_or_a_stylesheet_is_checked_too(minimal):
    seed_previous(minimal)
    write("images/f.svg", svg("<script>alert(1)</script>"))(minimal)
    append("styles/print.css", "body { background: url(../images/f.svg) }\n")(minimal)
    assert_refused(minimal, BOTH, f"images/f.svg:3: an SVG image cannot hold <script> ({HINT})", "S502")


EDITOR_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     viewBox="0 0 40 20" width="40" height="20" inkscape:version="1.2" data-editor="x">
  <sodipodi:namedview id="view" pagecolor="#ffffff"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#135"/><stop offset="1" stop-color="#9ab"/></linearGradient>
  <symbol id="dot"><circle cx="2" cy="2" r="2"/></symbol></defs>
  <rect width="20" height="20" fill="url(#g)" inkscape:label="bar"/>
  <use href="#dot" x="25" y="5"/>
  <image xlink:href="dot.png" x="30" y="10" width="4" height="4"/>
</svg>
"""


def test_an_editor_svg_is_cleaned_and_the_epub_stays_valid(minimal):
    """Editors' private markup is dropped; what the SVG shows travels with it."""
    from dossierkit.build import BuildOptions, build

    (minimal / "images").mkdir()
    Image.new("RGB", (4, 4), "red").save(minimal / "images/dot.png")
    write("images/f.svg", EDITOR_SVG)(minimal)
    SHOW(minimal)
    epub = build(minimal, BuildOptions(formats=("epub",)))[0].path
    with zipfile.ZipFile(epub) as z:
        shipped = z.read("EPUB/images/f.svg").decode()
        assert "EPUB/images/dot.png" in z.namelist()
    assert "sodipodi" not in shipped and "inkscape" not in shipped and "data-editor" not in shipped
    assert 'href="#dot"' in shipped and 'fill="url(#g)"' in shipped
    assert epubcheck_messages(epub) == []


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)
