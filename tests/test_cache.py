"""The build cache: every input that shapes the outputs causes a rebuild, nothing else does."""

from __future__ import annotations

import os
import shutil

import pytest

import dossierkit.build
import dossierkit.cache
from dossierkit.build import BuildOptions, build
from dossierkit.errors import DossierError
from helpers import REPO

# The EPUB alone still lays the book out (its page-list follows the print pages), so
# these builds exercise the whole pipeline at a fraction of the default dossier's cost.
EPUB = BuildOptions(formats=("epub",))


@pytest.fixture
def project(minimal):
    shutil.copytree(REPO / "styles" / "fonts", minimal / "styles" / "fonts")
    first = build(minimal, EPUB)
    assert [b.reused for b in first] == [False]
    return minimal


def _rebuilt(project, options=EPUB) -> bool:
    return not all(b.reused for b in build(project, options))


def _append(path, text):
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_nothing_changed_reuses_without_loading(project, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(dossierkit.build, "load_and_render", refuse)
    built = build(project, EPUB)
    assert [(b.format, b.path.name, b.reused) for b in built] == [("epub", "minimal.epub", True)]
    assert built[0].size == (project / "build" / "minimal.epub").stat().st_size


@pytest.mark.parametrize("change", [
    "data", "template", "stylesheet", "manifest", "new data file", "optional stylesheet",
])
def test_a_changed_input_rebuilds(project, change):
    if change == "data":
        _append(project / "chapters/data/claims.yaml", "\n# a comment is a change too\n")
    elif change == "template":
        _append(project / "chapters/two.md", "\nOne more sentence.\n")
    elif change == "stylesheet":
        _append(project / "styles/epub.css", "\np { margin: 0; }\n")
    elif change == "manifest":
        _append(project / "dossier.toml", "\n# edited\n")
    elif change == "new data file":
        (project / "chapters/data/events.yaml").write_text(
            "- date: 1985-06-08\n  label: Docking.\n  sources: [example-site]\n", "utf-8")
    elif change == "optional stylesheet":
        manifest = project / "dossier.toml"
        manifest.write_text(manifest.read_text().replace(
            '"styles/print.css"]', '"styles/print.css", "styles/paper-{paper}.css"]'))
        assert _rebuilt(project)  # the manifest changed: one rebuild
        assert not _rebuilt(project)
        (project / "styles/paper-a4.css").write_text("@page { size: A4; }\n")
    assert _rebuilt(project)
    assert not _rebuilt(project)


def test_a_changed_font_rebuilds(project):
    (project / "styles/epub.css").write_text(
        '@font-face { font-family: "PT Serif"; src: url(fonts/PTSerif-Regular.ttf); }\n'
        'body { font-family: "PT Serif"; }\n')
    assert _rebuilt(project)
    font = project / "styles/fonts/PTSerif-Regular.ttf"
    shutil.copyfile(project / "styles/fonts/PTSerif-Bold.ttf", font)
    assert _rebuilt(project)


def test_a_new_tool_version_rebuilds(project, monkeypatch):
    monkeypatch.setattr(dossierkit.cache, "__version__", "99.0")
    assert _rebuilt(project)


def test_other_options_and_dates_rebuild(project, monkeypatch):
    assert _rebuilt(project, BuildOptions(formats=("epub",), paper="letter"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert _rebuilt(project, BuildOptions(formats=("epub",), paper="letter"))


def test_force_rebuilds(project):
    assert _rebuilt(project, BuildOptions(formats=("epub",), force=True))


def test_a_deleted_or_edited_output_is_rebuilt(project):
    output = project / "build" / "minimal.epub"
    output.unlink()
    assert _rebuilt(project)
    output.write_bytes(output.read_bytes() + b"tampered")
    assert _rebuilt(project)


def test_nothing_else_causes_a_rebuild(project):
    (project / "README.md").write_text("notes for the team\n")
    (project / "chapters" / "draft-not-in-the-manifest.md").write_text("# Draft\n")
    (project / "build" / "notes.txt").write_text("x")
    for path in (project / "chapters").rglob("*"):
        os.utime(path, (1, 1))  # times alone say nothing about content
    assert not _rebuilt(project)


def test_a_failed_build_is_not_remembered(project):
    _append(project / "chapters/two.md", "\n{{ undefined_thing }}\n")
    with pytest.raises(DossierError):
        build(project, EPUB)
    with pytest.raises(DossierError):
        build(project, EPUB)


def test_warnings_are_repeated_when_the_cache_answers(project):
    _append(project / "chapters/data/claims.yaml", "  topc: typo\n")
    seen = []
    build(project, EPUB, warn=seen.append)
    build(project, EPUB, warn=seen.append)
    assert len(seen) == 2 and str(seen[0]) == str(seen[1])
    assert "unknown key" in str(seen[0])


def test_the_cache_watches_the_loader_s_data_folder():
    from dossierkit.source.loader import DATA_DIR

    assert dossierkit.cache.DATA_DIR == DATA_DIR


def test_asking_the_cache_does_not_import_the_pipeline():
    import subprocess
    import sys

    code = ("import sys, dossierkit.cache; "
            "print(sorted(m for m in ('pydantic', 'weasyprint', 'dossierkit.build', "
            "'dossierkit.source.loader') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_each_option_set_keeps_its_own_record(project):
    """A4 then Letter then A4 again: the Letter build does not evict the A4 record, and the
    two papers' outputs sit side by side."""
    letter = BuildOptions(formats=("epub",), paper="letter")
    assert _rebuilt(project, letter)
    assert not _rebuilt(project, EPUB)
    assert not _rebuilt(project, letter)
    assert sorted(p.name for p in (project / "build").glob("minimal*")) == [
        "minimal.epub", "minimal.letter.epub"]
