"""Hostile chapters and stylesheets: every outside resource is refused, never read or requested."""

from __future__ import annotations

import base64
import os
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from dossierkit.cli import app
from helpers import SECRET

# Audit hooks cannot be removed, so one hook records opens only while a test listens.
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, bytes, Path)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _svg(href: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            f' width="10" height="10"><image xlink:href="{href}" width="10" height="10"/></svg>')


OUTSIDE = "it is outside the dossier project (copy the resource into the project)"
NETWORK = ("only files inside the dossier may be used (copy the resource into the project "
           "and link it by a relative path)")

# name: (set up the hostile project, the error line). {url} is the server, {secret} the
# outside file.
CASES = {
    "chapter image at file:///etc": (
        lambda p, url, secret: _append(p / "chapters/two.md", '\n<img src="file:///etc/passwd">\n'),
        f"chapters/two.md: refused to load 'file:///etc/passwd': {OUTSIDE}"),
    "chapter image on the network": (
        lambda p, url, secret: _append(p / "chapters/two.md", f"\n![x]({url}/still.png)\n"),
        f"chapters/two.md: refused to load '{{url}}/still.png': {NETWORK}"),
    "chapter stylesheet at file:///etc": (
        lambda p, url, secret: _append(
            p / "chapters/two.md", '\n<link rel="stylesheet" href="file:///etc/passwd">\n'),
        "chapters/two.md: refused to load 'file:///etc/passwd': a chapter cannot load "
        "resources with <link> (use an image given by a relative path)"),
    "chapter attachment of a system file": (
        lambda p, url, secret: _append(
            p / "chapters/two.md", '\n<link rel="attachment" href="/etc/passwd">\n'),
        "chapters/two.md: refused to load '/etc/passwd': a chapter cannot load resources "
        "with <link> (use an image given by a relative path)"),
    "chapter SVG pointing out": (
        lambda p, url, secret: _append(
            p / "chapters/two.md", f'\n<svg><image href="{url}/x.png"/></svg>\n'),
        "chapters/two.md: refused to load '{url}/x.png': a chapter cannot load resources "
        "with <image> (use an image given by a relative path)"),
    "image symlinked outside": (
        lambda p, url, secret: (
            (p / "images").mkdir(), os.symlink(secret, p / "images/still.png"),
            _append(p / "chapters/two.md", "\n![x](images/still.png)\n")),
        f"chapters/two.md: refused to load 'images/still.png': {OUTSIDE}"),
    "@import of a system file": (
        lambda p, url, secret: _append(p / "styles/print.css", "@import 'file:///etc/passwd';\n"),
        f"styles/print.css:7: refused to load 'file:///etc/passwd': {OUTSIDE}"),
    "@import climbing out": (
        lambda p, url, secret: _append(p / "styles/print.css",
                                       f"@import url(../../{secret.name});\n"),
        f"styles/print.css:7: refused to load '../../secret.png': {OUTSIDE}"),
    "@import from the network": (
        lambda p, url, secret: _append(p / "styles/print.css", f"@import url({url}/x.css);\n"),
        f"styles/print.css:7: refused to load '{{url}}/x.css': {NETWORK}"),
    "font from the network": (
        lambda p, url, secret: _append(
            p / "styles/print.css",
            f'@font-face {{ font-family: X; src: url("{url}/x.woff2") format("woff2") }}\n'),
        f"styles/print.css:7: refused to load '{{url}}/x.woff2': {NETWORK}"),
    "background image from the network": (
        lambda p, url, secret: _append(p / "styles/print.css",
                                       f"body {{ background: url({url}/bg.png) }}\n"),
        f"styles/print.css:7: refused to load '{{url}}/bg.png': {NETWORK}"),
    "stylesheet from the network": (
        lambda p, url, secret: (p / "dossier.toml").write_text(
            (p / "dossier.toml").read_text().replace('"styles/print.css"', f'"{url}/p.css"')),
        f"dossier.toml:14: output.print_stylesheets[0]: refused to load '{{url}}/p.css': "
        f"{NETWORK}"),
    "stylesheet symlinked outside": (
        lambda p, url, secret: ((p / "styles/print.css").unlink(),
                                os.symlink(secret, p / "styles/print.css")),
        f"dossier.toml:14: output.print_stylesheets[0]: refused to load 'styles/print.css': "
        f"{OUTSIDE}"),
    "project SVG image pointing to the network": (
        lambda p, url, secret: (
            (p / "images").mkdir(), (p / "images/figure.svg").write_text(_svg(f"{url}/x.png")),
            _append(p / "chapters/two.md", "\n![x](images/figure.svg)\n")),
        f"images/figure.svg:1: refused to load '{{url}}/x.png': {NETWORK}"),
    "project SVG image pointing to a system file": (
        lambda p, url, secret: (
            (p / "images").mkdir(),
            (p / "images/figure.svg").write_text(_svg(secret.as_uri())),
            _append(p / "chapters/two.md", "\n![x](images/figure.svg)\n")),
        f"images/figure.svg:1: refused to load '{{secret_uri}}': {OUTSIDE}"),
    "template include of a file linked outside": (
        lambda p, url, secret: (os.symlink(secret, p / "chapters/part.md"),
                                _append(p / "chapters/two.md", '{% include "chapters/part.md" %}')),
        "chapters/two.md:4: template error: cannot include 'chapters/part.md': the file is a "
        "link to outside the dossier project (check the call on that line)"),
}


