"""Source citations: footnote references in chapter text and their formatted notes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from dossierkit.source.models import Source, SourceRef


def format_source(source: Source, at: str | None = None) -> Markup:
    """A bibliography entry in Markdown: author, title, outlet, date, place, address."""
    title = escape(source.title)
    title = Markup(f"*{title}*") if source.kind in {"book", "report"} else Markup(f"“{title}”")
    parts = [escape(p) for p in (source.author,) if p] + [title]
    if source.outlet:
        parts.append(Markup(f"*{escape(source.outlet)}*") if source.kind != "book" else escape(source.outlet))
    parts += [escape(p) for p in (source.date, at) if p]
    text = Markup(", ").join(parts) + Markup(".")
    if source.note:
        text += Markup(" ") + escape(source.note)
        if not source.note.endswith("."):
            text += Markup(".")
    if source.url:
        # An autolink's address is literal text to Markdown, which escapes it once itself.
        text += Markup(f" <{source.url}>")
    return text


class Citations:
    """Collects the notes one chapter cites, so each chapter's notes are its own."""

    def __init__(self, sources: Iterable[Source]):
        self._sources = {source.id: source for source in sources}
        self._labels: dict[tuple[str, str | None], str] = {}

    def cite(self, refs: SourceRef | str | Iterable[SourceRef | str]) -> Markup:
        if isinstance(refs, (str, SourceRef)):
            refs = [refs]
        return Markup("").join(self._reference(ref) for ref in refs)

    def _reference(self, ref: SourceRef | str) -> Markup:
        if isinstance(ref, str):
            ref = SourceRef.model_validate(ref)
        if ref.id not in self._sources:
            # Raised inside the template so the caller can name the template line.
            raise LookupError(f"cite(): unknown source '{ref.id}'")
        key = (ref.id, ref.at)
        if key not in self._labels:
            suffix = re.sub(r"[^a-z0-9]+", "-", (ref.at or "").lower()).strip("-")
            self._labels[key] = f"{ref.id}-{suffix}" if suffix else ref.id
        return Markup(f"[^{self._labels[key]}]")

    def definitions(self) -> str:
        """Markdown footnote definitions for everything cited, to append to the chapter."""
        return "".join(
            f"\n\n[^{label}]: {format_source(self._sources[sid], at)}"
            for (sid, at), label in self._labels.items())

