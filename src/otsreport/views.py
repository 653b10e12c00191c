"""What a brief shows, decided before rendering: the select stage's output, the render
stage's only input.

These are plain dataclasses of text and numbers, with no pydantic record inside, so that a
brief selected once can be kept (``cache.py``) and rendered again without importing, let
alone validating, the dossier's models: that is what makes an HTML rebuild after a template
edit instant. ``sections.py`` makes them from the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Note:
    """One citation as printed: footnote, inline reference or endnote."""

    number: int
    source_title: str
    paragraph: int
    quote: str


@dataclass(frozen=True)
class Item:
    """One fact, quote, position or assessment, with the notes that ground it."""

    id: str
    title: str
    text: str = ""
    date: str = ""
    date_iso: str = ""
    place: str = ""
    who: str = ""
    extra: str = ""
    label: str = ""
    notes: tuple[Note, ...] = ()

    @property
    def cited_paragraphs(self) -> list[int]:
        """Each cited paragraph once, in order: what an inline reference prints."""
        return sorted({note.paragraph for note in self.notes})


@dataclass(frozen=True)
class Group:
    title: str
    items: tuple[Item, ...]
    description: str = ""


@dataclass(frozen=True)
class ChartMark:
    x: float
    y: float
    label: str
    date: str
    label_x: float
    anchor: str  # SVG text-anchor: "start" (label right of the dot) or "end"


@dataclass(frozen=True)
class TimelineChart:
    """Geometry of the inline SVG timeline, computed here so the template only draws it."""

    width: int
    height: int
    axis_y: int
    ticks: tuple[tuple[float, str], ...]
    marks: tuple[ChartMark, ...]
    description: str


@dataclass(frozen=True)
class SourceView:
    id: str
    title: str
    byline: str
    published: str
    perspective: str
    note: str
    paragraphs: tuple[str, ...]


@dataclass
class SectionView:
    """What one section of a brief shows. Templates read these fields and nothing else."""

    name: str
    title: str
    template: str
    lead: str = ""
    items: list[Item] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    undated: list[Item] = field(default_factory=list)
    chart: TimelineChart | None = None
    sources: list[SourceView] = field(default_factory=list)
    omitted: int = 0

    @property
    def anchor(self) -> str:
        return f"section-{self.name}"

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.groups or self.undated or self.sources)

    @property
    def notes(self) -> list[Note]:
        """All notes of the section in reading order, for the on-screen endnote list."""
        seen: dict[int, Note] = {}
        for item in [*self.items, *self.undated, *(i for g in self.groups for i in g.items)]:
            for note in item.notes:
                seen.setdefault(note.number, note)
        return [seen[number] for number in sorted(seen)]


@dataclass(frozen=True)
class Brief:
    """Everything a brief template may print."""

    audience: str
    title: str
    subject: str
    audience_title: str
    dossier_id: str
    date: str
    date_iso: str
    lang: str
    keywords: str
    sections: list[SectionView]
    toc: bool
    generator: str
    marking: str  # a TLP 2.0 label, 'TLP:AMBER'
    marking_colour: str
    marking_meaning: str
    citations: str  # footnotes, inline or none
    theme: dict[str, Any]  # the profile's theme values; templates read them as theme.accent
    page_counter_css: str
    logo: str = ""  # data: URI of the theme's logo, or empty
    paged: bool = False  # the copy WeasyPrint lays out: adds the paged-media stylesheet
    modified_iso: str = ""