# The catalogue code each case's line carries (dossierkit.catalogue).
CODES = {
    'chapter image at file:///etc': 'F308',
    'chapter image on the network': 'F309',
    'chapter stylesheet at file:///etc': 'C410',
    'chapter attachment of a system file': 'C410',
    'chapter SVG pointing out': 'C410',
    'image symlinked outside': 'F308',
    '@import of a system file': 'F308',
    '@import climbing out': 'F308',
    '@import from the network': 'F309',
    'font from the network': 'F309',
    'background image from the network': 'F309',
    'stylesheet from the network': 'F309',
    'stylesheet symlinked outside': 'F308',
    'project SVG image pointing to the network': 'F309',
    'project SVG image pointing to a system file': 'F308',
    'template include of a file linked outside': 'C405',
}


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_resource_is_refused_unread_and_unrequested(case, minimal, server, secret):
    global _opened
    url, requests = server
    setup, expected = CASES[case]
    setup(minimal, url, secret)
    expected = (expected.replace("{url}", url).replace("{secret_uri}", secret.as_uri()))
    out = minimal / "build"

    _opened = []
    try:
        result = CliRunner().invoke(app, ["build", str(minimal)])
        opened, _opened = _opened, None
    finally:
        _opened = None
    assert result.exit_code == 1, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("error")] == [
        f"error[{CODES[case]}]: {expected}"]
    assert requests == []
    assert [path for path in opened if "passwd" in path or SECRET in path
            or Path(path).resolve() == secret] == []
    assert not out.exists() or list(out.iterdir()) == []


def test_allowed_resources_still_load(minimal, server):
    """Project images (raster and SVG) and data: URIs pass; nothing goes to the network."""
    url, requests = server
    (minimal / "images").mkdir()
    Image.new("RGB", (4, 4), "red").save(minimal / "images/dot.png")
    (minimal / "images/figure.svg").write_text(_svg("dot.png"))
    _append(minimal / "chapters/two.md", "\n![a dot](images/dot.png)\n\n![a figure](images/figure.svg)\n")
    dot = base64.b64encode((minimal / "images/dot.png").read_bytes()).decode()
    _append(minimal / "styles/print.css",
            f'body {{ background: url("data:image/png;base64,{dot}") no-repeat }}\n')
    result = CliRunner().invoke(app, ["build", str(minimal)])
    assert result.exit_code == 0, result.output
    assert requests == []
    reader = PdfReader(minimal / "build/minimal.pdf")
    assert "Chapter Two" in " ".join(page.extract_text() for page in reader.pages)


def test_no_secret_in_any_output_of_a_build_that_links_out(minimal, server, secret):
    """A web link is only a link: it is written into the outputs, never followed."""
    url, requests = server
    _append(minimal / "chapters/two.md", f"\nSee [the page]({url}/page).\n")
    result = CliRunner().invoke(app, ["build", str(minimal)])
    assert result.exit_code == 0, result.output
    assert requests == []
    for output in (minimal / "build").rglob("*"):
        if output.is_dir():
            continue  # the layout cache's folder: its parts are checked one by one
        data = output.read_bytes()
        assert SECRET.encode() not in data
        if output.suffix == ".epub":
            with zipfile.ZipFile(output) as z:
                assert all(SECRET.encode() not in z.read(name) for name in z.namelist())


