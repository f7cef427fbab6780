"""The press-kit data kinds, credits as they really are, extra data, renamed keys, and the
warnings about what would otherwise be lost (an unlisted chapter, a language without labels)."""

from __future__ import annotations

import shutil

import pytest

from dossierkit.errors import DossierError
from dossierkit.source.loader import load_dossier
from helpers import FIXTURES, REPO

SOURCES = "chapters/data/sources.yaml"


def _write(root, name: str, text: str) -> None:
    path = root / "chapters" / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _errors(root) -> list[str]:
    with pytest.raises(DossierError) as caught:
        load_dossier(root)
    # As printed: each line with its catalogue code.
    return [p.report() for p in caught.value.problems if p.is_error]


def test_every_press_kit_kind_loads(minimal):
    _write(minimal, "technical.yaml", "running_times:\n  - {minutes: 111, version: Russian listings}\n"
           "aspect_ratio: '2.39:1'\nlanguages: [Russian]\nsubtitles: [English]\n"
           "ratings:\n  - {territory: Russia, rating: 12+}\ncountries: [Russia]\n"
           "production_companies: [A Studio]\nsources: [example-site]\n")
    _write(minimal, "contacts.yaml", "- {kind: press, organisation: PR Co, person: A. Person, "
           "email: press@example.org, phone: '+1 555', web: 'https://example.org'}\n")
    _write(minimal, "people.yaml", "- id: a-director\n  name: A. Director\n  bio: A *bio*.\n"
           "  filmography: [{title: Film, year: 2017}]\n  sources: [example-site]\n")
    _write(minimal, "releases.yaml", "- {kind: festival, event: A Fest, territory: USA, date: 2017-09, "
           "sources: [example-site]}\n- {kind: theatrical, territory: Russia, date: 2017-10-12, "
           "distributor: CTB, sources: [example-site]}\n")
    _write(minimal, "laurels.yaml", "- {event: A Fest, label: Official selection, year: 2017, "
           "sources: [example-site]}\n")
    data = load_dossier(minimal).data
    assert data.technical.running_times[0].minutes == 111
    assert data.contacts[0].email == "press@example.org"
    assert data.people[0].filmography[0].year == 2017
    assert [r.date for r in data.releases] == ["2017-09", "2017-10-12"]
    assert data.laurels[0].label == "Official selection"


def test_the_default_dossier_shows_every_press_kit_kind():
    data = load_dossier(REPO).data
    for name in ("technical", "contacts", "people", "releases", "laurels"):
        assert getattr(data, name), name
    assert data.film.tagline and data.film.tagline != data.film.logline


@pytest.mark.parametrize("name, text, expected", [
    ("film.yaml", "title: T\nyear: 2017\ncountry: C\nlanguage: L\ndirectors: [D]\n"
     "logline: Same line.\ntagline: same line.\n",
     "error[D213]: chapters/data/film.yaml:7: tagline: the tagline repeats the logline (a tagline is the "
     "poster's line, shorter than the logline)"),
    ("film.yaml", "title: T\nyear: 2017\ncountry: C\nlanguage: L\ndirectors: [D]\n"
     "logline: L.\nsynopsis:\n  short: " + "word " * 61 + "\n",
     "error[D214]: chapters/data/film.yaml:8: synopsis.short: the short synopsis has 61 words (shorten it to "
     "60 words; the long one has room)"),
    ("releases.yaml", "- {kind: festival, territory: USA, date: September 2017, sources: [example-site]}\n",
     "error[D215]: chapters/data/releases.yaml:1: [0].date: 'September 2017' is not a date like 2017, "
     "2017-09 or 2017-09-21 (write it as precisely as the source gives it)"),
    ("credits.yaml", "cast:\n  - {note: nobody}\n",
     "error[D216]: chapters/data/credits.yaml:2: cast[0]: a cast entry names nobody (give the actor, the "
     "character or both)"),
    ("credits.yaml", "cast:\n  - {actor: A, character: X}\n  - {actor: B}\n  - {actor: A, character: X}\n",
     "error[D217]: chapters/data/credits.yaml:4: cast[2].actor: actor 'A' as 'X' is listed twice (first at "
     "cast[0]) (remove this entry; for a double role give each its character)"),
    ("credits.yaml", "cast:\n  - {actor: A, person: a-actr}\n",
     "error[D218]: chapters/data/credits.yaml:2: cast[0].person: unknown person 'a-actr' "
     "(add them to people.yaml)"),
])
def test_press_kit_mistakes_give_one_exact_line(minimal, name, text, expected):
    _write(minimal, name, text)
    assert _errors(minimal) == [expected]


