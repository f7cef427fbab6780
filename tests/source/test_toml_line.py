"""Finding the line of a manifest key, which tomllib does not report."""

from dossierkit.source.manifest import toml_line

MANIFEST = """\
[dossier]
title = "T"
chapters = ["a"]

[dossier.stills.orbit]
path = "a.png"

[[dossier.authors]]
name = "One"

[[dossier.authors]]
role = "editor"

[output]
paper = "a4"
"""


def test_a_key_of_the_main_table():
    assert toml_line(MANIFEST, "dossier", ("chapters",)) == 3


def test_a_missing_key_points_at_its_own_table():
    assert toml_line(MANIFEST, "dossier", ("stills", "orbit", "alt")) == 5
    assert toml_line(MANIFEST, "dossier", ("stills", "orbit", "path")) == 6


def test_an_array_of_tables_is_searched_at_the_right_occurrence():
    assert toml_line(MANIFEST, "dossier", ("authors", 0, "name")) == 9
    assert toml_line(MANIFEST, "dossier", ("authors", 1, "name")) == 11


def test_keys_of_later_tables_are_not_confused_with_the_main_one():
    assert toml_line(MANIFEST, "dossier", ("paper",)) == 1
    assert toml_line(MANIFEST, "output", ("paper",)) == 15
    assert toml_line(MANIFEST, "missing", ()) is None
