"""Figures drawn from the data: a timeline of the real events, with the film's own beats."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from markupsafe import Markup

from dossierkit.i18n import Labels
from dossierkit.render.axis import Tick, ticks
from dossierkit.render.citations import Citations
from dossierkit.source.models import Data, Timeline

SVG_NS = "http://www.w3.org/2000/svg"
# A paragraph holding only this token is replaced by the figure's SVG after sanitising,
# which would otherwise strip the SVG as unknown markup.
TOKEN = "DOSSIERKIT-FIGURE-"

# Figure units. Narrow on purpose: at a phone's 412 px the figure shrinks by a fifth at most,
# so 12-unit text stays near 10 px.
WIDTH = 520
LEFT, RIGHT = 62, WIDTH - 12
LINE = 13  # height of one line of a label (its date sits on a second line above)
LEVEL = 27  # from one stacked label to the next
LABEL, SMALL = 12, 10.5  # font sizes
CHAR = 0.56  # average advance of a PT Sans character, in ems, to keep labels inside the frame
INK, MUTED, ACCENT = "#1b2a3a", "#6b7785", "#b3261e"


class _Scale:
    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.days = start, max((end - start).days, 1)

    def x(self, day: dt.date) -> float:
        return LEFT + (RIGHT - LEFT) * (day - self.start).days / self.days


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR


def _levels(extents: list[tuple[float, float]]) -> list[int]:
    """A stacking level for each label (0 nearest the axis). Labels that would overlap form a
    cluster, stacked with the earliest highest, so that each leader line runs down to the
    axis beside the later, lower labels instead of through them."""
    clusters: list[list[int]] = []
    reach = float("-inf")
    for index, (left, right) in enumerate(extents):
        if clusters and left < reach + 6:
            clusters[-1].append(index)
            reach = max(reach, right)
        else:
            clusters.append([index])
            reach = right
    levels = [0] * len(extents)
    for cluster in clusters:
        for rank, index in enumerate(cluster):
            levels[index] = len(cluster) - 1 - rank
    return levels


def _label_x(x: float, width: float) -> tuple[float, str]:
    """Where a label starts and how it is anchored, kept inside the frame."""
    if x + 4 + width <= WIDTH - 2:
        return x + 4, "start"
    if x - 4 - width >= 2:
        return x - 4, "end"
    return max(2.0, WIDTH - 2 - width), "start"


def _axis(scale: _Scale, marks: list[Tick], y: float) -> list[str]:
    parts = [f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{INK}" stroke-width="1.5"/>']
    for tick in marks:
        x = scale.x(tick.day)
        parts.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 5}" stroke="{INK}" '
                     'stroke-width="1"/>')
        anchor = "start" if x - _text_width(tick.label, SMALL) / 2 < 2 else (
            "end" if x + _text_width(tick.label, SMALL) / 2 > WIDTH - 2 else "middle")
        parts.append(f'<text x="{x:.1f}" y="{y + 18}" font-size="{SMALL}" fill="{MUTED}" '
                     f'text-anchor="{anchor}">{escape(tick.label)}</text>')
    return parts


def _row_label(text: str, y: float, colour: str) -> str:
    return (f'<text x="2" y="{y + 4}" font-size="{LABEL}" font-weight="700" '
            f'fill="{colour}">{escape(text)}</text>')


def timeline_svg(data: Data, labels: Labels | None = None) -> str:
    """The figure as standalone SVG markup (well-formed XML, in the SVG namespace)."""
    labels = labels or Labels("en")
    timeline = data.timeline
    scale = _Scale(timeline.start, timeline.end)
    marks, span_label = ticks(timeline.start, timeline.end, labels)
    xs = [scale.x(beat.real) for beat in timeline.beats]
    texts = [beat.label for beat in timeline.beats]
    widths = [max(_text_width(t, LABEL), _text_width(labels.day_month(b.real), SMALL))
              for t, b in zip(texts, timeline.beats)]
    placed = [_label_x(x, width) for x, width in zip(xs, widths)]
    extents = [(min(x, start), start + width) if anchor == "start" else (start - width, x)
               for x, width, (start, anchor) in zip(xs, widths, placed)]
    levels = _levels(extents)
    axis_y = 18 + (max(levels) + 1) * LEVEL
    film_y = axis_y + 62
    height = (film_y + 30) if timeline.film_label else (axis_y + 26)
    parts = [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        'aria-labelledby="timeline-svg-title timeline-svg-desc" class="timeline-svg" '
        'font-family="PT Sans, sans-serif">',
        f'<title id="timeline-svg-title">{escape(timeline.title)}</title>',
        f'<desc id="timeline-svg-desc">{escape(_description(timeline, labels))}</desc>',
        _row_label(span_label, axis_y, INK),
        *_axis(scale, marks, axis_y),
    ]
    for event in data.events:
        if timeline.start <= event.date <= timeline.end:
            parts.append(f'<circle cx="{scale.x(event.date):.1f}" cy="{axis_y}" r="2.5" fill="{MUTED}"/>')
    for beat, x, level, (text_x, anchor) in zip(timeline.beats, xs, levels, placed):
        label_y = axis_y - 10 - level * LEVEL
        parts += [
            f'<line x1="{x:.1f}" y1="{label_y + 3}" x2="{x:.1f}" y2="{axis_y}" stroke="{MUTED}" '
            'stroke-width="0.6"/>',
            f'<circle cx="{x:.1f}" cy="{axis_y}" r="4" fill="{INK}"/>',
            f'<text x="{text_x:.1f}" y="{label_y}" font-size="{LABEL}" fill="{INK}" '
            f'text-anchor="{anchor}"><tspan font-weight="700">{escape(beat.label)}</tspan>'
            f'<tspan x="{text_x:.1f}" dy="-{LINE - 2}" font-size="{SMALL}" fill="{MUTED}">'
            f'{escape(labels.day_month(beat.real))}</tspan></text>',
        ]
    if timeline.film_label:
        parts += _film_line(timeline, xs, axis_y, film_y, labels)
    parts.append("</svg>")
    return "".join(parts)


def _film_positions(timeline: Timeline) -> list[float]:
    """Where each beat sits on the film's line: at its own moment when the data gives one,
    else evenly spaced over the middle of the line."""
    moments = [beat.film for beat in timeline.beats]
    if all(m is not None for m in moments):
        low, high = min(moments), max(moments)
        span = (high - low) or 1
        return [LEFT + (RIGHT - LEFT) * (m - low) / span for m in moments]
    middle, half = (LEFT + RIGHT) / 2, (RIGHT - LEFT) * 0.18
    step = 2 * half / (len(moments) - 1)
    return [middle - half + step * i for i in range(len(moments))]


def _film_line(timeline: Timeline, xs: list[float], axis_y: float, film_y: float,
               labels: Labels) -> list[str]:
    film_xs = _film_positions(timeline)
    left, right = min(film_xs), max(film_xs)
    parts = [_row_label(labels.gettext("Film"), film_y, ACCENT),
             f'<line x1="{left:.1f}" y1="{film_y}" x2="{right:.1f}" y2="{film_y}" stroke="{ACCENT}" '
             'stroke-width="4" stroke-linecap="round"/>']
    for x, film_x in zip(xs, film_xs):
        parts += [
            f'<path d="M{x:.1f},{axis_y} C{x:.1f},{axis_y + 30} {film_x:.1f},{film_y - 30} '
            f'{film_x:.1f},{film_y}" fill="none" stroke="{ACCENT}" stroke-width="0.8" '
            'stroke-opacity="0.55"/>',
            f'<circle cx="{film_x:.1f}" cy="{film_y}" r="3.5" fill="#ffffff" stroke="{ACCENT}" '
            'stroke-width="1.5"/>',
        ]
    label = timeline.film_label
    width = _text_width(label, LABEL)
    centre = min(max((left + right) / 2, 2 + width / 2), WIDTH - 2 - width / 2)
    parts.append(f'<text x="{centre:.1f}" y="{film_y + 22}" font-size="{LABEL}" fill="{ACCENT}" '
                 f'text-anchor="middle">{escape(label)}</text>')
    return parts


def _description(timeline: Timeline, labels: Labels) -> str:
    dates = "; ".join(f"{b.label}, {labels.date(b.real)}" for b in timeline.beats)
    text = labels.gettext("Real dates: %(dates)s.", dates=dates)
    if timeline.film_label:
        text += " " + labels.gettext("Below it, the film's own time line: %(label)s.",
                                     label=timeline.film_label)
    return text


def timeline_block(data: Data, citations: Citations, labels: Labels | None = None) -> Markup:
    """Markdown for a chapter: a figure holding the timeline, with a cited caption."""
    labels = labels or Labels("en")
    timeline = data.timeline
    if timeline is None:
        raise LookupError("timeline_figure(): the data has no timeline.yaml")
    span = labels.gettext("The real events, %(start)s to %(end)s.",
                          start=labels.date(timeline.start), end=labels.date(timeline.end))
    caption = f"**{escape(timeline.title)}.** {escape(span)}{citations.cite(timeline.sources)}"
    # The same beats as a list, for screens too narrow for the drawing (print hides it).
    items = "".join(f'<li><b>{escape(labels.day_month(beat.real))}</b> {escape(beat.label)}</li>'
                    for beat in timeline.beats)
    return Markup(f'\n<figure class="timeline" id="timeline">\n\n{TOKEN}timeline\n\n'
                  f'<ol class="timeline-list">{items}</ol>\n\n'
                  f"<figcaption>\n\n{caption}\n\n</figcaption>\n</figure>\n")


# Figures a chapter can place, by the name its placeholder carries.
DRAWINGS = {"timeline": timeline_svg}
