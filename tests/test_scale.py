"""Scale: a generated dossier with 10,000 credits and 1,000 claims builds within the limits."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dossierkit.source.textfile import MAX_SOURCE_BYTES

CREDITS = 10_000
CLAIMS = 1_000


def make_large_dossier(root: Path, credits: int = CREDITS, claims: int = CLAIMS) -> Path:
    """Write a dossier with `credits` cast credits and `claims` claims under `root`."""
    (root / "chapters" / "data").mkdir(parents=True)
    (root / "styles").mkdir()
    (root / "styles" / "print.css").write_text("@page { size: A4; margin: 15mm }\n", "utf-8")
    (root / "styles" / "epub.css").write_text("body { margin: 0 }\n", "utf-8")
    (root / "dossier.toml").write_text(
        '[dossier]\nslug = "large"\ntitle = "A Large Dossier"\nlanguage = "en"\n'
        'identifier = "urn:uuid:00000000-0000-4000-8000-000000000010"\n'
        'publisher = "dossierkit tests"\ndate = 2024-01-15\n'
        'chapters = ["credits", "claims"]\n\n[[dossier.authors]]\nname = "Test Author"\n',
        "utf-8")
    (root / "chapters" / "data" / "sources.yaml").write_text(
        "- id: roll\n  title: The end credits\n  kind: web\n", "utf-8")
    (root / "chapters" / "data" / "credits.yaml").write_text("cast:\n" + "".join(
        f"  - actor: Actor Number {i:05d}\n    character: Character {i:05d}\n"
        f"    sources: [roll]\n" for i in range(credits)), "utf-8")
    (root / "chapters" / "data" / "claims.yaml").write_text("".join(
        f"- id: C{i + 1}\n  topic: Topic {i}\n  film: The film shows scene {i}.\n"
        f"  history: History records event {i}.\n  verdict: dramatised\n"
        f"  sources: [roll]\n" for i in range(claims)), "utf-8")
    (root / "chapters" / "credits.md").write_text(
        # Run-in paragraphs, as long cast lists are printed: WeasyPrint lays out a
        # paragraph of fifty names far faster than fifty list items.
        "# Credits\n\n{% for group in credits.cast | batch(50) %}\n"
        "{% for c in group %}{{ c.actor }} as {{ c.character }}; {% endfor %}\n\n"
        "{% endfor %}\n", "utf-8")
    (root / "chapters" / "claims.md").write_text(
        "# Claims\n\n{% for c in claims %}\n"
        "- **{{ c.topic }}**: {{ c.film }} {{ c.history }} ({{ c.verdict }}){{ cite(c.sources) }}\n"
        "{% endfor %}\n", "utf-8")
    return root


@pytest.mark.slow
def test_ten_thousand_credits_and_a_thousand_claims_build(scale_build):
    # Built by tests/background.py (make_large_dossier, then the build), beside the suite.
    project, built = scale_build
    assert (project / "chapters/data/credits.yaml").stat().st_size < MAX_SOURCE_BYTES
    assert sorted(p.name for p in built["pdf"].parent.iterdir() if not p.name.startswith(".")) == [
        "large.epub", "large.pdf"]
    assert built["pdf"].read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(built["epub"]) as z:
        credits = z.read("EPUB/text/credits.xhtml").decode()
        claims = z.read("EPUB/text/claims.xhtml").decode()
    assert "Actor Number 09999" in credits and "Topic 999" in claims
