from __future__ import annotations

from otsreport.dates import DateSpan
from otsreport.models import Detail, Event
from otsreport.paths import sample_dossier_dir
from otsreport.select.chart import MAX_EVENTS, timeline_chart
from otsreport.select.query import chronological
from otsreport.select.shaping import Shaper
from otsreport.validate import load_dossier


def test_chart_marks_stay_inside_and_in_rows() -> None:
    dossier = load_dossier(sample_dossier_dir())
    dated = [e for e in chronological(list(dossier.events)) if isinstance(e, Event) and e.date]
    chart = timeline_chart(dated, Shaper(dossier, "en", "en_GB", Detail(), cite=False))
    assert chart is not None
    xs = [mark.x for mark in chart.marks]
    middles = [
        (e.date.start.first_day.toordinal() + e.date.end.last_day.toordinal()) / 2  # type: ignore[union-attr]
        for e in dated
    ]
    # Position follows the middle of each date's span: a year-only date sits mid-year.
    assert sorted(range(len(xs)), key=xs.__getitem__) == sorted(
        range(len(xs)), key=middles.__getitem__
    )
    assert all(0 < x < chart.width for x in xs)
    assert len({mark.y for mark in chart.marks}) == len(chart.marks)  # one row each
    assert max(mark.y for mark in chart.marks) < chart.height
    assert "20–21 May 2025, Second informal OTS summit, Hungary" in chart.description


def test_the_last_possible_year_does_not_overflow_the_axis() -> None:
    dossier = load_dossier(sample_dossier_dir())
    late = dossier.events[0].model_copy(update={"date": DateSpan.parse("9999")})
    chart = timeline_chart(
        [dossier.events[1], late], Shaper(dossier, "en", "en_GB", Detail(), cite=False)
    )
    assert chart is not None and all(0 < mark.x < chart.width for mark in chart.marks)


def test_quiet_decades_become_a_break_and_busy_years_get_the_width() -> None:
    dossier = load_dossier(sample_dossier_dir())
    base = dossier.events[0]
    dates = ["1951", "2021-02-01", "2021-05-10", "2021-09-30", "2021-12-01"]
    title = "A deliberately long event title that would run off the edge of a chart"
    events = [
        base.model_copy(update={"id": f"e{n}", "date": DateSpan.parse(d), "title": title})
        for n, d in enumerate(dates)
    ]
    chart = timeline_chart(events, Shaper(dossier, "en", "en_GB", Detail(), cite=False))
    assert chart is not None
    assert len(chart.breaks) == 1
    busy = [mark.x for mark in chart.marks[1:]]
    assert max(busy) - min(busy) > chart.width / 4  # four 2021 events, not one squeezed dot
    assert [label for _, label in chart.ticks][:2] == ["1951", "2021"]
    for mark in chart.marks:  # no label runs off the chart
        extent = len(mark.shown or mark.label) * mark.font_size * 0.56
        if mark.anchor == "start":
            assert mark.label_x + extent <= chart.width
        else:
            assert mark.label_x - extent >= 0


def test_a_timeline_too_long_for_a_page_has_no_chart_only_its_table() -> None:
    dossier = load_dossier(sample_dossier_dir())
    base = next(e for e in dossier.events if e.date is not None)
    shaper = Shaper(dossier, "en", "en_GB", Detail(), cite=False)

    def events(count: int) -> list[Event]:
        return [
            base.model_copy(update={"id": f"e{n}", "date": DateSpan.parse(f"{1950 + n % 70}")})
            for n in range(count)
        ]

    assert timeline_chart(events(MAX_EVENTS), shaper) is not None
    assert timeline_chart(events(MAX_EVENTS + 1), shaper) is None


def test_each_label_sits_on_a_box_that_covers_it() -> None:
    """The box under a label (so no gridline crosses it) spans the label at the widest
    advance of the face, on the label's side of its dot."""
    dossier = load_dossier(sample_dossier_dir())
    dated = [e for e in chronological(list(dossier.events)) if isinstance(e, Event) and e.date]
    chart = timeline_chart(dated, Shaper(dossier, "en", "en_GB", Detail(), cite=False))
    assert chart is not None
    for mark in chart.marks:
        x, y, width, height = mark.box
        extent = 0.6 * mark.font_size * len(mark.shown)
        left = mark.label_x if mark.anchor == "start" else mark.label_x - extent
        assert x <= left and left + extent <= x + width, mark
        assert y < mark.y < y + height  # the label's baseline is mark.y + 4
        assert (x > mark.x) == (mark.anchor == "start")  # beside the dot, not over it
