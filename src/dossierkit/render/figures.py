"""Figures drawn from the data: the timeline of the real mission against the film's story."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from markupsafe import Markup

from dossierkit.render.citations import Citations
from dossierkit.render.templates import longdate
from dossierkit.source.models import Data, Timeline

SVG_NS = "http://www.w3.org/2000/svg"
# A paragraph holding only this token is replaced by the figure's SVG after sanitising,
# which would otherwise strip the SVG as unknown markup.
TOKEN = "DOSSIERKIT-FIGURE-"

WIDTH, HEIGHT = 680, 268
LEFT, RIGHT = 70, 650
AXIS_Y, FILM_Y = 130, 215
LABEL_LEVELS = (110, 84, 58, 32)  # baselines of beat labels, nearest the axis first
CLUSTER = 95  # beats closer than this (in figure units) stack their labels
INK, MUTED, ACCENT = "#1b2a3a", "#6b7785", "#b3261e"


def _x(timeline: Timeline, day: dt.date) -> float:
    span = (timeline.end - timeline.start).days
    return LEFT + (RIGHT - LEFT) * (day - timeline.start).days / span


def _months(timeline: Timeline):
    day = timeline.start.replace(day=1)
    while day <= timeline.end:
        if day >= timeline.start:
            yield day
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _years(timeline: Timeline) -> str:
    """The axis label: the year the timeline covers, or its first and last."""
    first, last = timeline.start.year, timeline.end.year
    return str(first) if first == last else f"{first}\u2013{last}"


def _label_levels(timeline: Timeline) -> list[int]:
    """Stack the labels of beats that stand close together, the earliest highest, so that
    each leader line runs down to the axis left of the later, lower labels."""
    xs = [_x(timeline, beat.real) for beat in timeline.beats]
    clusters: list[list[int]] = []
    for index, x in enumerate(xs):
        if clusters and x - xs[clusters[-1][-1]] < CLUSTER:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    levels = [0] * len(xs)
    for cluster in clusters:
        for rank, index in enumerate(cluster):
            levels[index] = len(cluster) - 1 - rank
    return levels


def timeline_svg(data: Data) -> str:
    """The figure as standalone SVG markup (well-formed XML, in the SVG namespace)."""
    timeline = data.timeline
    parts = [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="timeline-svg-title timeline-svg-desc" class="timeline-svg" '
        'font-family="PT Sans, sans-serif">',
        f'<title id="timeline-svg-title">{escape(timeline.title)}</title>',
        '<desc id="timeline-svg-desc">' + escape(
            "Real dates: " + "; ".join(f"{b.label}, {longdate(b.real)}" for b in timeline.beats)
            + f". {timeline.film_label}.") + "</desc>",
        f'<text x="0" y="{AXIS_Y + 4}" font-size="11" font-weight="700" fill="{INK}">'
        f"{_years(timeline)}</text>",
        f'<text x="0" y="{FILM_Y + 4}" font-size="11" font-weight="700" fill="{ACCENT}">Film</text>',
        f'<line x1="{LEFT}" y1="{AXIS_Y}" x2="{RIGHT}" y2="{AXIS_Y}" stroke="{INK}" stroke-width="1.5"/>',
    ]
    for month in _months(timeline):
        x = _x(timeline, month)
        parts.append(f'<line x1="{x:.1f}" y1="{AXIS_Y}" x2="{x:.1f}" y2="{AXIS_Y + 5}" '
                     f'stroke="{INK}" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{AXIS_Y + 17}" font-size="9" fill="{MUTED}" '
                     f'text-anchor="middle">{month.strftime("%b")}</text>')
    for event in data.events:
        if timeline.start <= event.date <= timeline.end:
            parts.append(f'<circle cx="{_x(timeline, event.date):.1f}" cy="{AXIS_Y}" r="2.5" '
                         f'fill="{MUTED}"/>')

    # The film's beats, squeezed into a few days: a short bar in the middle of the span.
    film_left, film_right = 330, 420
    step = (film_right - film_left) / (len(timeline.beats) - 1)
    parts.append(f'<line x1="{film_left}" y1="{FILM_Y}" x2="{film_right}" y2="{FILM_Y}" '
                 f'stroke="{ACCENT}" stroke-width="4" stroke-linecap="round"/>')
    for index, (beat, level) in enumerate(zip(timeline.beats, _label_levels(timeline))):
        x = _x(timeline, beat.real)
        film_x = film_left + step * index
        label_y = LABEL_LEVELS[level % len(LABEL_LEVELS)]
        parts += [
            f'<path d="M{x:.1f},{AXIS_Y} C{x:.1f},{AXIS_Y + 45} {film_x:.1f},{FILM_Y - 45} '
            f'{film_x:.1f},{FILM_Y}" fill="none" stroke="{ACCENT}" stroke-width="0.8" '
            'stroke-opacity="0.55"/>',
            f'<line x1="{x:.1f}" y1="{label_y + 3}" x2="{x:.1f}" y2="{AXIS_Y}" stroke="{MUTED}" '
            'stroke-width="0.6"/>',
            f'<circle cx="{x:.1f}" cy="{AXIS_Y}" r="4" fill="{INK}"/>',
            f'<text x="{x + 3:.1f}" y="{label_y}" font-size="10" fill="{INK}">'
            f'<tspan font-weight="700">{escape(beat.label)}</tspan>'
            f'<tspan x="{x + 3:.1f}" dy="-11" font-size="8.5" fill="{MUTED}">'
            f'{beat.real.day} {beat.real.strftime("%b")}</tspan></text>',
            f'<circle cx="{film_x:.1f}" cy="{FILM_Y}" r="3.5" fill="#ffffff" stroke="{ACCENT}" '
            'stroke-width="1.5"/>',
        ]
    parts.append(f'<text x="{(film_left + film_right) / 2:.1f}" y="{FILM_Y + 26}" font-size="10" '
                 f'fill="{ACCENT}" text-anchor="middle">{escape(timeline.film_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_block(data: Data, citations: Citations) -> Markup:
    """Markdown for a chapter: a figure holding the timeline, with a cited caption."""
    timeline = data.timeline
    if timeline is None:
        raise LookupError("timeline_figure(): the data has no timeline.yaml")
    caption = (f"**{escape(timeline.title)}.** The real mission, "
               f"{longdate(timeline.start)} to {longdate(timeline.end)}, with the film's "
               f"beats below it.{citations.cite(timeline.sources)}")
    return Markup(f'\n<figure class="timeline" id="timeline">\n\n{TOKEN}timeline\n\n'
                  f"<figcaption>\n\n{caption}\n\n</figcaption>\n</figure>\n")



# Figures a chapter can place, by the name its placeholder carries.
DRAWINGS = {"timeline": timeline_svg}
