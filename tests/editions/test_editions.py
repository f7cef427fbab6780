"""`dossier editions`: one PDF and one EPUB per recipient, stamped onto one layout; checked
with PDF/UA, EPUBCheck and the files' own text; reproducible; quotes cleared and embargoed."""

import json
import shutil
import zipfile

import pikepdf
import pypdf
import pytest
from typer.testing import CliRunner

from dossierkit.cli import app
from dossierkit.verify.pdfua import check as pdfua_check
from helpers import FIXTURES, epubcheck_messages

runner = CliRunner()
RECIPIENTS = ("name,outlet,email,language,embargo\n"
              "Jane Doe,The Verge,jane@example.org,en,\n"
              "Hans Muster,Example Zeitung,hans@example.de,de,2024-03-02 08:00 Europe/Berlin\n"
              "Ivan Petrov,Пример,ivan@example.ru,ru,\n")
STEMS = ("example-kit--the-verge", "example-kit--example-zeitung", "example-kit--ivan-petrov")
MARGINS = ("Prepared for Jane Doe, The Verge · Embargoed until 1 February 2024, 09:00 (Europe/Berlin)",
           "Erstellt für Hans Muster, Example Zeitung · Sperrfrist bis 2. März 2024, 08:00 (Europe/Berlin)",
           "Подготовлено для: Ivan Petrov, Пример · Эмбарго до 1 февраля 2024, 09:00 (Europe/Berlin)")
EMBARGOED_QUOTE = "The second example quotation, embargoed."


def _editions(folder, *extra):
    shutil.copytree(FIXTURES / "editions", folder / "kit")
    (folder / "recipients.csv").write_text(RECIPIENTS, "utf-8")
    return runner.invoke(app, ["editions", str(folder / "kit"), str(folder / "recipients.csv"), *extra])


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    result = _editions(folder)
    assert result.exit_code == 0, result.output
    return folder / "kit/build/editions", result


def test_six_files_and_their_list(made):
    out, _ = made
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{s}.{x}" for s in STEMS for x in ("pdf", "epub")] + ["editions.json"])
    listing = json.loads((out / "editions.json").read_text("utf-8"))
    assert [e["recipient"]["name"] for e in listing["editions"]] == ["Jane Doe", "Hans Muster", "Ivan Petrov"]
    import hashlib
    for edition in listing["editions"]:
        for entry in edition["files"]:
            data = (out / entry["name"]).read_bytes()
            assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("index", range(3))
def test_every_page_and_the_title_page_name_the_recipient(made, index):
    out, _ = made
    path = out / f"{STEMS[index]}.pdf"
    reader = pypdf.PdfReader(path)
    assert all(MARGINS[index] in page.extract_text() for page in reader.pages)
    name = ("Jane Doe", "Hans Muster", "Ivan Petrov")[index]
    assert f"{name}, " in reader.pages[0].extract_text().split(MARGINS[index])[-1]  # the full statement
    assert reader.metadata["/PreparedFor"].startswith(name)
    assert pdfua_check(path).summary.startswith("claims PDF/UA-1; 0 errors")


def test_the_stamp_is_a_pagination_artifact_and_the_statement_is_tagged(made):
    out, _ = made
    with pikepdf.open(out / f"{STEMS[0]}.pdf") as pdf:
        content = b"".join(stream.read_bytes() for stream in pdf.pages[-1].Contents)
        assert b"/Artifact <</Type /Pagination" in content
        statements = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                      and o.get("/Type") == "/StructElem" and o.get("/S") == "/P" and "/Lang" in o]
        assert len(statements) == 1 and str(statements[0].Lang) == "en"
        document = pdf.Root.StructTreeRoot.K[0]
        # In reading order: after the title page's own elements, before the contents.
        kinds = [str(kid.get("/S")) for kid in document.K]
        assert kinds.index("/P") == 1, kinds


@pytest.mark.parametrize("index", range(3))
def test_each_epub_passes_epubcheck_and_names_the_recipient(made, index):
    out, _ = made
    path = out / f"{STEMS[index]}.epub"
    assert epubcheck_messages(path) == []
    with zipfile.ZipFile(path) as epub:
        opf = epub.read("EPUB/content.opf").decode()
        titlepage = epub.read("EPUB/text/titlepage.xhtml").decode()
    name = ("Jane Doe", "Hans Muster", "Ivan Petrov")[index]
    assert "urn:uuid:00000000-0000-4000-8000-000000000001</dc:identifier>" in opf
    assert f'<meta property="dcterms:audience">{name}, ' in opf
    assert name in titlepage and 'class="edition-note"' in titlepage


def test_a_quote_embargoed_after_an_edition_is_left_out_of_it_only(made):
    out, result = made
    assert result.stderr.splitlines()[0] == (
        "warning[D229]: chapters/data/reviews.yaml:11: [0].quotes[1]: quote “The second example quotation, "
        "embargoed.” is embargoed until 2024-03-01, after the edition for Jane Doe, The Verge: left out "
        "(it is printed in editions embargoed from 2024-03-01 on)")
    text = {stem: "".join(p.extract_text() for p in pypdf.PdfReader(out / f"{stem}.pdf").pages) for stem in STEMS}
    assert EMBARGOED_QUOTE not in text[STEMS[0]] and EMBARGOED_QUOTE not in text[STEMS[2]]
    assert EMBARGOED_QUOTE in text[STEMS[1]]  # embargoed until 2 March, after the quote's day


def test_the_same_recipients_give_the_same_bytes(made, tmp_path):
    out, _ = made
    assert _editions(tmp_path, "--quiet").exit_code == 0
    again = tmp_path / "kit/build/editions"
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_strict_makes_a_left_out_quote_an_error(tmp_path):
    result = _editions(tmp_path, "--strict")
    assert result.exit_code == 1
    assert result.stderr.startswith("error[D229]: chapters/data/reviews.yaml:11:")
    assert not (tmp_path / "kit/build").exists()


def test_an_uncleared_quote_stops_the_editions(tmp_path):
    shutil.copytree(FIXTURES / "editions", tmp_path / "kit")
    reviews = tmp_path / "kit/chapters/data/reviews.yaml"
    reviews.write_text(reviews.read_text("utf-8").replace(
        "      source: example-site\n", "      source: example-site\n      cleared: false\n", 1), "utf-8")
    (tmp_path / "recipients.csv").write_text(RECIPIENTS, "utf-8")
    result = runner.invoke(app, ["editions", str(tmp_path / "kit"), str(tmp_path / "recipients.csv"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error[D228]: chapters/data/reviews.yaml:7: [0].quotes[0]: quote “The first example quotation.” is "
        "not cleared for the edition for Jane Doe, The Verge (set cleared: true once permission is given, "
        "or remove the quote)")
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["error[D228]", "warning[D229]"]
    assert not (tmp_path / "kit/build").exists()
    # The default build prints it as before: clearance is for editions.
    assert runner.invoke(app, ["build", str(tmp_path / "kit"), "--format", "epub"]).exit_code == 0
