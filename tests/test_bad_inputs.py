"""A catalogue of mistakes: each gives one exact line, exit status 1, and keeps earlier outputs.

docs/errors.md lists the same messages for users; keep the two in step.
"""

from __future__ import annotations

import os
import re

import pytest
from typer.testing import CliRunner

from attacks.common import append, replace, steps, symlink, write
from dossierkit.cli import app

# Nine levels of ten aliases each: a billion values once expanded, 1 kB on disk.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
DEEP = "- " * 40 + "x\n"
# A 1×1 PNG, as Pillow writes it.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63"
    "382127070002b6010534a675aa0000000049454e44ae426082")
REVIEW = """\
- id: a-review
  outlet: Example Daily
  stance: positive
  summary: Liked it.
  sources: [example-site]
  quotes:
    - text: A fine film.
      author: A. Critic
      outlet: Example Daily
      source: example-site
"""


def delete(relpath: str):
    return lambda project: (project / relpath).unlink()


BOTH = (["check"], ["build"])
# A mistake in a chapter's content is found before any writer runs: each way gives one line.
EVERY_WAY = (["check"], ["build", "--format", "pdf"], ["build", "--format", "epub"])
STRICT = (["check", "--strict"], ["build", "--strict"])

# name: (edit, expected line, commands). Each command runs against the edited project.
CASES = {
    # --- the manifest -------------------------------------------------------------
    "no manifest": (
        delete("dossier.toml"),
        "dossier.toml: no manifest found (run the command in a dossier folder, or create "
        "dossier.toml)", BOTH),
    "malformed TOML": (
        replace("dossier.toml", 'title = "Minimal Dossier"', 'title = "Minimal Dossier'),
        "dossier.toml:3: invalid TOML: illegal character '\\n' (check quotes, brackets and "
        "'=' signs)", BOTH),
    "missing [dossier] table": (
        write("dossier.toml", '[output]\npaper = "a4"\n'),
        "dossier.toml: dossier: the [dossier] table is missing (add a [dossier] table with "
        "title, language, identifier…)", BOTH),
    "missing required manifest key": (
        replace("dossier.toml", 'title = "Minimal Dossier"\n', ""),
        "dossier.toml:1: dossier.title: required key is missing (add it)", BOTH),
    "wrong type in manifest": (
        replace("dossier.toml", "date = 2024-01-15", 'date = "last tuesday"'),
        "dossier.toml:7: dossier.date: input should be a valid date or datetime, "
        "invalid character in year (fix the value's type)", BOTH),
    "invalid date in manifest": (
        replace("dossier.toml", "date = 2024-01-15", "date = 2024-02-30"),
        "dossier.toml:7: invalid TOML: invalid date or datetime (check quotes, brackets and "
        "'=' signs)", BOTH),
    "invalid language code": (
        replace("dossier.toml", 'language = "en"', 'language = "English"'),
        "dossier.toml:4: dossier.language: string should match pattern "
        "'^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$'", BOTH),
    "invalid slug": (
        replace("dossier.toml", 'slug = "minimal"', 'slug = "Minimal Dossier"'),
        "dossier.toml:2: dossier.slug: string should match pattern "
        "'^[a-z0-9]+(?:-[a-z0-9]+)*$'", BOTH),
    "unknown manifest key, strict": (
        replace("dossier.toml", 'language = "en"', 'language = "en"\nlanguge = "en"'),
        "dossier.toml:5: dossier.languge: unknown key (did you mean 'language'?)", STRICT),
    "unknown manifest table, strict": (
        append("dossier.toml", '\n[outptu]\npaper = "a4"\n'),
        "dossier.toml:17: outptu: unknown table (did you mean [output]?)", STRICT),
    "chapter listed with no file": (
        replace("dossier.toml", '["one", "two"]', '["one", "two", "three"]'),
        "dossier.toml:8: dossier.chapters[2]: chapter 'three' has no file chapters/three.md "
        "(create chapters/three.md or remove 'three' from the list)", BOTH),
    "chapter listed twice": (
        replace("dossier.toml", '["one", "two"]', '["one", "two", "one"]'),
        "dossier.toml:8: dossier.chapters: chapter 'one' is listed twice", BOTH),
    "stylesheet outside the project": (
        replace("dossier.toml", 'print_stylesheets = ["styles/print.css"]',
                'print_stylesheets = ["file:///etc/passwd"]'),
        "dossier.toml:14: output.print_stylesheets[0]: refused to load 'file:///etc/passwd': "
        "it is outside the dossier project (copy the resource into the project)", BOTH),
    "stylesheet on the network": (
        replace("dossier.toml", 'epub_stylesheets = ["styles/epub.css"]',
                'epub_stylesheets = ["http://127.0.0.1:9/epub.css"]'),
        "dossier.toml:15: output.epub_stylesheets[0]: refused to load "
        "'http://127.0.0.1:9/epub.css': only files inside the dossier may be used (copy the "
        "resource into the project and link it by a relative path)", BOTH),
    "@import of a system file": (
        append("styles/print.css", '@import url("file:///etc/passwd");\n'),
        "styles/print.css:7: refused to load 'file:///etc/passwd': it is outside the dossier "
        "project (copy the resource into the project)", BOTH),
    "missing stylesheet": (
        delete("styles/epub.css"),
        "dossier.toml:15: output.epub_stylesheets[0]: resource not found: styles/epub.css "
        "(check the path)", BOTH),
    "invalid SOURCE_DATE_EPOCH": (
        lambda project: os.environ.__setitem__("SOURCE_DATE_EPOCH", "yesterday"),
        "environment: SOURCE_DATE_EPOCH: not a number of seconds since 1970: 'yesterday' "
        "(set it to a whole number such as `git log -1 --format=%ct`, or unset it)", BOTH),
    "unwritable output folder": (
        steps(write("blocker", "a file, not a folder\n"),
              append("dossier.toml", 'out_dir = "blocker/out"\n')),
        "{project}/blocker/out: cannot create the output folder: Not a directory (choose "
        "another folder with --out)", (["build"],)),
    # --- structured data --------------------------------------------------------
    "malformed YAML": (
        replace("chapters/data/claims.yaml", "  topic: A claim", "  topic: [A claim"),
        "chapters/data/claims.yaml:3: invalid YAML: did not find expected ',' or ']' "
        "(check indentation, colons and quotes)", BOTH),
    "wrong type in YAML": (
        replace("chapters/data/claims.yaml", "verdict: invented", "verdict: 12"),
        "chapters/data/claims.yaml:5: [0].verdict: input should be 'faithful', "
        "'largely faithful', 'compressed', 'dramatised', 'exaggerated', 'loosely based', "
        "'invented' or 'unverified'", BOTH),
    "misspelt required key in YAML": (
        replace("chapters/data/claims.yaml", "  topic:", "  topc:"),
        "chapters/data/claims.yaml:2: [0].topc: unknown key (did you mean 'topic'?)", BOTH),
    "missing required key in YAML": (
        replace("chapters/data/claims.yaml", "  history: History says otherwise.\n", ""),
        "chapters/data/claims.yaml:1: [0].history: required key is missing (add it)", BOTH),
    "unknown key in YAML, strict": (
        replace("chapters/data/claims.yaml", "  topic:", "  note: extra\n  topic:"),
        "chapters/data/claims.yaml:2: [0].note: unknown key (remove it or check its "
        "spelling)", STRICT),
    "unknown data file, strict": (
        write("chapters/data/claimz.yaml", "[]\n"),
        "chapters/data/claimz.yaml: unknown data file (did you mean 'claims.yaml'?)", STRICT),
    "empty data file": (
        write("chapters/data/claims.yaml", "# nothing yet\n"),
        "chapters/data/claims.yaml: the file is empty (add its data or delete the file)", BOTH),
    "claim with no source": (
        replace("chapters/data/claims.yaml", '["example-book, p. 12", example-site]', "[]"),
        "chapters/data/claims.yaml:6: [0].sources: list should have at least 1 item after "
        "validation, not 0 (give at least one value)", BOTH),
    "unknown source in data": (
        replace("chapters/data/claims.yaml", "example-site]", "example-sight]"),
        "chapters/data/claims.yaml:6: [0].sources[1]: unknown source 'example-sight' "
        "(did you mean 'example-site'?)", BOTH),
    "duplicate source id": (
        replace("chapters/data/sources.yaml", "- id: example-site",
                "- id: example-book\n  title: Again\n- id: example-site"),
        "chapters/data/sources.yaml:7: [1].id: duplicate id 'example-book' (first used at [0]) "
        "(give each entry its own id)", BOTH),
    "duplicate claim id": (
        append("chapters/data/claims.yaml",
               "- id: C1\n  topic: B\n  film: F\n  history: H\n  verdict: invented\n"
               "  sources: [example-site]\n"),
        "chapters/data/claims.yaml:7: [1].id: duplicate id 'C1' (first used at [0]) "
        "(give each entry its own id)", BOTH),
    "quotation with no author": (
        write("chapters/data/reviews.yaml", REVIEW.replace("      author: A. Critic\n", "")),
        "chapters/data/reviews.yaml:7: [0].quotes[0].author: required key is missing (add it)",
        BOTH),
    "quotation with no outlet": (
        write("chapters/data/reviews.yaml",
              REVIEW.replace("      outlet: Example Daily\n      source", "      source")),
        "chapters/data/reviews.yaml:7: [0].quotes[0].outlet: required key is missing (add it)",
        BOTH),
    "invalid date in YAML": (
        write("chapters/data/events.yaml",
              "- date: 1985-02-30\n  label: Contact lost\n  sources: [example-site]\n"),
        "chapters/data/events.yaml:1: [0].date: input should be a valid date or datetime, day "
        "value is outside expected range (fix the value's type)", BOTH),
    "YAML alias bomb": (
        write("chapters/data/facts.yaml", ALIAS_BOMB),
        "chapters/data/facts.yaml:9: more than 1000000 values once aliases are expanded "
        "(remove the repeated aliases (&name / *name))", BOTH),
    "YAML nested too deep": (
        write("chapters/data/facts.yaml", DEEP),
        "chapters/data/facts.yaml:1: nested deeper than 32 levels (flatten the structure)", BOTH),
    # --- files --------------------------------------------------------------------
    "file that is not UTF-8": (
        write("chapters/two.md", "# Chapter Two\n\nCaf\xe9\n".encode("latin-1")),
        "chapters/two.md:3: not valid UTF-8 (byte 0xe9) (save the file as UTF-8)", BOTH),
    "file over the size limit": (
        write("chapters/two.md", "# Chapter Two\n\n" + "All work and no play. " * 200_000),
        "chapters/two.md: file is 4400015 bytes, over the limit of 4194304 (split it into smaller "
        "files)", BOTH),
    "symlink loop": (
        symlink("chapters/two.md", "two.md"),
        "chapters/two.md: the file is a symlink loop (make the link point at a real file)", BOTH),
    "source file linked from outside": (
        symlink("chapters/two.md", "/etc/hostname"),
        "chapters/two.md: the file is a link to outside the dossier project (copy the file "
        "into the project)", BOTH),
    # --- chapters -----------------------------------------------------------------
    "empty chapter": (
        write("chapters/two.md", "\n\n"),
        "chapters/two.md: the chapter is empty (write its content or remove it from "
        "dossier.toml)", BOTH),
    "chapter without a title": (
        replace("chapters/two.md", "# Chapter Two\n", "Chapter Two\n"),
        "chapters/two.md:1: the chapter has no title (start the chapter with a '# Title' "
        "line)", BOTH),
    "Jinja syntax error": (
        replace("chapters/two.md", "Again the book.", "Again {% if %} the book."),
        "chapters/two.md:3: template syntax error: Expected an expression, got 'end of "
        "statement block' (check the {{ }} and {% %} tags)", BOTH),
    "undefined template variable": (
        replace("chapters/two.md", "Again the book.", "Again {{ nothing.here }}."),
        "chapters/two.md:3: template error: 'nothing' is undefined (use a variable the data "
        "defines; see the README's template reference)", BOTH),
    "unknown source cited in a chapter": (
        replace("chapters/one.md", 'cite("example-book, p. 12")', 'cite("no-such-book")'),
        "chapters/one.md:3: template error: cite(): unknown source 'no-such-book' "
        "(check the call on that line)", EVERY_WAY),
    "include of a file outside the project": (
        steps(symlink("chapters/part.md", "/etc/passwd"),
              append("chapters/two.md", '\n{% include "chapters/part.md" %}\n')),
        "chapters/two.md:5: template error: cannot include 'chapters/part.md': the file is a "
        "link to outside the dossier project (check the call on that line)", BOTH),
    "missing image": (
        append("chapters/two.md", "\n![A still](images/still.png)\n"),
        "chapters/two.md: resource not found: images/still.png (check the path)", BOTH),
    "file that is not an image": (
        steps(write("images/still.png", "not a picture\n"),
              append("chapters/two.md", "\n![A still](images/still.png)\n")),
        "chapters/two.md: 'images/still.png' is not an image (use a PNG, JPEG, GIF, WebP or "
        "SVG file)", BOTH),
    "image linked from outside": (
        steps(symlink("images/still.png", "/etc/hostname"),
              append("chapters/two.md", "\n![A still](images/still.png)\n")),
        "chapters/two.md: refused to load 'images/still.png': it is outside the dossier "
        "project (copy the resource into the project)", BOTH),
    "attachment of a system file": (
        append("chapters/two.md", '\n<link rel="attachment" href="file:///etc/passwd">\n'),
        "chapters/two.md: refused to load 'file:///etc/passwd': a chapter cannot load "
        "resources with <link> (use an image given by a relative path)", BOTH),
    "link that cannot work": (
        append("chapters/two.md", '\n<a href="javascript:alert(1)">here</a>\n'),
        "chapters/two.md: link to 'javascript:alert(1)' cannot work in a PDF or EPUB (link "
        "to a web address or to an #id in the dossier)", EVERY_WAY),
    "image without a text alternative": (
        steps(write("images/still.png", TINY_PNG),
              append("chapters/two.md", '\n<img src="images/still.png">\n')),
        "chapters/two.md: image 'images/still.png' has no text alternative (describe it: "
        '![what it shows](path), or alt="" if it is decoration)', EVERY_WAY),
}


