"""Text from the data as written: addresses linked and printed exactly, inline Markdown, and a
template error that names what exists."""

from __future__ import annotations

import zipfile

import pikepdf
import pytest
from typer.testing import CliRunner

from dossierkit.build import BuildOptions, build
from dossierkit.cli import app

AMPERSAND = "https://example.org/page?id=7&share=email"
PERCENT = "https://example.org/%E1%EE%F0-7"  # cp1251 bytes, not UTF-8


@pytest.fixture
def with_urls(minimal):
    sources = minimal / "chapters" / "data" / "sources.yaml"
    text = sources.read_text("utf-8").replace("url: https://example.org/page", f"url: {AMPERSAND}")
    text += (f"- id: percent\n  title: A page in another encoding\n  url: {PERCENT}\n"
             "  note: On *Gravity* and other films.\n")
    sources.write_text(text, "utf-8")
    chapter = minimal / "chapters" / "two.md"
    chapter.write_text(chapter.read_text("utf-8") + ' And another.{{ cite("percent") }}\n', "utf-8")
    return minimal


def test_addresses_are_printed_and_linked_exactly_as_written(with_urls, tmp_path):
    built = {b.format: b.path for b in build(with_urls, BuildOptions(out_dir=tmp_path))}
    with pikepdf.open(built["pdf"]) as pdf:
        uris = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", [])
                if "/A" in a and "/URI" in a.A}
    assert AMPERSAND in uris and PERCENT in uris
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(built["pdf"]).pages).replace("\n", "")
    assert "id=7&share=email" in text and "&amp;" not in text
    assert "%E1%EE%F0-7" in text and "\ufffd" not in text
    with zipfile.ZipFile(built["epub"]) as epub:
        chapters = "".join(epub.read(n).decode("utf-8") for n in epub.namelist()
                           if n.endswith(".xhtml"))
    assert f'href="{AMPERSAND.replace("&", "&amp;")}"' in chapters  # escaped once, as XML needs
    assert "&amp;amp;" not in chapters and "\ufffd" not in chapters
    assert f">{PERCENT}<" in chapters
    assert "<em>Gravity</em>" in chapters  # inline Markdown of a data note


def test_an_unknown_attribute_lists_what_exists(minimal):
    (minimal / "chapters" / "two.md").write_text("# Two\n\n{{ claims[0].verdit }}\n", "utf-8")
    result = CliRunner().invoke(app, ["check", str(minimal)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error[C405]: chapters/two.md:3: template error: Claim has no attribute 'verdit' (it has: id, "
        "topic, film, history, verdict, sources) (use a variable the data defines; see the "
        "README's template reference)")


def test_the_cover_shows_tagline_laurels_and_the_pictures_credit(tmp_path):
    from dossierkit.build import load_and_render
    from dossierkit.render.printhtml import print_html

    result = CliRunner().invoke(app, ["new", str(tmp_path / "film"), "--title", "Test Film"])
    assert result.exit_code == 0, result.output
    html = print_html(load_and_render(tmp_path / "film"))
    cover = html[html.index('<section class="cover'):html.index("</section>")]
    assert '<p class="cover-tagline">The line on the poster, shorter than the logline.</p>' in cover
    assert ('<div class="laurel"><p class="laurel-prize">Example Film Festival</p>'
            '<p class="laurel-for">Official selection 2024</p></div>') in cover
    assert "Cover picture: Example picture, replace it with a still of the film" in cover


def test_the_billing_block_speaks_the_editions_language():
    from dossierkit.i18n import Labels
    from dossierkit.render.covers import cover_data
    from dossierkit.source.loader import load_dossier
    from helpers import REPO

    data = load_dossier(REPO).data
    assert cover_data(data, Labels("en")).billing[0][0] == "Starring"
    role, names = cover_data(data, Labels("ru")).billing[0]
    assert role == "В ролях" and "Vladimir Vdovichenkov" in names
