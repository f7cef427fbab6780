"""The rendered book: the single intermediate that every writer reads and none changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from lxml import etree

from dossierkit.errors import DossierError, Problem, fail
from dossierkit.i18n import Labels
from dossierkit.render import figures, xhtml
from dossierkit.render.citations import Citations
from dossierkit.render.context import template_context
from dossierkit.render.covers import CoverData, cover_data
from dossierkit.render.markdown import markdown_to_html
from dossierkit.render.sanitise import clean_fragment
from dossierkit.render.templates import make_environment, render_template
from dossierkit.render.typography import typeset
from dossierkit.source.files import ProjectFiles
from dossierkit.source.loader import ChapterSource, Dossier
from dossierkit.source.models import Film, Manifest


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedChapter:
    slug: str
    title: str
    kind: str  # "front" (title page) or "chapter"
    source: str  # the file it came from, relative to the project, for messages
    xhtml: str  # one <section> element, well-formed, no namespace
    headings: tuple[Heading, ...]
    ids: frozenset[str]


@dataclass(frozen=True)
class RenderedBook:
    root: Path
    manifest: Manifest
    parts: tuple[RenderedChapter, ...]
    # Which part holds each id, so a writer that splits the book can fix links.
    id_owner: dict[str, str] = field(default_factory=dict)
    film: Film | None = None  # for covers and metadata
    cover: CoverData = CoverData()  # what the print covers show besides the manifest

    @property
    def chapters(self) -> tuple[RenderedChapter, ...]:
        return tuple(p for p in self.parts if p.kind == "chapter")

    @property
    def labels(self) -> Labels:
        """The words the writers add (Contents, Cover…) in the edition's language."""
        return Labels(self.manifest.language)


def render_book(dossier: Dossier) -> RenderedBook:
    env = make_environment(dossier.root, dossier.manifest.language)
    taken: set[str] = set()
    parts = [_render_titlepage(env, dossier, taken)]
    problems = []
    # Each chapter is rendered even after another fails, so one run reports them all.
    for source in dossier.chapters:
        try:
            parts.append(_render_chapter(env, dossier, source, taken))
        except DossierError as error:
            problems += error.problems
    if problems:
        raise DossierError(*problems)
    id_owner = {id_: part.slug for part in parts for id_ in part.ids}
    return RenderedBook(dossier.root, dossier.manifest, tuple(parts), id_owner, dossier.data.film,
                        cover_data(dossier.data, Labels(dossier.manifest.language)))


def render_chapter_template(env, dossier: Dossier, name: str, citations: Citations) -> str:
    """A chapter's template rendered to Markdown text, with the dossier's context."""
    filename = str((dossier.root / name).resolve())
    budget = dossier.manifest.output
    return render_template(env, name, template_context(dossier, citations), filename,
                           seconds=budget.template_seconds, max_bytes=budget.template_bytes)


def _render_chapter(env, dossier: Dossier, source: ChapterSource, taken: set[str]) -> RenderedChapter:
    citations = Citations(dossier.data.sources, source.slug, source.language or dossier.manifest.language,
                          Labels(dossier.manifest.language).gettext("Notes"))
    text = render_chapter_template(env, dossier, source.path, citations)
    text += citations.definitions()
    language = source.language or dossier.manifest.language
    html = markdown_to_html(text, language)
    files = ProjectFiles(dossier.root)
    # Parsed once: the tree the checks pass is the tree the writers serialise.
    section = clean_fragment(html, source.path, lambda url: files.relative(
        files.image(url, referrer=source.path)))
    _check_alternatives(section, source.path)
    _insert_figures(section, dossier)
    section.set("class", "chapter")
    section.set("id", source.slug)
    if source.language:  # not translated for this edition: it keeps the dossier's language
        section.set("lang", source.language)
    headings = section.findall("h1")
    if not len(section) or section[0].tag != "h1":
        raise fail(source.path, "the chapter has no title", line=1,
                   hint="start the chapter with a '# Title' line")
    if len(headings) > 1:
        raise fail(source.path, f"a chapter has one title, this one has {len(headings)}",
                   hint="use '##' for the chapter's sections")
    return _finish(section, source.slug, "chapter", source.path, taken, dossier.manifest)


def _check_alternatives(section, chapter: str) -> None:
    """Every image says what it shows (alt="" marks decoration): both outputs need it."""
    problems = [Problem(chapter, f"image '{img.get('src')}' has no text alternative",
                        hint='describe it: ![what it shows](path), or alt="" if it is decoration')
                for img in section.iter("img") if img.get("alt") is None]
    if problems:
        raise DossierError(*problems)


def _insert_figures(section, dossier: Dossier) -> None:
    """Put generated SVG figures where their placeholders stand (see render.figures)."""
    for paragraph in list(section.iter("p")):  # replaced while walking: walk a copy
        text = (paragraph.text or "").strip()
        draw = figures.DRAWINGS.get(text[len(figures.TOKEN):])
        if text.startswith(figures.TOKEN) and len(paragraph) == 0 and draw is not None:
            drawing = draw(dossier.data, Labels(dossier.manifest.language))
            paragraph.getparent().replace(paragraph, etree.fromstring(drawing))


def _render_titlepage(env, dossier: Dossier, taken: set[str]) -> RenderedChapter:
    template = resources.files("dossierkit.theme").joinpath("titlepage.html").read_text("utf-8")
    html = env.from_string(template).render(dossier=dossier.manifest, film=dossier.data.film,
                                            laurels=dossier.data.laurels)
    section = xhtml.parse_fragment(html)
    section.set("class", "titlepage")
    section.set("id", "titlepage")
    return _finish(section, "titlepage", "front", "dossier.toml", taken, dossier.manifest)


def _finish(section, slug: str, kind: str, path: str, taken: set[str],
            manifest: Manifest) -> RenderedChapter:
    xhtml.restructure_notes(section, slug, Labels(manifest.language).gettext("Notes"))
    before = set(taken)
    duplicates = xhtml.assign_ids(section, slug, taken)
    if duplicates:
        raise fail(path, f"id '{duplicates[0]}' is used twice in the book",
                   hint="give each {#id} a unique name")
    original = manifest.original_language
    if original and original.split("-")[0] != manifest.language.split("-")[0]:
        xhtml.mark_language(section, original)
    typeset(section, manifest.language)
    markup = xhtml.to_xml(section)
    etree.fromstring(markup)  # proves the chapter is well-formed XML
    headings = tuple(
        Heading(int(h.tag[1]), h.get("id"), xhtml.text_of(h))
        for h in section.iter(*xhtml.HEADINGS) if "notes-title" not in (h.get("class") or ""))
    title = headings[0].text if headings else slug
    return RenderedChapter(slug, title, kind, path, markup, headings, frozenset(taken - before))
