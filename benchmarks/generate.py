"""A large generated dossier for the benchmarks: the `dossier new` example (its chapters
and the repository's styles and fonts) with many credits, claims and reviews.

    .venv/bin/python benchmarks/generate.py OUT_DIR [--size 1.0]

Size 1.0 makes about 300 A4 pages; the content grows in proportion to the size. The
text is varied but reproducible (a seeded generator), so line breaks and hyphenation
do real work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

from dossierkit.scaffold import create

# Entries per unit of size, chosen so that size 1.0 lays out to about 300 A4 pages.
PER_SIZE = {"crew": 340, "cast": 1900, "claims": 350, "reviews": 315, "sources": 120}

WORDS = (
    "orbit station crew docking frozen cosmonaut mission control telemetry thaw "
    "repair solar panel hatch airlock spacesuit ration water heater battery signal "
    "commander engineer flight night launch approach manual rendezvous window sensor "
    "cable radio ground archive account memoir interview record report footage scene "
    "script director producer editor camera sound composer premiere audience critic "
    "festival screening release version sequence effect model studio budget schedule "
    "history accuracy drama tension silence danger courage winter summer moscow baikonur"
).split()
VERDICTS = ("faithful", "largely faithful", "compressed", "dramatised", "exaggerated",
            "loosely based", "invented", "unverified")
STANCES = ("positive", "mixed", "negative")


def _sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def filler(rng: random.Random, sentences: int) -> str:
    """Varied, reproducible prose of `sentences` sentences."""
    return " ".join(_sentence(rng) for _ in range(sentences))


def _name(rng: random.Random, index: int) -> str:
    first = rng.choice("ABCDEFGHIKLMNOPRSTVZ")
    return f"{first}. {rng.choice(WORDS).capitalize()}{rng.choice(WORDS)} {index}"


def _yaml(value) -> str:
    """YAML through JSON: every JSON document is a YAML document."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def generate(target: Path, size: float = 1.0, title: str = "Generated Dossier") -> Path:
    """Write the project into `target` (absent or empty) and return it."""
    create(target, title, today=dt.date(2026, 1, 1))
    rng = random.Random(7)
    count = {kind: max(1, round(n * size)) for kind, n in PER_SIZE.items()}
    data = target / "chapters" / "data"
    sources = [{"id": f"source-{i}", "kind": rng.choice(["book", "article", "web", "review"]),
                "title": _sentence(rng, 3, 8).rstrip("."), "author": _name(rng, i),
                "outlet": rng.choice(WORDS).capitalize() + " Press",
                "date": str(rng.randint(1985, 2024)), "url": f"https://example.org/source/{i}"}
               for i in range(count["sources"])]

    def cited() -> list[str]:
        picked = rng.sample(range(len(sources)), k=min(len(sources), rng.randint(1, 2)))
        return [f"source-{i}, p. {rng.randint(1, 400)}" if rng.random() < 0.5 else f"source-{i}"
                for i in picked]

    crew = [{"role": _sentence(rng, 1, 3).rstrip("."),
             "names": [_name(rng, i * 10 + k) for k in range(rng.randint(1, 3))],
             "note": _sentence(rng, 3, 10) if rng.random() < 0.4 else None, "sources": cited()}
            for i in range(count["crew"])]
    cast = [{"actor": _name(rng, i), "character": _name(rng, i + 100000) if rng.random() < 0.6 else None,
             "sources": cited()} for i in range(count["cast"])]
    claims = [{"id": f"C{i + 1}", "topic": _sentence(rng, 2, 6).rstrip("."),
               "film": filler(rng, rng.randint(2, 5)), "history": filler(rng, rng.randint(2, 6)),
               "verdict": rng.choice(VERDICTS), "sources": cited()}
              for i in range(count["claims"])]
    reviews = []
    for i in range(count["reviews"]):
        outlet, critic = f"{rng.choice(WORDS).capitalize()} Review {i}", _name(rng, i)
        source = cited()[0]
        reviews.append({
            "id": f"review-{i}", "outlet": outlet, "critic": critic,
            "rating": f"{rng.randint(1, 5)}/5", "stance": rng.choice(STANCES),
            "summary": filler(rng, rng.randint(2, 5)),
            "quotes": [{"text": _sentence(rng), "author": critic, "outlet": outlet,
                        "source": source}],
            "sources": [source]})

    def without_empty(items):
        return [{k: v for k, v in item.items() if v is not None} for item in items]

    (data / "credits.yaml").write_text(
        _yaml({"crew": without_empty(crew), "cast": without_empty(cast)}), "utf-8")
    (data / "claims.yaml").write_text(_yaml(claims), "utf-8")
    (data / "reviews.yaml").write_text(_yaml(reviews), "utf-8")
    # The example chapters cite the example's sources by name: keep them citable.
    for name in ("example-catalogue", "example-review", "example-history"):
        sources.append({"id": name, "kind": "web", "title": name.replace("-", " ").capitalize()})
    (data / "sources.yaml").write_text(_yaml(sources), "utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create (absent or empty)")
    parser.add_argument("--size", type=float, default=1.0, help="1.0 is about 300 A4 pages")
    args = parser.parse_args()
    generate(args.out, args.size)
    print(args.out)


if __name__ == "__main__":
    main()
