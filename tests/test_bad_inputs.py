"""A catalogue of mistakes: each gives one exact line, exit status 1, and keeps earlier outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossierkit.cli import app


def _replace(relpath: str, old: str, new: str):
    def edit(project: Path) -> None:
        path = project / relpath
        text = path.read_text("utf-8")
        assert old in text, f"fixture changed: {old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    return edit


def _write(relpath: str, content: str | bytes):
    def edit(project: Path) -> None:
        path = project / relpath
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return edit


CASES = {
    "missing required manifest key": (
        _replace("dossier.toml", 'title = "Minimal Dossier"\n', ""),
        "dossier.toml:1: dossier.title: required key is missing (add it)"),
    "malformed TOML": (
        _replace("dossier.toml", 'title = "Minimal Dossier"', 'title = "Minimal Dossier'),
        "dossier.toml:3: invalid TOML: illegal character '\\n' (check quotes, brackets and '=' signs)"),
    "wrong type in manifest": (
        _replace("dossier.toml", "date = 2024-01-15", 'date = "last tuesday"'),
        "dossier.toml:7: dossier.date: input should be a valid date or datetime, "
        "invalid character in year (fix the value's type)"),
    "invalid language code": (
        _replace("dossier.toml", 'language = "en"', 'language = "English"'),
        "dossier.toml:4: dossier.language: string should match pattern "
        "'^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$'"),
    "unknown manifest key": (
        _replace("dossier.toml", 'language = "en"', 'language = "en"\nlanguge = "en"'),
        "dossier.toml:5: dossier.languge: unknown key (did you mean 'language'?)"),
    "chapter listed with no file": (
        _replace("dossier.toml", '["one", "two"]', '["one", "two", "three"]'),
        "dossier.toml:8: dossier.chapters[2]: chapter 'three' has no file chapters/three.md "
        "(create chapters/three.md or remove 'three' from the list)"),
    "malformed YAML": (
        _replace("chapters/data/claims.yaml", "  topic: A claim", "  topic: [A claim"),
        "chapters/data/claims.yaml:3: invalid YAML: expected ',' or ']', but got ':' "
        "(check indentation, colons and quotes)"),
    "wrong type in YAML": (
        _replace("chapters/data/claims.yaml", "verdict: invented", "verdict: 12"),
        "chapters/data/claims.yaml:5: [0].verdict: input should be 'faithful', "
        "'largely faithful', 'compressed', 'dramatised', 'exaggerated', 'loosely based', "
        "'invented' or 'unverified'"),
    "unknown key in YAML": (
        _replace("chapters/data/claims.yaml", "  topic:", "  topc:"),
        "chapters/data/claims.yaml:2: [0].topc: unknown key (did you mean 'topic'?)"),
    "claim with no source": (
        _replace("chapters/data/claims.yaml", '["example-book, p. 12", example-site]', "[]"),
        "chapters/data/claims.yaml:6: [0].sources: list should have at least 1 item after "
        "validation, not 0 (give at least one value)"),
    "unknown source in data": (
        _replace("chapters/data/claims.yaml", "example-site]", "example-sight]"),
        "chapters/data/claims.yaml:6: [0].sources[1]: unknown source 'example-sight' "
        "(did you mean 'example-site'?)"),
    "duplicate source id": (
        _replace("chapters/data/sources.yaml", "- id: example-site",
                 "- id: example-book\n  title: Again\n- id: example-site"),
        "chapters/data/sources.yaml:7: [1].id: duplicate id 'example-book' (first used at [0]) "
        "(give each entry its own id)"),
    "unknown data file": (
        _write("chapters/data/claimz.yaml", "[]\n"),
        "chapters/data/claimz.yaml: unknown data file (did you mean 'claims.yaml'?)"),
    "Jinja syntax error": (
        _replace("chapters/two.md", "Again the book.", "Again {% if %} the book."),
        "chapters/two.md:3: template syntax error: Expected an expression, got 'end of "
        "statement block' (check the {{ }} and {% %} tags)"),
    "undefined template variable": (
        _replace("chapters/two.md", "Again the book.", "Again {{ nothing.here }}."),
        "chapters/two.md:3: template error: 'nothing' is undefined (use a variable the data "
        "defines; see the README's template reference)"),
    "unknown source cited in a chapter": (
        _replace("chapters/one.md", 'cite("example-book, p. 12")', 'cite("no-such-book")'),
        "chapters/one.md:3: template error: cite(): unknown source 'no-such-book' "
        "(check the call on that line)"),
    "chapter without a title": (
        _replace("chapters/two.md", "# Chapter Two\n", "Chapter Two\n"),
        "chapters/two.md:1: the chapter has no title (start the chapter with a '# Title' line)"),
    "empty chapter": (
        _write("chapters/two.md", "\n\n"),
        "chapters/two.md: the chapter is empty (write its content or remove it from dossier.toml)"),
    "file that is not UTF-8": (
        _write("chapters/two.md", "# Chapter Two\n\nCaf\xe9\n".encode("latin-1")),
        "chapters/two.md:3: not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_exit_1(case, minimal):
    edit, expected = CASES[case]
    out = minimal / "build"
    out.mkdir()
    previous = out / "minimal.pdf"
    previous.write_bytes(b"%PDF- a previous build")
    edit(minimal)

    for command in (["check", str(minimal)], ["build", str(minimal)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines() == [f"error: {expected}"]
        assert "Traceback" not in result.output
    assert previous.read_bytes() == b"%PDF- a previous build"
    assert sorted(p.name for p in out.iterdir()) == ["minimal.pdf"]
