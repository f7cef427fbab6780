"""The print edition's covers, drawn from the data: laurels (laurels.yaml, else the prizes
won, else the festivals shown at), a critic's line, the key art under a scrim with its credit, and a
billing block of the credits on the back cover. Without those data, the plain cover."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from dossierkit.render.quotes import curl
from dossierkit.render.sanitise import inline_html

MAX_LAURELS = 3


@dataclass(frozen=True)
class CoverData:
    laurels: tuple[tuple[str, str], ...] = ()  # (prize or festival, what for)
    critic_line: tuple[str, str] | None = None  # (quotation, who and where)
    back_quotes: tuple[tuple[str, str], ...] = ()
    billing: tuple[tuple[str, str], ...] = ()  # (role, names)


def cover_data(data, labels) -> CoverData:
    """What the covers show, from the dossier's data (all optional); `labels`: the
    edition's words (i18n.Labels)."""
    laurels = [(laurel.event, " ".join(str(p) for p in (laurel.label, laurel.year) if p))
               for laurel in data.laurels]
    laurels = laurels or [(a.award, a.category) for a in data.awards if a.result == "won"]
    if not laurels:
        laurels = [(s.festival, s.note.split(",")[0] if s.note else "") for s in data.festivals]
    quotes = [(q.text, q.author if q.author == q.outlet else f"{q.author}, {q.outlet}")
              for review in data.reviews if review.stance == "positive" for q in review.quotes[:1]]
    billing = [(c.role, ", ".join(c.names)) for c in data.credits.crew]
    leads = [c.actor for c in data.credits.cast if c.based_on]
    if leads:
        billing.insert(0, (labels.gettext("Starring"), ", ".join(leads)))
    return CoverData(tuple(laurels[:MAX_LAURELS]), quotes[0] if quotes else None,
                     tuple(quotes[1:4]), tuple(billing))


def laurel(prize: str, category: str, language: str) -> str:
    """A laurel: the prize's name and what for, in the wreath print.css draws behind them
    (a background, so that it is decoration, not a figure without a text alternative)."""
    prize = re.sub(r"\s*\([^)]*\)\s*$", "", prize)  # the name alone: "Golden Eagle"
    return (f'<div class="laurel"><p class="laurel-prize">{inline_html(prize, language)}</p>'
            f'<p class="laurel-for">{inline_html(category, language)}</p></div>')


def laurels_block(cover: CoverData, language: str) -> str:
    if not cover.laurels:
        return ""
    return (f'<div class="cover-laurels">'
            f'{"".join(laurel(p, c, language) for p, c in cover.laurels)}</div>')


def critic_block(line: tuple[str, str] | None, language: str, css: str = "cover-quote") -> str:
    if line is None:
        return ""
    text, who = line
    return (f'<blockquote class="{css}"><p>“{inline_html(text, language)}”</p>'
            f'<p class="quote-by">{inline_html(who, language)}</p></blockquote>')


def front_cover(book) -> str:
    """The cover: print-only (the EPUB's cover is a picture of this page). Over key art,
    the text sits on a scrim; laurels and a critic's line come from the data."""
    m = book.manifest
    film = book.film
    language = m.language
    image_class = " with-image" if m.cover_image else ""
    lines = [f'<section class="cover{image_class}" id="cover">']
    if m.cover_image:
        lines.append(f'<img class="cover-image" src="{html.escape(m.cover_image.path)}" '
                     f'alt="{html.escape(curl(m.cover_image.alt, language))}"/>')
        lines.append('<div class="cover-scrim"></div>')
    lines.append('<div class="cover-text">')
    if m.subject:
        lines.append(f'<p class="cover-kicker">{inline_html(m.subject, language)}</p>')
    # Not a chapter: kept out of the PDF outline whatever the stylesheets say.
    lines.append(f'<h1 class="cover-title" style="bookmark-level: none">'
                 f'{inline_html(m.title, language)}</h1>')
    if m.original_title:
        lang = f' lang="{m.original_language}"' if m.original_language else ""
        lines.append(f'<p class="cover-original"{lang}>{inline_html(m.original_title, language)}</p>')
    if film and film.tagline:
        lines.append(f'<p class="cover-tagline">{inline_html(film.tagline, language)}</p>')
    if film:
        lines.append(f'<p class="cover-logline">{inline_html(film.logline, language)}</p>')
        directors = book.labels.gettext("A film by %(directors)s", directors=film.director)
        lines.append(f'<p class="cover-credit">{inline_html(directors, language)} · '
                     f"{inline_html(film.country, language)} · {film.year}</p>")
    elif m.subtitle:
        lines.append(f'<p class="cover-logline">{inline_html(m.subtitle, language)}</p>')
    lines.append("</div>")
    lines.append('<div class="cover-panel">')
    lines.append(critic_block(book.cover.critic_line, language))
    lines.append(laurels_block(book.cover, language))
    lines.append(f'<p class="cover-publisher">{inline_html(m.publisher, language)}</p>')
    if m.cover_image and m.cover_image.credit:
        credit = book.labels.gettext("Cover picture: %(credit)s", credit=m.cover_image.credit)
        lines.append(f'<p class="cover-image-credit">{inline_html(credit, language)}</p>')
    lines.append("</div></section>")
    return "\n".join(lines)


def back_cover(book, cover: CoverData) -> str:
    """The back cover: logline, critics' lines, the billing block, the imprint."""
    m = book.manifest
    language = m.language
    parts = ['<section class="back-cover" id="back-cover">', '<div class="back-text">']
    if book.film:
        parts.append(f'<p class="back-logline">{inline_html(book.film.logline, language)}</p>')
    elif m.description:
        parts.append(f'<p class="back-logline">{inline_html(m.description, language)}</p>')
    parts += [critic_block(q, language, "back-quote") for q in cover.back_quotes]
    titles = " · ".join(inline_html(c.title, language) for c in book.chapters)
    if titles:
        parts.append(f'<p class="back-contents">{titles}</p>')
    parts.append("</div>")
    if cover.billing:
        rows = "".join(f'<span class="billing-role">{inline_html(role, language)}</span> '
                       f'<span class="billing-names">{inline_html(names, language)}</span> '
                       for role, names in cover.billing)
        parts.append(f'<p class="billing-block">{rows}</p>')
    parts.append(f'<p class="back-imprint">{html.escape(m.publisher)} · {m.date.year}</p>')
    parts.append("</section>")
    return "\n".join(parts)
