"""The HTML writer: the print HTML and every file it loads, so that bare WeasyPrint
lays out the same document as `dossier build`."""

import shutil

from pypdf import PdfReader
from typer.testing import CliRunner

from dossierkit.build import BuildOptions, build, load_and_render
from dossierkit.cli import app
from dossierkit.render.printhtml import print_html
from helpers import REPO, pdf_reader


def _weasyprint_pages(html_file) -> int:
    """Pages of the written HTML laid out by WeasyPrint's own API, with its own fetcher."""
    import weasyprint

    return len(weasyprint.HTML(filename=str(html_file), base_url=str(html_file)).render().pages)


def _outputs(folder):
    """The outputs in a build folder, without the build cache's own record."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _build_html(project, out):
    return {b.path.relative_to(out).as_posix(): b.path
            for b in build(project, BuildOptions(formats=("html",), out_dir=out))}


def test_html_is_the_print_html_with_its_files(illustrated, tmp_path):
    out = tmp_path / "out"
    written = _build_html(illustrated, out)
    book = load_and_render(illustrated)
    assert written["illustrated.html"].read_text("utf-8") == print_html(book, "a4", "screen")
    # The stylesheets the manifest names (those that exist), what they @import, every
    # font they load and every picture the HTML shows, under the names that load them.
    assert sorted(written) == sorted([
        "illustrated.html", "styles/print.css", "styles/fonts.css", "styles/paper-a4.css",
        "styles/laurel.svg",
        *(f"styles/fonts/{p.name}" for p in (REPO / "styles/fonts").glob("*.ttf")),
        "assets/cover.png", "assets/still.jpg"])
    assert (out / "styles/fonts.css").read_bytes() == (REPO / "styles/fonts.css").read_bytes()


def test_bare_weasyprint_lays_out_the_same_pages(illustrated, tmp_path):
    pdf = {b.format: b.path for b in build(illustrated, BuildOptions(out_dir=tmp_path / "pdf"))}["pdf"]
    written = _build_html(illustrated, tmp_path / "html")
    # Moved away from the project, it needs nothing but the files beside it.
    moved = tmp_path / "elsewhere"
    shutil.copytree(tmp_path / "html", moved)
    shutil.rmtree(illustrated)
    assert _weasyprint_pages(moved / written["illustrated.html"].name) == len(PdfReader(pdf).pages)


def test_default_dossier_same_pages(default_build, default_html_export):
    # Laid out by the session's background process (see conftest), as _weasyprint_pages does.
    folder, pages = default_html_export
    assert (folder / "salyut-7.html").is_file() and (folder / "styles/print.css").is_file()
    assert pages == len(pdf_reader(default_build["pdf"]).pages)


def test_stylesheet_in_a_subfolder_and_its_imports(minimal, tmp_path):
    (minimal / "styles/print.css").write_text('@import "parts/more.css";\nbody { color: black; }\n')
    (minimal / "styles/parts").mkdir()
    (minimal / "styles/parts/more.css").write_text(
        "@import url(../base.css);\n@font-face { font-family: X; src: url(../fonts/x.ttf); }\n")
    (minimal / "styles/base.css").write_text("p { margin: 0; }\n")
    (minimal / "styles/fonts").mkdir(exist_ok=True)
    shutil.copy(REPO / "styles/fonts/PTSans-Regular.ttf", minimal / "styles/fonts/x.ttf")
    written = _build_html(minimal, tmp_path)
    assert {"styles/print.css", "styles/parts/more.css", "styles/base.css",
            "styles/fonts/x.ttf"} <= set(written)


def test_format_html_only_on_request(minimal):
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(minimal), "--format", "html", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (minimal / "build/minimal.html").is_file()
    assert not (minimal / "build/minimal.pdf").exists()
    shutil.rmtree(minimal / "build")
    result = runner.invoke(app, ["build", str(minimal), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _outputs(minimal / "build") == ["minimal.epub", "minimal.pdf"]