def test_credits_as_they_really_are(minimal):
    _write(minimal, "credits.yaml", "crew:\n  - {role: Directors, names: [A, B], sources: [example-site]}\n"
           "cast:\n  - {actor: A, character: Twin one}\n  - {actor: A, character: Twin two}\n"
           "  - {character: A voice}\n  - {actor: C, character: Passer-by, uncredited: true}\n")
    _write(minimal, "reviews.yaml", "- {id: r, outlet: O, summary: S, sources: [example-site]}\n")
    data = load_dossier(minimal).data
    assert data.credits.directors == ["A", "B"]
    assert [c.character for c in data.credits.cast if c.actor == "A"] == ["Twin one", "Twin two"]
    assert data.credits.cast[2].actor is None and data.credits.cast[3].uncredited
    assert data.reviews[0].stance is None


def test_extra_data_reads_as_written(minimal):
    _write(minimal, "extra/music.yaml", "tracks:\n  - {title: Theme, composer: A. Composer}\n")
    dossier = load_dossier(minimal)
    assert dossier.extra == {"music": {"tracks": [{"title": "Theme", "composer": "A. Composer"}]}}
    assert dossier.warnings == ()


def test_todays_format_builds_unchanged_and_a_renamed_key_warns(tmp_path):
    """The scaffold `dossier new` wrote before the press-kit kinds (festivals.yaml, one
    `director`) still loads, with one warning giving the new spelling."""
    target = tmp_path / "old"
    shutil.copytree(FIXTURES / "scaffold-2026", target)
    shutil.copytree(REPO / "styles", target / "styles")
    dossier = load_dossier(target)
    assert [str(w) for w in dossier.warnings] == [
        "chapters/data/film.yaml:6: director: 'director' is now spelt 'directors' "
        "(rename the key to 'directors')"]
    assert dossier.data.film.directors == ["A. Director"]
    assert dossier.data.festivals[0].festival == "Example Film Festival"


def test_an_unlisted_chapter_file_warns(minimal):
    (minimal / "chapters" / "three.md").write_text("# Three\n", "utf-8")
    assert [str(w) for w in load_dossier(minimal).warnings] == [
        "chapters/three.md: chapter file not listed in dossier.toml (add 'three' to "
        "dossier.chapters, or delete the file)"]


def test_a_language_without_labels_warns_once(minimal):
    manifest = minimal / "dossier.toml"
    manifest.write_text(manifest.read_text("utf-8").replace('language = "en"', 'language = "it"'), "utf-8")
    assert [str(w) for w in load_dossier(minimal).warnings] == [
        "dossier.toml:4: dossier.language: no labels in 'it': the words dossierkit adds "
        "(Contents, Notes, dates…) stay English (labels exist in en, ru, de, fr, es)"]


def test_todays_scaffold_still_builds_and_passes_epubcheck(tmp_path, expected_warnings):
    from dossierkit.build import BuildOptions, build
    from helpers import epubcheck_findings

    target = tmp_path / "old"
    shutil.copytree(FIXTURES / "scaffold-2026", target)
    shutil.copytree(REPO / "styles", target / "styles")
    built = {b.format: b.path for b in build(target, BuildOptions(out_dir=tmp_path / "out"))}
    assert sorted(p.name for p in built.values()) == ["old-format-film.epub", "old-format-film.pdf"]
    # The one key spelt the old way is named, once.
    assert expected_warnings == ["chapters/data/film.yaml:6: director: 'director' is now spelt "
                                 "'directors' (rename the key to 'directors')"]
    assert epubcheck_findings(built["epub"]) == []


def test_a_credit_points_at_a_known_person(minimal):
    _write(minimal, "people.yaml", "- {id: a-actor, name: A. Actor, sources: [example-site]}\n")
    _write(minimal, "credits.yaml", "cast:\n  - {actor: A, person: a-actr}\n")
    assert _errors(minimal) == ["error[D218]: chapters/data/credits.yaml:2: cast[0].person: unknown person "
                                "'a-actr' (did you mean 'a-actor'?)"]


def test_extra_data_needs_a_name_a_template_can_read(minimal):
    _write(minimal, "extra/my-notes.yaml", "a: 1\n")
    assert _errors(minimal) == ["error[D219]: chapters/data/extra/my-notes.yaml: the name cannot be read in a "
                                "template (name it with letters, digits and _ (extra.<name>))"]
