"""Loading and validating a dossier project into its models."""

from dossierkit.source.loader import load_dossier
from dossierkit.source.models import SourceRef
from helpers import BRIEF_ACTORS, REPO


def test_minimal_loads(minimal):
    dossier = load_dossier(minimal)
    assert dossier.manifest.slug == "minimal"
    assert [c.slug for c in dossier.chapters] == ["one", "two"]
    assert dossier.data.claims[0].sources == (
        [SourceRef(id="example-book", at="p. 12"), SourceRef(id="example-site")])


def test_default_dossier_loads_with_all_55_actors():
    dossier = load_dossier(REPO)
    assert dossier.manifest.slug == "salyut-7"
    actors = [c.actor for c in dossier.data.credits.cast]
    assert sorted(set(BRIEF_ACTORS) - set(actors)) == []
    assert len(BRIEF_ACTORS) == 55


def test_default_dossier_has_at_least_twelve_sourced_claims():
    claims = load_dossier(REPO).data.claims
    assert len(claims) >= 12
    assert all(claim.sources for claim in claims)


def test_manifest_modified_defaults_to_its_date(minimal):
    manifest = load_dossier(minimal).manifest
    assert manifest.modified_utc.isoformat() == "2024-01-15T00:00:00+00:00"
