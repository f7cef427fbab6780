"""Class 8: inputs that used to end in "internal error" give one `file:line: key: problem` line."""

from __future__ import annotations

import pytest

from attacks.common import BOTH, BUILD, CHECK, append, assert_refused, replace, seed_previous, steps, write

DATA_URI = "data:image/png;base64," + "A" * 5000
CUT = DATA_URI[:119] + "…"

# name: (edit, expected line, commands).
CASES = {
    "range of a billion": (
        append("chapters/two.md", "\n{% for i in range(10**9) %}x{% endfor %}\n"),
        "chapters/two.md:5: template error: range() too big: at most 100000 items (use smaller "
        "numbers)", BOTH),
    "macro recursion": (
        append("chapters/two.md", "\n{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n"),
        "chapters/two.md:5: template error: a macro or an include calls itself without end "
        "(give the recursion a way to stop)", BOTH),
    "self-include": (
        append("chapters/two.md", '\n{% include "chapters/two.md" %}\n'),
        "chapters/two.md:5: template error: a macro or an include calls itself without end "
        "(give the recursion a way to stop)", BOTH),
    "control character in a chapter": (
        append("chapters/two.md", "\nA bell \x07 rings.\n"),
        "chapters/two.md:5: control character 0x07 is not allowed (remove it)", BOTH),
    "control character in an included file": (
        steps(write("chapters/part.txt", "x\x0c"), append("chapters/two.md", '\n{% include "chapters/part.txt" %}\n')),
        "chapters/two.md:5: template error: cannot include 'chapters/part.txt': control "
        "character 0x0c is not allowed (check the call on that line)", BOTH),
    "YAML \\x07 escape": (
        replace("chapters/data/claims.yaml", "topic: A claim", 'topic: "A \\x07 claim"'),
        "chapters/data/claims.yaml:2: [0].topic: control character 0x07 is not allowed", BOTH),
    "TOML \\u0007 escape": (
        replace("dossier.toml", 'title = "Minimal Dossier"', 'title = "Minimal \\u0007 Dossier"'),
        "dossier.toml:3: dossier.title: control character 0x07 is not allowed", BOTH),
    "TOML NUL in a chapter slug list": (
        replace("dossier.toml", 'publisher = "', 'publisher = "\\u0000'),
        "dossier.toml:6: dossier.publisher: control character 0x00 is not allowed", BOTH),
    "garbage font named by a stylesheet": (
        steps(write("styles/fonts/x.ttf", b"not a font at all"),
              append("styles/print.css", '@font-face { font-family: X; src: url(fonts/x.ttf) }\n')),
        "styles/print.css:7: 'styles/fonts/x.ttf' is not a font file (use a TTF, OTF, WOFF or "
        "WOFF2 file)", BOTH),
    "damaged font with a font's signature": (
        steps(write("styles/fonts/x.ttf", b"\x00\x01\x00\x00" + b"garbage" * 20),
              append("styles/epub.css", '@font-face { font-family: X; src: url(fonts/x.ttf) }\n')),
        "styles/fonts/x.ttf: the font file is damaged: it cannot be read (replace it with a TTF "
        "or OTF file that a font editor opens)", BUILD),
    "out_dir a number": (
        append("dossier.toml", "out_dir = 5\n"),
        "dossier.toml:16: output.out_dir: input should be a valid string (fix the value's type)",
        (["check"], ["build"])),
    "manifest nested 5000 arrays deep": (
        append("dossier.toml", "deep = " + "[" * 5000 + "]" * 5000 + "\n"),
        "dossier.toml: invalid TOML: nested too deeply (flatten the value)", (["check"], ["build"])),
    "newline in an image name": (
        append("chapters/two.md", '\n<img src="a\nb.png" alt="x">\n'),
        "chapters/two.md: resource not found: a\\nb.png (check the path)", BOTH),
    "a data: URI echoed at length": (
        append("chapters/two.md", f'\n<img src="{DATA_URI}" alt="x">\n'),
        f"chapters/two.md: refused to load '{CUT}': only files inside the dossier may be used "
        "(copy the resource into the project and link it by a relative path)", BOTH),
    "image name with a space": (
        steps(write("images/my still.png", b""), append("chapters/two.md", "\n![x](<images/my still.png>)\n")),
        "chapters/two.md: refused to load 'images/my%20still.png': its name has a space or a "
        "character an EPUB cannot hold (rename the file with letters, digits, '-', '_' and '.')", BOTH),
    "a huge power": (
        append("chapters/two.md", "\n{{ 9 ** (9 ** 9) }}\n"),
        "chapters/two.md:5: template error: 9 ** 387420489 is too large a number (check the "
        "call on that line)", BOTH),
    "a huge repeated text": (
        append("chapters/two.md", "\n{{ 'x' * 10**10 }}\n"),
        "chapters/two.md:5: template error: a repeated text or list would pass the chapter's "
        "output budget (check the call on that line)", BOTH),
    "nested loops past the time budget": (
        steps(append("dossier.toml", "template_seconds = 0.5\n"), append(
            "chapters/two.md", "\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "{% endfor %}{% endfor %}\n")),
        "chapters/two.md:5: template error: rendering took longer than 0.5 seconds (simplify the "
        "template, or raise output.template_seconds in dossier.toml)", CHECK),
    "loops past the output budget": (
        steps(append("dossier.toml", "template_bytes = 100000\n"), append(
            "chapters/two.md", "\n{% for i in range(100000) %}{{ i }} {% endfor %}\n")),
        "chapters/two.md: template error: the chapter's text passed 100000 bytes (simplify the "
        "template, or raise output.template_bytes in dossier.toml)", BOTH),
    "a budget of no time": (
        append("dossier.toml", "template_seconds = 0\n"),
        "dossier.toml:16: output.template_seconds: input should be greater than 0", BOTH),
    "a lookup of a user's long id": (
        append("chapters/two.md", "\n{{ claim('" + "C" * 300 + "') }}\n"),
        "chapters/two.md:5: template error: claim('" + "C" * 192 + "… (check the call on that line)",
        BOTH),
}

# Each case's code in dossierkit.catalogue.
CODES = {
    'range of a billion': 'C405',
    'macro recursion': 'C405',
    'self-include': 'C405',
    'control character in a chapter': 'F323',
    'control character in an included file': 'C405',
    'YAML \\x07 escape': 'F323',
    'TOML \\u0007 escape': 'F323',
    'TOML NUL in a chapter slug list': 'F323',
    'garbage font named by a stylesheet': 'S511',
    "damaged font with a font's signature": 'S512',
    'out_dir a number': 'D203',
    'manifest nested 5000 arrays deep': 'M102',
    'newline in an image name': 'F310',
    'a data: URI echoed at length': 'F309',
    'image name with a space': 'F322',
    'a huge power': 'C405',
    'a huge repeated text': 'C405',
    'nested loops past the time budget': 'C405',
    'loops past the output budget': 'C405',
    'a budget of no time': 'D203',
    "a lookup of a user's long id": 'C405',
}



@pytest.mark.parametrize("case", list(CASES))
def test_a_former_internal_error_is_one_line(case, minimal, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    edit, expected, commands = CASES[case]
    seed_previous(minimal)
    edit(minimal)
    assert_refused(minimal, commands, expected, CODES[case])


def test_raw_html_borrowing_the_note_class_names_is_not_taken_for_notes(minimal):
    """Markup that looks like notes (and used to crash the note code) is plain markup."""
    from dossierkit.build import load_and_render
    from dossierkit.render.printhtml import print_html

    append("chapters/two.md", '\n<sup class="footnote-ref">x</sup> <sup class="footnote-ref"><a>1</a></sup> '
           '<a class="noteref">y</a> <section class="footnotes"><ol><li class="footnote-item">z</li>'
           '</ol></section> <aside class="note">q</aside> <section class="notes"><aside>n</aside></section>\n'
           "\nA real note.[^1]\n\n[^1]: The note.\n")(minimal)
    book = load_and_render(minimal)
    two = book.parts[2].xhtml
    # The look-alikes lost their classes; the real notes are notes.
    from lxml import etree

    tree = etree.fromstring(two)
    for text in ("q", "x", "y", "z", "n"):
        holders = [el for el in tree.iter() if (el.text or "").strip() == text]
        assert holders and all(el.get("class") is None for el in holders), text
    assert two.count('<li class="note"') == two.count('class="noteref"') >= 1
    assert "footnote-ref" not in two and "footnote-item" not in two
    assert "The note." in print_html(book)


def test_xml_incompatible_character_references_are_replaced(minimal):
    from dossierkit.build import load_and_render

    append("chapters/two.md", "\n<p>a &#7; b &#0; c &#xFFFF;</p>\n")(minimal)
    assert "a \ufffd b \ufffd c \ufffd" in load_and_render(minimal).parts[2].xhtml


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)
