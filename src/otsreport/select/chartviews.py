"""The timeline chart as the select stage lays it out: every mark, label and tick placed here,
so the template only draws. Part of the brief's views (``views.py`` re-exports both)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartMark:
    x: float
    y: float
    label: str
    date: str
    label_x: float
    anchor: str  # SVG text-anchor: "start" (label right of the dot) or "end"
    font_size: float = 11.0  # smaller where a long label would not fit beside its dot
    shown: str = ""  # the label as drawn: shortened with "…" only if it fits no other way
    # A white box under the label (x, y, width, height), so no gridline runs through it.
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    lang: str = ""  # the label's language, where it is not the brief's (an untranslated title)


@dataclass(frozen=True)
class TimelineChart:
    """Geometry of the inline SVG timeline, computed here so the template only draws it."""

    width: int
    height: int
    axis_y: int
    ticks: tuple[tuple[float, str], ...]
    marks: tuple[ChartMark, ...]
    description: str
    breaks: tuple[float, ...] = ()  # x of each break in the axis (a quiet stretch of years)
