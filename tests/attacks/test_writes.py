"""Class 3: writes stay confined. The manifest's out_dir lies inside the project; --out may
point anywhere, but only the tool's own outputs are replaced and no source ever is."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from attacks.common import append, assert_refused, contents, invoke, problem_lines, seed_previous, steps

OUT_DIR_HINT = 'give a folder inside the project, such as "build"; --out builds elsewhere'

CASES = {
    "absolute out_dir": (
        append("dossier.toml", 'out_dir = "/tmp/dossierkit-attack-out"\n'),
        "dossier.toml:16: output.out_dir: '/tmp/dossierkit-attack-out' is outside the dossier "
        f"project ({OUT_DIR_HINT})"),
    "out_dir climbing out": (
        append("dossier.toml", 'out_dir = "../elsewhere"\n'),
        f"dossier.toml:16: output.out_dir: '../elsewhere' is outside the dossier project ({OUT_DIR_HINT})"),
    "out_dir the project itself": (
        append("dossier.toml", 'out_dir = "."\n'),
        f"dossier.toml:16: output.out_dir: '.' is the project folder itself ({OUT_DIR_HINT})"),
    "out_dir through a link outside": (
        steps(lambda p: os.symlink(p.parent, p / "linked"), append("dossier.toml", 'out_dir = "linked/out"\n')),
        f"dossier.toml:16: output.out_dir: 'linked/out' is outside the dossier project ({OUT_DIR_HINT})"),
}

# Each case's code in dossierkit.catalogue.
CODES = {
    'absolute out_dir': 'M120',
    'out_dir climbing out': 'M120',
    'out_dir the project itself': 'M121',
    'out_dir through a link outside': 'M120',
}



@pytest.mark.parametrize("case", list(CASES))
def test_an_out_dir_outside_the_project_is_refused(case, minimal):
    edit, expected = CASES[case]
    seed_previous(minimal)
    edit(minimal)
    assert_refused(minimal, (["check"], ["build"], ["build", "--format", "html"]), expected, CODES[case])
    assert not (minimal.parent / "elsewhere").exists()
    assert not (minimal.parent / "out").exists()


def _photo(project):
    (project / "images").mkdir()
    Image.new("RGB", (4000, 3000), "navy").save(project / "images/photo.jpg", quality=60)
    append("chapters/two.md", "\n![A photo](images/photo.jpg)\n")(project)
    return (project / "images/photo.jpg").read_bytes()


def test_an_export_never_writes_over_a_source(minimal):
    """`--out .` with the HTML export would re-encode the source photo in place."""
    photo = _photo(minimal)
    before = contents(minimal)
    result = invoke(["build", str(minimal), "--format", "html", "--out", str(minimal)])
    assert result.exit_code == 1, result.output
    assert problem_lines(result.stderr) == [
        f"error[B622]: {minimal}/styles/print.css: the output would replace a source file of the "
        "dossier (build into a folder of its own with --out)"]
    assert (minimal / "images/photo.jpg").read_bytes() == photo
    assert contents(minimal) == before


def test_out_replaces_only_what_the_tool_wrote_there(minimal, tmp_path):
    elsewhere = tmp_path / "press"
    elsewhere.mkdir()
    (elsewhere / "minimal.epub").write_bytes(b"somebody's own file")
    (elsewhere / ".notes.part").write_bytes(b"a user's file that looks like a temporary")
    result = invoke(["build", str(minimal), "--format", "epub", "--out", str(elsewhere)])
    assert result.exit_code == 1, result.output
    assert problem_lines(result.stderr) == [
        f"error[B621]: {elsewhere}/minimal.epub: a file the build did not write is in the way of the "
        "output (move it away, or build into another folder with --out)"]
    assert contents(elsewhere) == {"minimal.epub": b"somebody's own file",
                                   ".notes.part": b"a user's file that looks like a temporary"}
    # Moved away, the build writes there; a second build may replace its own output.
    (elsewhere / "minimal.epub").unlink()
    assert invoke(["build", str(minimal), "--format", "epub", "--out", str(elsewhere)]).exit_code == 0
    append("chapters/two.md", "\nA change.\n")(minimal)
    assert invoke(["build", str(minimal), "--format", "epub", "--out", str(elsewhere)]).exit_code == 0
    assert (elsewhere / ".notes.part").read_bytes() == b"a user's file that looks like a temporary"


def test_files_that_look_like_temporaries_survive_a_build(minimal):
    """The old build deleted every `.*.part` of the out folder; only journal-named ones go."""
    (minimal / "build").mkdir()
    (minimal / "build/.draft.part").write_bytes(b"mine")
    (minimal / ".draft.part").write_bytes(b"mine too")
    assert invoke(["build", str(minimal), "--format", "epub"]).exit_code == 0
    assert (minimal / "build/.draft.part").read_bytes() == b"mine"
    assert (minimal / ".draft.part").read_bytes() == b"mine too"


def test_an_output_folder_linked_out_of_the_out_folder_is_refused(minimal, tmp_path):
    """The HTML export writes styles/ beside the page; a link there must not lead it away."""
    out = tmp_path / "html-out"
    out.mkdir()
    os.symlink(minimal / "styles", out / "styles")
    before = contents(minimal / "styles")
    result = invoke(["build", str(minimal), "--format", "html", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert problem_lines(result.stderr) == [
        f"error[B623]: {out}/styles/print.css: the output would be written outside the output folder "
        "(through a link) (remove the link, or build into another folder with --out)"]
    assert contents(minimal / "styles") == before


def test_every_case_names_its_code():
    assert list(CODES) == list(CASES)