# The catalogue code each case's line carries (dossierkit.catalogue).
CODES = {
    'no manifest': 'M101',
    'malformed TOML': 'M102',
    'missing [dossier] table': 'M103',
    'missing required manifest key': 'D201',
    'wrong type in manifest': 'D203',
    'invalid date in manifest': 'M102',
    'invalid language code': 'D203',
    'invalid slug': 'D203',
    'unknown manifest key, strict': 'D202',
    'unknown manifest table, strict': 'M104',
    'chapter listed with no file': 'M105',
    'chapter listed twice': 'M106',
    'stylesheet outside the project': 'F308',
    'stylesheet on the network': 'F309',
    '@import of a system file': 'F308',
    'missing stylesheet': 'F310',
    'invalid SOURCE_DATE_EPOCH': 'M107',
    'unwritable output folder': 'B601',
    'malformed YAML': 'D204',
    'wrong type in YAML': 'D203',
    'misspelt required key in YAML': 'D202',
    'missing required key in YAML': 'D201',
    'unknown key in YAML, strict': 'D202',
    'unknown data file, strict': 'D205',
    'empty data file': 'D207',
    'claim with no source': 'D203',
    'unknown source in data': 'D208',
    'duplicate source id': 'D209',
    'duplicate claim id': 'D209',
    'quotation with no author': 'D201',
    'quotation with no outlet': 'D201',
    'invalid date in YAML': 'D203',
    'YAML alias bomb': 'D210',
    'YAML nested too deep': 'D211',
    'file that is not UTF-8': 'F304',
    'file over the size limit': 'F303',
    'symlink loop': 'F305',
    'source file linked from outside': 'F306',
    'empty chapter': 'C401',
    'chapter without a title': 'C402',
    'Jinja syntax error': 'C404',
    'undefined template variable': 'C405',
    'unknown source cited in a chapter': 'C405',
    'include of a file outside the project': 'C405',
    'missing image': 'F310',
    'file that is not an image': 'F316',
    'image linked from outside': 'F308',
    'attachment of a system file': 'C410',
    'link that cannot work': 'C409',
    'image without a text alternative': 'C408',
}


def _problem_lines(stderr: str) -> list[str]:
    # Progress lines may share stderr; problems are the lines that say what they are.
    return [line for line in stderr.splitlines() if re.match(r"(error|warning)(\[[A-Z]\d{3}\])?: ", line)]


@pytest.fixture
def clean_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield
    os.environ.pop("SOURCE_DATE_EPOCH", None)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_exit_1(case, minimal, clean_environment):
    edit, expected, commands = CASES[case]
    out = minimal / "build"
    out.mkdir()
    previous = out / "minimal.pdf"
    previous.write_bytes(b"%PDF- a previous build")
    edit(minimal)
    expected = expected.replace("{project}", str(minimal))

    for command in commands:
        result = CliRunner().invoke(app, [*command, str(minimal)])
        assert result.exit_code == 1, (command, result.output)
        assert _problem_lines(result.stderr) == [f"error[{CODES[case]}]: {expected}"], command
        assert "Traceback" not in result.output
    assert previous.read_bytes() == b"%PDF- a previous build"
    assert sorted(p.name for p in out.iterdir()) == ["minimal.pdf"]


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)


def test_catalogue_has_at_least_thirty_cases():
    assert len(CASES) >= 30
