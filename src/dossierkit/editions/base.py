"""The book every edition of a group is stamped onto: loaded, rendered and laid out once,
with the quotations the group's embargo leaves out taken away first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dossierkit.errors import Problem
from dossierkit.jobs import Bundle, JobResult, run_in_copy
from dossierkit.options import output_name

# Beside the base's PDF and EPUB: the page the title page landed on.
FACTS = "edition-base.json"
TITLEPAGE_ID = "titlepage"


@dataclass(frozen=True)
class Base:
    """A group's laid-out book: its PDF and EPUB bytes and its title page's index."""

    pdf: bytes
    epub: bytes
    titlepage: int
    language: str


def leave_out_quotes(dossier, left_out: frozenset[tuple[str, int]]):
    """The dossier without the quotations `left_out` names (review id, index)."""
    if not left_out:
        return dossier
    from dataclasses import replace

    reviews = [review.model_copy(update={"quotes": [
        quote for index, quote in enumerate(review.quotes) if (review.id, index) not in left_out]})
        for review in dossier.data.reviews]
    return replace(dossier, data=dossier.data.model_copy(update={"reviews": reviews}))


def base_job(bundle: Bundle, language: str, left_out: frozenset[tuple[str, int]],
             strict: bool) -> JobResult:
    """Lay the bundled dossier's edition in `language` out once (PDF/UA and EPUB), into bytes."""

    def work(root: Path, out_dir: Path, problems: list[Problem]) -> None:
        from dossierkit.atomic import prepare_out_dir
        from dossierkit.build import _produce
        from dossierkit.render.book import render_book
        from dossierkit.source.loader import load_dossier
        from dossierkit.writers import BuildContext

        dossier = load_dossier(root, strict=strict, language=language)
        problems.extend(dossier.warnings)
        book = render_book(leave_out_quotes(dossier, left_out))
        context = BuildContext(book, book.manifest.output.paper, ("screen",))
        prepare_out_dir(out_dir, "editions")
        produced = _produce(context, ["pdf", "epub"])
        for _, name, data in produced:
            (out_dir / name).write_bytes(data)
        facts = {"titlepage": context.layout("screen").page_of_id.get(TITLEPAGE_ID, 0),
                 "slug": book.manifest.slug, "language": book.manifest.language}
        (out_dir / FACTS).write_text(json.dumps(facts), "utf-8")

    return run_in_copy(bundle, work)


def base_of(result: JobResult) -> Base:
    facts = json.loads(result.outputs[FACTS][1])
    slug = facts["slug"]
    return Base(result.outputs[output_name(slug, "pdf")][1], result.outputs[output_name(slug, "epub")][1],
                facts["titlepage"], facts["language"])


def edition_language(manifest, wanted: str) -> str:
    """The language edition a recipient gets: theirs when the dossier has it, else its own."""
    for language in manifest.edition_languages:
        if language.lower() == wanted.lower():
            return language
    primary = wanted.split("-")[0].lower()
    for language in manifest.edition_languages:
        if language.split("-")[0].lower() == primary:
            return language
    return manifest.language
