"""Names defined once: formats, variants, papers, output names, SOURCE_DATE_EPOCH as set."""

from __future__ import annotations

from dossierkit import options
from dossierkit.options import BuildOptions, output_name, source_date_epoch_text


def test_the_names_and_their_defaults():
    assert options.FORMATS == ("pdf", "epub", "html")
    assert options.VARIANTS == ("screen", "press", "archive")
    assert options.PAPERS == ("a4", "letter")
    assert set(options.DEFAULT_FORMATS) <= set(options.FORMATS)
    assert options.DEFAULT_VARIANT in options.VARIANTS and options.DEFAULT_PAPER in options.PAPERS


def test_output_names():
    assert output_name("salyut-7", "pdf") == "salyut-7.pdf"
    assert output_name("salyut-7", "pdf", variant="press") == "salyut-7-press.pdf"
    assert output_name("salyut-7", "pdf", variant="screen") == "salyut-7.pdf"
    # Only a PDF has variants.
    assert output_name("salyut-7", "epub", variant="archive") == "salyut-7.epub"
    assert output_name("x", "html") == "x.html"


def test_source_date_epoch_as_set():
    assert source_date_epoch_text({}) == ""
    assert source_date_epoch_text({"SOURCE_DATE_EPOCH": " 1700000000\n"}) == "1700000000"


def test_build_options_mean_the_manifest_unless_given():
    default = BuildOptions()
    assert (default.formats, default.variants, default.paper, default.out_dir) == (None,) * 4
    assert not default.strict and not default.force