UNTRUSTED_HTML = """
<script>window.SCRIPT_MARK = 1</script>
<p onclick="HANDLER_MARK()" onmouseover="HANDLER_MARK()">Plain words stay.</p>
<iframe src="https://example.org/IFRAME_MARK"></iframe>
<form action="https://example.org/FORM_MARK"><input name="INPUT_MARK"><button>Go</button></form>
<object data="https://example.org/OBJECT_MARK"></object>
<style>@import url(https://example.org/STYLE_MARK.css);</style>
<a href="https://example.org/page" onfocus="HANDLER_MARK()">a web link</a>

[a script link](javascript:alert('JSLINK_MARK'))
"""
MARKS = ("SCRIPT_MARK", "HANDLER_MARK", "IFRAME_MARK", "FORM_MARK", "INPUT_MARK",
         "OBJECT_MARK", "STYLE_MARK")


def test_untrusted_text_reaches_neither_output(minimal, server):
    """Raw HTML is cut to the allow-list and data is escaped, in the PDF and the EPUB."""
    from lxml import etree

    url, requests = server
    # (<object data> is refused outright: see the hostile cases above.)
    _append(minimal / "chapters/two.md", UNTRUSTED_HTML.replace(
        '<object data="https://example.org/OBJECT_MARK"></object>', ""))
    claims = minimal / "chapters/data/claims.yaml"
    claims.write_text(claims.read_text("utf-8").replace(
        "topic: A claim", "topic: \"<script>DATA_MARK()</script><b onclick='x'>bold?</b>\""),
        "utf-8")
    result = CliRunner().invoke(app, ["build", str(minimal)])
    assert result.exit_code == 0, result.output
    assert requests == []

    with zipfile.ZipFile(minimal / "build/minimal.epub") as z:
        documents = {n: z.read(n) for n in z.namelist() if n.endswith(".xhtml")}
    for name, data in documents.items():
        text = data.decode()
        assert [mark for mark in MARKS if mark in text] == [], name
        tree = etree.fromstring(data)
        tags = {etree.QName(el).localname for el in tree.iter() if isinstance(el.tag, str)}
        assert not tags & {"script", "iframe", "form", "input", "object", "embed", "style"}, name
        assert not [a for el in tree.iter() if isinstance(el.tag, str)
                    for a in el.attrib if a.lower().startswith("on")], name
        # Markdown leaves a script link as plain text; no attribute may carry one.
        assert not [v for el in tree.iter() if isinstance(el.tag, str)
                    for v in el.attrib.values() if v.strip().lower().startswith("javascript:")]
    two = documents["EPUB/text/two.xhtml"].decode()
    assert "Plain words stay." in two and 'href="https://example.org/page"' in two
    # Data is text, never markup: the script tag is shown, escaped, and does nothing.
    one = documents["EPUB/text/one.xhtml"].decode()
    assert "&lt;script&gt;DATA_MARK()&lt;/script&gt;" in one and "<script" not in one

    pdf = (minimal / "build/minimal.pdf").read_bytes()
    assert b"/JavaScript" not in pdf and b"/JS " not in pdf and b"/Launch" not in pdf
    assert b"javascript:" not in pdf.lower()
    text = " ".join(page.extract_text() for page in PdfReader(minimal / "build/minimal.pdf").pages)
    assert [mark for mark in MARKS if mark in text] == []
    assert "Plain words stay." in text and "<script>DATA_MARK()</script>" in text


# --- The gate itself (ProjectFiles), without a build -------------------------------------

def _gate(tmp_path):
    from dossierkit.source.files import ProjectFiles

    project = tmp_path / "project"
    (project / "images").mkdir(parents=True)
    Image.new("RGB", (4, 4), "red").save(project / "images/dot.png")
    (project / "chapters").mkdir()
    (project / "chapters/one.md").write_text("# One\n", "utf-8")
    return project, ProjectFiles(project)


def _refusal(action) -> str:
    from dossierkit.errors import DossierError

    with pytest.raises(DossierError) as error:
        action()
    return str(error.value)


def test_the_gate_resolves_project_files_relative_to_a_folder(tmp_path):
    project, files = _gate(tmp_path)
    dot = project.resolve() / "images/dot.png"
    assert files.resolve("images/dot.png", referrer="x") == dot
    assert files.resolve("../images/dot.png", referrer="x", base="chapters") == dot
    assert files.resolve(dot.as_uri(), referrer="x") == dot
    assert files.resolve("images/d%6Ft.png", referrer="x") == dot  # URL escapes undone
    assert files.relative(dot) == "images/dot.png"
    assert files.image("images/dot.png", referrer="x") == dot


