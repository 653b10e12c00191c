"""Geometry of the timeline chart, computed in Python so the template only draws it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from otsreport.models import Event
from otsreport.select.shaping import Shaper
from otsreport.select.views import ChartMark, TimelineChart

WIDTH, MARGIN, ROW_HEIGHT, AXIS_Y = 720, 24, 20, 22


def timeline_chart(events: Sequence[Event], shaper: Shaper) -> TimelineChart | None:
    """One row per dated event on a shared year axis, so labels can never collide.

    Year-only dates sit mid-year; intervals sit at their middle. Labels run right of the dot
    in the left half of the chart and left of it in the right half.
    """
    spans = [e.date for e in events if e.date is not None]
    if len(spans) < 2:
        return None
    first_year = min(s.start.year for s in spans)
    last_year = max(s.end.year for s in spans) + 1
    start = dt.date(first_year, 1, 1).toordinal()
    end = start + sum(366 if _leap(y) else 365 for y in range(first_year, last_year))

    def x_of(ordinal: float) -> float:
        return round(MARGIN + (ordinal - start) / (end - start) * (WIDTH - 2 * MARGIN), 1)

    step = max(1, (last_year - first_year) // 12)
    ticks = tuple(
        (x_of(end if year == last_year else dt.date(year, 1, 1).toordinal()), str(year))
        for year in range(first_year, last_year + 1, step)
    )
    marks = []
    for row, event in enumerate(e for e in events if e.date is not None):
        span = event.date
        assert span is not None
        x = x_of((span.start.first_day.toordinal() + span.end.last_day.toordinal()) / 2)
        right_half = x > WIDTH / 2
        marks.append(
            ChartMark(
                x=x,
                y=AXIS_Y + 18 + ROW_HEIGHT * row,
                label=shaper.plain(event.title),
                date=span.format(shaper.locale),
                label_x=x - 8 if right_half else x + 8,
                anchor="end" if right_half else "start",
            )
        )
    description = shaper._("Timeline of dated events: {events}").format(
        events="; ".join(f"{mark.date}, {mark.label}" for mark in marks)
    )
    height = AXIS_Y + 8 + ROW_HEIGHT * len(marks)
    return TimelineChart(WIDTH, height, AXIS_Y, ticks, tuple(marks), description)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
