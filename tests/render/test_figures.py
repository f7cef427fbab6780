"""The timeline figure: axis labels from the data's own dates, labels inside the frame, and
a film line only when the data gives one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import etree

from dossierkit.i18n import Labels
from dossierkit.render.axis import ticks
from dossierkit.render.figures import WIDTH, timeline_svg
from dossierkit.source.models import Data, Timeline

SVG = "{http://www.w3.org/2000/svg}"


def _timeline(start, end, film_label=None, beats=None) -> Data:
    beats = beats or [{"label": "Start", "real": start}, {"label": "The very end of it", "real": end}]
    return Data(timeline=Timeline(title="T", start=start, end=end, film_label=film_label,
                                  beats=beats, sources=["s"]))


@pytest.mark.parametrize("start, end, labels, span", [
    (dt.date(2024, 3, 1), dt.date(2024, 3, 3), ["1 Mar", "2 Mar", "3 Mar"], "2024"),
    (dt.date(1965, 3, 1), dt.date(1965, 11, 30), ["Mar", "May", "Jul", "Sep", "Nov"], "1965"),
    (dt.date(2011, 5, 1), dt.date(2019, 12, 31), ["2012", "2014", "2016", "2018"], "2011–2019"),
])
def test_the_axis_follows_the_span(start, end, labels, span):
    marks, label = ticks(start, end, Labels("en"))
    assert [m.label for m in marks] == labels and label == span
    svg = timeline_svg(_timeline(start, end))
    assert "1985" not in svg or span == "1985"
    root = etree.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert span in texts and all(label in texts for label in labels)


def test_month_names_follow_the_language():
    marks, _ = ticks(dt.date(1985, 2, 11), dt.date(1985, 11, 21), Labels("ru"))
    assert [m.label for m in marks] == ["март", "май", "июль", "сент.", "нояб."]


def _runs(text: etree._Element):
    """Each run of a label (the text and its tspans) with where it runs: its anchor, and an
    average character width for its font size."""
    anchor = text.get("text-anchor", "start")
    runs = [(text, text.text or "")] + [(t, t.text or "") for t in text.iter(f"{SVG}tspan")]
    for element, words in runs:
        if not words or element.get("x", text.get("x")) is None:
            continue
        x = float(element.get("x", text.get("x")))
        width = len(words) * float(element.get("font-size", text.get("font-size"))) * 0.56
        yield words, {"start": (x, x + width), "end": (x - width, x),
                      "middle": (x - width / 2, x + width / 2)}[anchor]


def test_labels_stay_inside_the_frame():
    data = _timeline(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "A week on screen", beats=[
        {"label": "A long label at the very start", "real": dt.date(2020, 1, 1)},
        {"label": "Another long label at the end", "real": dt.date(2020, 12, 31)}])
    root = etree.fromstring(timeline_svg(data))
    for text in root.iter(f"{SVG}text"):
        for words, (left, right) in _runs(text):
            assert 0 <= left and right <= WIDTH, words


def test_the_film_line_is_optional_and_follows_the_films_beats():
    plain = timeline_svg(_timeline(dt.date(2020, 1, 1), dt.date(2020, 2, 1)))
    assert ">Film<" not in plain and 'stroke="#b3261e"' not in plain
    beats = [{"label": "A", "real": dt.date(2020, 1, 1), "film": 0},
             {"label": "B", "real": dt.date(2020, 1, 2), "film": 90},
             {"label": "C", "real": dt.date(2020, 2, 1), "film": 100}]
    drawn = timeline_svg(_timeline(dt.date(2020, 1, 1), dt.date(2020, 2, 1), "On screen", beats))
    circles = re.findall(r'<circle cx="([0-9.]+)" cy="[0-9.]+" r="3.5"', drawn)
    xs = [float(x) for x in circles]
    # The film's own moments: B sits nine tenths of the way along the film's line.
    assert xs[0] < xs[1] < xs[2] and (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(0.9)
    assert ">Film<" in drawn and ">On screen<" in drawn


def test_the_timeline_is_well_formed_svg_with_a_title_and_description():
    root = etree.fromstring(timeline_svg(_timeline(dt.date(1985, 6, 1), dt.date(1985, 8, 31))))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "T"
    assert "Start" in root.findtext(f"{SVG}desc") and "The very end of it" in root.findtext(f"{SVG}desc")


def test_the_block_is_a_figure_with_a_cited_caption():
    from dossierkit.render.citations import Citations
    from dossierkit.render.figures import TOKEN, timeline_block
    from dossierkit.render.markdown import note_class
    from dossierkit.source.models import Source

    block = timeline_block(_timeline(dt.date(1985, 6, 1), dt.date(1985, 8, 31)),
                           Citations([Source(id="s", title="The flight log")]))
    assert f"\n{TOKEN}timeline\n" in block
    assert '<figure class="timeline" id="timeline">' in block
    assert "**T.** " in block and block.count(f'class="{note_class("noteref")}"') == 1


def test_without_a_timeline_the_template_line_is_told():
    from dossierkit.render.citations import Citations
    from dossierkit.render.figures import timeline_block

    with pytest.raises(LookupError, match=r"timeline_figure\(\): the data has no timeline.yaml"):
        timeline_block(Data(), Citations([]))


def test_the_timeline_stays_readable_at_phone_width():
    """At a phone's 412 px (about 400 for the figure), the labels are 9 px and the smallest
    text 8 px, where the old 680-unit drawing shrank its 9-unit labels to 5 px."""
    data = _timeline(dt.date(1985, 2, 11), dt.date(1985, 11, 21), "A race of days")
    root = etree.fromstring(timeline_svg(data))
    width = float(root.get("viewBox").split()[2])
    sizes = [float(e.get("font-size")) for e in root.iter(f"{SVG}text", f"{SVG}tspan")
             if e.get("font-size")]
    assert min(sizes) * 400 / width >= 8