def test_the_gate_names_the_referrer_of_what_it_refuses(tmp_path, secret):
    project, files = _gate(tmp_path)
    (project / "images/out.png").symlink_to(secret)
    (project / "images/loop.png").symlink_to(project / "images/loop.png")
    asks = {"referrer": "chapters/one.md", "line": 3, "key": "img"}
    assert _refusal(lambda: files.resolve("https://example.org/x.png", **asks)) == (
        "chapters/one.md:3: img: refused to load 'https://example.org/x.png': only files inside "
        "the dossier may be used (copy the resource into the project and link it by a relative path)")
    assert _refusal(lambda: files.resolve("images/out.png", **asks)) == (
        f"chapters/one.md:3: img: refused to load 'images/out.png': {OUTSIDE}")
    assert _refusal(lambda: files.resolve("../secret.png", **asks)) == (
        f"chapters/one.md:3: img: refused to load '../secret.png': {OUTSIDE}")
    assert _refusal(lambda: files.resolve("file://elsewhere/etc/passwd", **asks)).startswith(
        "chapters/one.md:3: img: refused to load 'file://elsewhere/etc/passwd': only files")
    assert _refusal(lambda: files.resolve("images/none.png", **asks)) == (
        "chapters/one.md:3: img: resource not found: images/none.png (check the path)")
    assert _refusal(lambda: files.resolve("images/loop.png", **asks)) == (
        "chapters/one.md:3: img: 'images/loop.png' is a symlink loop (make the link point at a "
        "real file)")
    assert _refusal(lambda: files.resolve("images", **asks)) == (
        "chapters/one.md:3: img: resource is not a file: images (check the path)")


def test_the_gate_checks_what_an_image_is(tmp_path):
    project, files = _gate(tmp_path)
    (project / "images/fake.png").write_text("not a picture", "utf-8")
    (project / "images/fake.svg").write_text("<html/>", "utf-8")
    Image.new("RGB", (4, 4)).save(project / "images/dot.bmp")
    assert _refusal(lambda: files.image("images/fake.png", referrer="one.md")) == (
        "one.md: 'images/fake.png' is not an image (use a PNG, JPEG, GIF, WebP or SVG file)")
    # An SVG's own problems name the SVG (source.svg checks it against its allow-list).
    assert _refusal(lambda: files.image("images/fake.svg", referrer="one.md")) == (
        "images/fake.svg: not an SVG image: its root is not <svg> in the SVG namespace (use a "
        "PNG, JPEG, GIF, WebP or SVG file)")
    assert _refusal(lambda: files.image("images/dot.bmp", referrer="one.md")) == (
        "one.md: 'images/dot.bmp' is a BMP image, which an EPUB cannot hold (use a PNG, JPEG, "
        "GIF, WebP or SVG file)")


def test_the_gate_records_what_a_build_read_and_looked_for(tmp_path):
    from dossierkit.source.files import recording_reads, remember_absent

    project, files = _gate(tmp_path)
    with recording_reads() as reads:
        files.resolve("images/dot.png", referrer="x")
        assert files.text("chapters/one.md") == "# One\n"
        remember_absent(project / "styles/paper-a4.css")
    files.resolve("images/dot.png", referrer="x")  # outside the block: not recorded
    root = project.resolve()
    assert reads == {root / "images/dot.png", root / "chapters/one.md",
                     (project / "styles/paper-a4.css").absolute()}


def test_the_gate_reads_a_source_file_or_says_why_not(tmp_path, secret):
    project, files = _gate(tmp_path)
    (project / "chapters/out.md").symlink_to(secret)
    assert _refusal(lambda: files.text("chapters/two.md")) == "chapters/two.md: file not found"
    assert _refusal(lambda: files.text("chapters/out.md")) == (
        "chapters/out.md: the file is a link to outside the dossier project (copy the file "
        "into the project)")
    assert _refusal(lambda: files.text("chapters")) == "chapters: not a file (check the path)"


def test_stylesheet_references_with_their_lines():
    from dossierkit.source.files import css_references

    css = ('@import "a.css";\n@import url(b.css);\n@namespace svg url(http://www.w3.org/2000/svg);\n'
           "p { background: url(c.png) }\n"
           '@font-face { src: url("d.ttf") format("truetype") }\n'
           "@media print { h1 { background-image: url(e.png) } }\n")
    assert css_references(css) == [("a.css", 1, True), ("b.css", 2, True), ("c.png", 4, False),
                                   ("d.ttf", 5, False), ("e.png", 6, False)]
