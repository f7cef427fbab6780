"""Source citations: one note call per citation point, numbered by the Sources list.

The numbering scheme (README, "Notes and sources"): a source's number is its place in
data/sources.yaml, which is also its number in a Sources list written as
`{% for s in sources %}1. {{ s | citation }}{% endfor %}`. A call reads the numbers of
every source cited at that point, sorted and with runs compressed ("3–5, 9"), and links
to one note that gives those sources in full, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from dossierkit.render.markdown import note_class
from dossierkit.render.sanitise import inline_html
from dossierkit.source.models import Source, SourceRef

NBSP = "\u00a0"


def format_source(source: Source, at: str | None = None, in_note: bool = False) -> Markup:
    """A bibliography entry in Markdown: author, title, outlet, date, place, address.
    In a note (`in_note`) the source's own note is marked, for print to leave out where
    the book has a Sources list to give it."""
    title = escape(source.title)
    title = Markup(f"*{title}*") if source.kind in {"book", "report"} else Markup(f"“{title}”")
    parts = [escape(p) for p in (source.author,) if p] + [title]
    if source.outlet:
        parts.append(Markup(f"*{escape(source.outlet)}*") if source.kind != "book" else escape(source.outlet))
    parts += [escape(p) for p in (source.date, at) if p]
    text = Markup(", ").join(parts) + Markup(".")
    if source.note:
        note = escape(source.note) + (Markup("") if source.note.endswith(".") else Markup("."))
        text += Markup(" ") + (Markup(f'<span class="source-note">{note}</span>') if in_note else note)
    if source.url:
        # An autolink's address is literal text to Markdown, which escapes it once itself.
        text += Markup(f" <{source.url}>")
    return text


def compress(numbers: Iterable[int]) -> str:
    """Sorted numbers with runs of three or more as ranges: 3, 4, 5, 9 -> "3–5, 9"."""
    ordered = sorted(set(numbers))
    pieces: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            pieces.append(f"{ordered[start]}–{ordered[end]}")
        else:
            pieces += [str(n) for n in ordered[start:end + 1]]
        start = end + 1
    # A call is one unit: it never breaks inside.
    return f",{NBSP}".join(pieces)


class Citations:
    """The notes one chapter cites: each distinct group of sources is one note."""

    def __init__(self, sources: Iterable[Source], prefix: str = "notes", language: str = "en",
                 title: str = "Notes"):
        self._sources = list(sources)
        self._number = {source.id: n for n, source in enumerate(self._sources, 1)}
        self._by_id = {source.id: source for source in self._sources}
        self._prefix = prefix
        self._language = language
        self._title = title
        self._notes: dict[tuple[tuple[int, str], ...], int] = {}
        self._calls = 0
        self._first_call: dict[int, int] = {}

    def number(self, source_id: str) -> int:
        return self._number[source_id]

    def _refs(self, refs) -> list[SourceRef]:
        if isinstance(refs, (str, SourceRef)):
            refs = [refs]
        found = []
        for ref in refs:
            if isinstance(ref, str):
                ref = SourceRef.model_validate(ref)
            if ref.id not in self._number:
                # Raised inside the template so the caller can name the template line.
                raise LookupError(f"cite(): unknown source '{ref.id}'")
            found.append(ref)
        return found

    def cite(self, refs: SourceRef | str | Iterable[SourceRef | str]) -> Markup:
        """The note call for one citation point (raw HTML in the chapter's Markdown)."""
        found = self._refs(refs)
        if not found:
            return Markup("")
        key = tuple(sorted({(self._number[r.id], r.at or "") for r in found}))
        note = self._notes.setdefault(key, len(self._notes) + 1)
        self._calls += 1
        self._first_call.setdefault(note, self._calls)
        label = compress(n for n, _ in key)
        return Markup(f'<a class="{note_class("noteref")}" href="#{self._prefix}-note-{note}" '
                      f'id="{self._prefix}-noteref-{self._calls}">{label}</a>')

    def definitions(self) -> str:
        """The chapter's notes as an HTML block to append to its Markdown: one `li` per note,
        each source in it under its number, the first number a back-link to the first call."""
        if not self._notes:
            return ""
        first_call, back = self._first_call, note_class("note-back")
        items = []
        for key, note in self._notes.items():
            entries = []
            for position, (n, at) in enumerate(key):
                entry = inline_html(format_source(self._sources[n - 1], at or None, in_note=True),
                                    self._language)
                # The first source's number links back to the call; every entry is numbered.
                number = (f'<a class="{back}" href="#{self._prefix}-noteref-{first_call[note]}">'
                          f"{n}</a>" if position == 0 else f'<b class="note-number">{n}</b>')
                entries.append(f'<span class="note-source">{number} {entry}</span>')
            items.append(f'<li class="{note_class("note")}" id="{self._prefix}-note-{note}"><p>'
                         f'{" ".join(entries)}</p></li>')
        return (f'\n\n<section class="{note_class("notes")}" id="{self._prefix}-notes">'
                f'<h2 class="{note_class("notes-title")}">{escape(self._title)}</h2>'
                f'<ol class="{note_class("notes-list")}">' + "".join(items) + "</ol></section>\n")
