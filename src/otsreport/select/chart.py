"""Geometry of the timeline chart, computed in Python so the template only draws it.

Real dossiers span decades with long quiet stretches (a founding in 1951, four events in
2021): a linear axis would squeeze the busy years into a corner. The axis is broken instead:
each run of years with events gets its share of the width, and a quiet stretch longer than
``QUIET_YEARS`` is drawn as a short break. Labels are placed on the side of their dot with
more room and set smaller when even that is too narrow, so none runs off the chart; each
sits on a white box of its own size, so the year gridlines stop at it instead of crossing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from otsreport.i18n import FALLBACK
from otsreport.models import Event
from otsreport.select.chartviews import ChartMark, TimelineChart
from otsreport.select.shaping import Shaper
from otsreport.typography import untranslated_cue

WIDTH, MARGIN, ROW_HEIGHT, AXIS_Y = 720, 24, 20, 22
FONT_SIZE: Final = 11.0
MIN_FONT_SIZE: Final = 7.0
CHAR_WIDTH: Final = 0.56  # average advance of the sans face, in ems: enough for Noto Sans
BOX_WIDTH: Final = 0.64  # the widest a label's characters run, in ems, for the box under it
QUIET_YEARS: Final = 3  # a gap of more years than this between events is drawn as a break
BREAK_WIDTH: Final = 0.7  # a break takes this many years' worth of width
MAX_TICKS: Final = 14
# One row per event: past this many, the chart is taller than a page and would be shrunk
# into an unreadable sliver (and cost more to draw than the rest of the brief), so the
# timeline is its table alone.
MAX_EVENTS: Final = 60


@dataclass(frozen=True)
class _Axis:
    """Runs of years drawn to scale, with breaks between them."""

    runs: tuple[tuple[int, int], ...]  # (first year, last year), inclusive

    @property
    def units(self) -> float:
        years = sum(last - first + 1 for first, last in self.runs)
        return years + BREAK_WIDTH * (len(self.runs) - 1)

    def x(self, when: float) -> float:
        """x of a moment given in fractional years (2021.5 is mid-2021)."""
        offset = 0.0
        for first, last in self.runs:
            if when < last + 1:
                offset += max(0.0, when - first)
                break
            offset += last - first + 1 + BREAK_WIDTH
        return round(MARGIN + offset / self.units * (WIDTH - 2 * MARGIN), 1)

    def breaks(self) -> tuple[float, ...]:
        """x of the middle of each break."""
        middles = []
        for (_, last), (first, _) in zip(self.runs, self.runs[1:], strict=False):
            middles.append(round((self.x(last + 1) + self.x(first)) / 2, 1))
        return tuple(middles)


def _axis(years: Sequence[int]) -> _Axis:
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year - runs[-1][1] <= QUIET_YEARS + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return _Axis(tuple((first, last) for first, last in runs))


def _fraction(day: dt.date) -> float:
    """2021-07-02 -> 2021.5: a day as fractional years."""
    start = dt.date(day.year, 1, 1)
    length = 366 if _leap(day.year) else 365
    return day.year + (day - start).days / length


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def timeline_chart(events: Sequence[Event], shaper: Shaper) -> TimelineChart | None:
    """One row per dated event on a shared (broken) year axis, so labels never collide;
    none for fewer than two dated events or more than ``MAX_EVENTS``.

    Year-only dates sit mid-year; intervals sit at their middle.
    """
    dated = [e for e in events if e.date is not None]
    if not 2 <= len(dated) <= MAX_EVENTS:
        return None
    years = [y for e in dated if e.date for y in (e.date.start.year, e.date.end.year)]
    axis = _axis(years)
    marks = []
    for row, event in enumerate(dated):
        span = event.date
        assert span is not None
        x = axis.x((_fraction(span.start.first_day) + _fraction(span.end.last_day) + 1 / 366) / 2)
        y = AXIS_Y + 18 + ROW_HEIGHT * row
        label, untranslated = shaper.plain(event.title), not shaper.in_reader_language(event.title)
        if untranslated:  # cued as in the text ('[EN]'), and marked with its language
            label = f"{label} {untranslated_cue(FALLBACK)}"
        mark = _mark(x, y, label, span.format(shaper.locale))
        if untranslated:
            mark = dataclasses.replace(mark, lang=FALLBACK)
        marks.append(mark)
    description = shaper._("Timeline of dated events: {events}").format(
        events="; ".join(f"{mark.date}, {mark.label}" for mark in marks)
    )
    height = AXIS_Y + 8 + ROW_HEIGHT * len(marks)
    return TimelineChart(
        WIDTH, height, AXIS_Y, _ticks(axis), tuple(marks), description, axis.breaks()
    )


def _mark(x: float, y: float, label: str, date: str) -> ChartMark:
    """A dot and its label, on the side with more room, smaller if it would not fit, and
    shortened (the whole title in the row's tooltip and the table) only past that."""
    right_room, left_room = WIDTH - x - 8, x - 8
    room = max(right_room, left_room)
    size = max(MIN_FONT_SIZE, min(FONT_SIZE, room / max(1, len(label)) / CHAR_WIDTH))
    fits = int(room / (size * CHAR_WIDTH))
    shown = label if len(label) <= fits else label[: max(1, fits - 1)].rstrip() + "…"
    right = right_room >= left_room
    label_x = round(x + 8 if right else x - 8, 1)
    width = round(len(shown) * size * BOX_WIDTH + 4, 1)
    return ChartMark(
        x=x,
        y=y,
        label=label,
        date=date,
        label_x=label_x,
        anchor="start" if right else "end",
        font_size=round(size, 1),
        shown=shown,
        box=(
            round(label_x - 2 if right else max(0.0, label_x - width + 2), 1),
            round(y + 4 - size, 1),
            width,
            round(size + 3, 1),
        ),
    )


def _ticks(axis: _Axis) -> tuple[tuple[float, str], ...]:
    """Year ticks at the start of each run and evenly inside it, at most ``MAX_TICKS``."""
    step = max(1, round(axis.units / MAX_TICKS))
    ticks = []
    for first, last in axis.runs:
        ticks += [(axis.x(year), str(year)) for year in range(first, last + 1, step)]
    return tuple(ticks)
