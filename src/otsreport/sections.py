"""The section registry and the shaping of dossier records into what each section shows.

Templates only lay out; every decision about *what* a section contains (which records, in
which order, grouped how, cut to how many) is made here, in Python, where it can be tested.
A section whose view is empty is left out of the brief rather than printed empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from otsreport.dates import DateSpan
from otsreport.models import (
    Actor,
    Assessment,
    AudienceProfile,
    Citation,
    Detail,
    Dossier,
    Event,
    Position,
    Source,
    Statement,
)

# -- view objects handed to templates -----------------------------------------------------


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


# -- shaping -------------------------------------------------------------------------------


class _Shaper:
    """Turns records into items: resolves ids to names, formats dates, numbers notes."""

    def __init__(self, dossier: Dossier, locale: str, detail: Detail, cite: bool) -> None:
        self.dossier = dossier
        self.locale = locale
        self.detail = detail
        self.cite = cite
        self.actors: dict[str, Actor] = {a.id: a for a in dossier.actors}
        self.sources: dict[str, Source] = {s.id: s for s in dossier.sources}
        self.records: dict[str, Any] = {
            record.id: record
            for collection in (
                dossier.events,
                dossier.statements,
                dossier.positions,
                dossier.assessments,
                dossier.actors,
            )
            for record in collection
        }
        self.topic_names = {t.id: t.name for t in dossier.topics}
        self.next_note = 1

    def name(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        actor = self.actors[actor_id]
        return actor.name

    def names(self, actor_ids: Iterable[str], *, conjunction: bool = False) -> str:
        names = [self.short(a) if conjunction else self.name(a) for a in actor_ids]
        if conjunction and len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return ", ".join(names)

    def place(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        actor = self.actors[actor_id]
        if actor.located_in:
            return f"{actor.name}, {self.short(actor.located_in)}"
        return self.short(actor_id)

    def short(self, actor_id: str) -> str:
        actor = self.actors[actor_id]
        return actor.short_name or actor.name

    def date(self, span: DateSpan | None, timing: str | None = None) -> str:
        if span is not None:
            return span.format(self.locale)
        return timing or ""

    def notes(self, citations: Sequence[Citation]) -> tuple[Note, ...]:
        if not self.cite:
            return ()
        notes = []
        for citation in citations:
            notes.append(
                Note(
                    self.next_note,
                    self._source_label(citation.source),
                    citation.paragraph,
                    citation.quote,
                )
            )
            self.next_note += 1
        return tuple(notes)

    def _source_label(self, source_id: str) -> str:
        source = self.sources[source_id]
        return source.short_title or source.title

    def summary(self, text: str) -> str:
        return "" if self.detail.summary_only else text

    def event(self, event: Event) -> Item:
        return Item(
            id=event.id,
            title=event.title,
            text=self.summary(event.summary),
            date=self.date(event.date, event.timing),
            date_iso=event.date.start.isoformat() if event.date else "",
            place=self.place(event.place),
            who=self.names(event.participants),
            extra=event.document or "",
            notes=self.notes(event.citations),
        )

    def position(self, position: Position) -> Item:
        who = self.names(position.holders, conjunction=True)
        verb = position.stance if len(position.holders) == 1 else position.stance[:-1]
        return Item(
            id=position.id,
            title=position.subject,
            text=f"{who} {verb} {position.subject}",
            who=who,
            label=position.stance,
            extra=position.reason or "",
            date=self.date(position.date),
            notes=self.notes(position.citations),
        )

    def statement(self, statement: Statement) -> Item:
        speaker = self.actors[statement.speaker]
        role = f", {speaker.roles[0]}" if speaker.roles else ""
        return Item(
            id=statement.id,
            title=statement.quote,
            who=speaker.name + role,
            text=self.summary(statement.context),
            date=self.date(statement.date, statement.timing),
            notes=self.notes(statement.citations),
        )

    def assessment(self, assessment: Assessment) -> Item:
        return Item(
            id=assessment.id,
            title=assessment.wording,
            text=self.summary(assessment.gist or ""),
            label=assessment.kind,
            notes=self.notes(assessment.citations),
        )

    def actor(self, actor: Actor) -> Item:
        memberships = "; ".join(
            f"{m.status} of {self.short(m.organization)}" for m in actor.memberships
        )
        return Item(
            id=actor.id,
            title=actor.name,
            label=actor.short_name or "",
            text="; ".join(actor.roles),
            extra=memberships,
            place=self.place(actor.located_in),
            notes=self.notes(actor.citations),
        )

    def limit(self, items: list[Item]) -> tuple[list[Item], int]:
        cap = self.detail.max_items
        if cap is None or len(items) <= cap:
            return items, 0
        return items[:cap], len(items) - cap


def chronological(events: Iterable[Event]) -> list[Event]:
    dated = [e for e in events if e.date is not None]
    return sorted(dated, key=lambda e: (e.date.sort_key if e.date else (), e.id))


def _with_topic(records: Iterable[Any], topic: str) -> list[Any]:
    return [r for r in records if topic in getattr(r, "topics", [])]


def timeline_chart(events: Sequence[Event], locale: str) -> TimelineChart | None:
    """One row per dated event on a shared year axis, so labels can never collide.

    Year-only dates sit mid-year; intervals sit at their middle. Labels run right of the dot
    in the left half of the chart and left of it in the right half.
    """
    spans = [e.date for e in events if e.date is not None]
    if len(spans) < 2:
        return None
    first_year = min(s.start.year for s in spans)
    last_year = max(s.end.year for s in spans) + 1
    start, end = dt.date(first_year, 1, 1).toordinal(), dt.date(last_year, 1, 1).toordinal()
    width, margin, row_height, axis_y = 720, 24, 20, 22

    def x_of(ordinal: float) -> float:
        return round(margin + (ordinal - start) / (end - start) * (width - 2 * margin), 1)

    step = max(1, (last_year - first_year) // 12)
    ticks = tuple(
        (x_of(dt.date(year, 1, 1).toordinal()), str(year))
        for year in range(first_year, last_year + 1, step)
    )
    marks = []
    for row, event in enumerate(events):
        span = event.date
        assert span is not None
        middle = (span.start.first_day.toordinal() + span.end.last_day.toordinal()) / 2
        x = x_of(middle)
        right_half = x > width / 2
        marks.append(
            ChartMark(
                x=x,
                y=axis_y + 18 + row_height * row,
                label=event.title,
                date=span.format(locale),
                label_x=x - 8 if right_half else x + 8,
                anchor="end" if right_half else "start",
            )
        )
    description = "Timeline of dated events: " + "; ".join(
        f"{mark.date}, {mark.label}" for mark in marks
    )
    height = axis_y + 8 + row_height * len(marks)
    return TimelineChart(width, height, axis_y, ticks, tuple(marks), description)


# -- the registry ----------------------------------------------------------------------------

SectionBuilder = Callable[[_Shaper], SectionView]


@dataclass(frozen=True)
class SectionSpec:
    name: str
    title: str
    description: str
    build: SectionBuilder

    @property
    def template(self) -> str:
        return f"sections/{self.name}.html.j2"


def _view(name: str, **fields: Any) -> SectionView:
    spec = SECTIONS[name]
    return SectionView(name=name, title=spec.title, template=spec.template, **fields)


def _grounding(shaper: _Shaper, refs: Iterable[str]) -> list[Citation]:
    """Citations of the records a key point rests on, each once, in order."""
    seen: dict[tuple[str, int, str], Citation] = {}
    for ref in refs:
        for citation in getattr(shaper.records.get(ref), "citations", []):
            seen.setdefault((citation.source, citation.paragraph, citation.quote), citation)
    return list(seen.values())


def _summary(shaper: _Shaper) -> SectionView:
    info = shaper.dossier.info
    items = [
        Item(
            id=f"key-point-{n}",
            title=point.text,
            notes=shaper.notes(_grounding(shaper, point.refs)),
        )
        for n, point in enumerate(info.key_points, 1)
    ]
    items, omitted = shaper.limit(items)
    return _view("summary", lead=info.summary, items=items, omitted=omitted)


def _assessments(shaper: _Shaper, name: str, kind: str, lead: str) -> SectionView:
    records = [a for a in shaper.dossier.assessments if a.kind == kind]
    items, omitted = shaper.limit([shaper.assessment(a) for a in records])
    return _view(name, lead=lead if items else "", items=items, omitted=omitted)


def _key_judgments(shaper: _Shaper) -> SectionView:
    return _assessments(
        shaper,
        "key-judgments",
        "judgement",
        "The source's own judgements, in its words. They are its view, not established fact.",
    )


def _outlook(shaper: _Shaper) -> SectionView:
    return _assessments(
        shaper,
        "outlook",
        "forecast",
        "Where the source sees things going, in its words: its forecast, not established fact.",
    )


def _events_view(
    shaper: _Shaper, name: str, events: Sequence[Event], chart: bool = False
) -> SectionView:
    dated = chronological(events)
    undated = [e for e in events if e.date is None]
    items, omitted = shaper.limit([shaper.event(e) for e in dated])
    rest, omitted_rest = shaper.limit([shaper.event(e) for e in undated])
    drawn = timeline_chart(dated[: len(items)], shaper.locale) if chart else None
    return _view(name, items=items, undated=rest, chart=drawn, omitted=omitted + omitted_rest)


def _timeline(shaper: _Shaper) -> SectionView:
    return _events_view(shaper, "timeline", shaper.dossier.events, chart=True)


def _agreements(shaper: _Shaper) -> SectionView:
    return _events_view(
        shaper, "agreements", [e for e in shaper.dossier.events if e.kind == "agreement"]
    )


def _summits(shaper: _Shaper) -> SectionView:
    return _events_view(
        shaper, "summits", [e for e in shaper.dossier.events if e.kind in ("summit", "meeting")]
    )


ACTOR_GROUPS: Final = (
    ("state", "States"),
    ("organization", "Organisations"),
    ("person", "People"),
    ("place", "Places"),
)


def _actors(shaper: _Shaper) -> SectionView:
    groups = []
    for kind, title in ACTOR_GROUPS:
        members = [shaper.actor(a) for a in shaper.dossier.actors if a.kind == kind]
        if members:
            groups.append(Group(title, tuple(shaper.limit(members)[0])))
    return _view("actors", groups=groups)


EU_TOPIC: Final = "eu-ots-relations"
COOPERATION_KINDS: Final = ("cooperation", "aid")


def _cooperation(shaper: _Shaper) -> SectionView:
    """Joint work by topic: cooperation and aid events, and positions two or more hold."""
    records: list[Event | Position] = [
        e for e in shaper.dossier.events if e.kind in COOPERATION_KINDS and EU_TOPIC not in e.topics
    ]
    records += [p for p in shaper.dossier.positions if len(p.holders) > 1]
    groups = []
    for topic in shaper.dossier.topics:
        members = [r for r in records if r.topics and r.topics[0] == topic.id]
        if members:
            items = [
                shaper.event(r) if isinstance(r, Event) else shaper.position(r) for r in members
            ]
            groups.append(Group(topic.name, tuple(shaper.limit(items)[0]), topic.description or ""))
    return _view("cooperation", groups=groups)


def _eu_relations(shaper: _Shaper) -> SectionView:
    dossier = shaper.dossier
    facts = [shaper.event(e) for e in chronological(_with_topic(dossier.events, EU_TOPIC))]
    facts += [shaper.event(e) for e in _with_topic(dossier.events, EU_TOPIC) if e.date is None]
    facts += [shaper.position(p) for p in _with_topic(dossier.positions, EU_TOPIC)]
    views = [shaper.assessment(a) for a in _with_topic(dossier.assessments, EU_TOPIC)]
    groups = []
    if facts:
        groups.append(Group("Facts", tuple(shaper.limit(facts)[0])))
    if views:
        groups.append(
            Group(
                "The source's view",
                tuple(shaper.limit(views)[0]),
                "Judgements of the source, in its words; not established fact.",
            )
        )
    return _view("eu-relations", groups=groups)


def _positions(shaper: _Shaper) -> SectionView:
    items, omitted = shaper.limit([shaper.position(p) for p in shaper.dossier.positions])
    return _view("positions", items=items, omitted=omitted)


def _quotes(shaper: _Shaper) -> SectionView:
    items, omitted = shaper.limit([shaper.statement(s) for s in shaper.dossier.statements])
    return _view("quotes", items=items, omitted=omitted)


def _sources(shaper: _Shaper) -> SectionView:
    views = []
    for source in shaper.dossier.sources:
        byline = ", ".join(p for p in (source.author, source.publisher) if p)
        views.append(
            SourceView(
                id=source.id,
                title=source.title,
                byline=byline,
                published=shaper.date(source.published),
                perspective=source.perspective,
                note=source.note or "",
                paragraphs=tuple(source.paragraphs or ()) if shaper.detail.source_text else (),
            )
        )
    return _view("sources", sources=views)


SECTIONS: Final[dict[str, SectionSpec]] = {
    spec.name: spec
    for spec in (
        SectionSpec(
            "summary",
            "Bottom line up front",
            "BLUF: the analyst's summary and key points, each grounded in the source.",
            _summary,
        ),
        SectionSpec(
            "key-judgments",
            "Key judgments of the source",
            "The source's own judgements, quoted and labelled as its view.",
            _key_judgments,
        ),
        SectionSpec(
            "timeline",
            "Timeline",
            "Dated events in order, as a table and a chart; undated ones listed apart.",
            _timeline,
        ),
        SectionSpec(
            "actors",
            "Who is who",
            "States, organisations, people and places, with roles and memberships.",
            _actors,
        ),
        SectionSpec(
            "agreements",
            "Agreements",
            "Declarations and agreements signed or adopted.",
            _agreements,
        ),
        SectionSpec(
            "summits", "Summits and meetings", "Summits and high-level meetings.", _summits
        ),
        SectionSpec(
            "cooperation",
            "Cooperation by topic",
            "Joint work and shared positions, grouped by topic (energy, security, ...).",
            _cooperation,
        ),
        SectionSpec(
            "eu-relations",
            "The EU–OTS dimension",
            "Facts on EU–OTS relations, then the source's view of them.",
            _eu_relations,
        ),
        SectionSpec(
            "positions",
            "Positions",
            "Who supports or opposes what, and the reason given.",
            _positions,
        ),
        SectionSpec(
            "quotes", "Quotes", "Statements quoted verbatim, with speaker and context.", _quotes
        ),
        SectionSpec(
            "outlook", "Outlook", "The source's forecasts, labelled as its view.", _outlook
        ),
        SectionSpec(
            "sources",
            "Sources",
            "The sources, their perspective and, for research, their full text.",
            _sources,
        ),
    )
}


def build_sections(
    dossier: Dossier, profile: AudienceProfile, names: Sequence[str]
) -> list[SectionView]:
    """Views of the named sections in the given order, leaving out those with nothing to show."""
    shaper = _Shaper(dossier, profile.locale, profile.detail, profile.citations != "none")
    views = [SECTIONS[name].build(shaper) for name in names]
    return [view for view in views if not view.is_empty]


# -- the brief as a whole -------------------------------------------------------------------

MARKING_COLOURS: Final = {
    # TLP 2.0 colours (FIRST), printed on black as the standard asks.
    "TLP:CLEAR": "#ffffff",
    "TLP:GREEN": "#33ff00",
    "TLP:AMBER": "#ffc000",
    "TLP:AMBER+STRICT": "#ffc000",
    "TLP:RED": "#ff2b2b",
}
MARKING_MEANINGS: Final = {
    "TLP:CLEAR": "Disclosure is not limited.",
    "TLP:GREEN": "Limited disclosure: recipients may share within their community, not publicly.",
    "TLP:AMBER": "Limited disclosure: recipients may share only on a need-to-know basis "
    "within their organisation and its clients.",
    "TLP:AMBER+STRICT": "Limited disclosure: recipients may share only within their "
    "organisation, on a need-to-know basis.",
    "TLP:RED": "For the eyes and ears of the individual recipients only; no further disclosure.",
}


@dataclass(frozen=True)
class Brief:
    """Everything a brief template may print, decided before rendering."""

    audience: str
    profile: AudienceProfile
    title: str
    subject: str
    dossier_id: str
    date: str
    date_iso: str
    lang: str
    keywords: str
    sections: list[SectionView]
    toc: bool
    generator: str
    logo: str = ""  # data: URI of the theme's logo, or empty

    @property
    def marking(self) -> str:
        return self.profile.marking

    @property
    def marking_colour(self) -> str:
        return MARKING_COLOURS[self.profile.marking]

    @property
    def marking_meaning(self) -> str:
        return MARKING_MEANINGS[self.profile.marking]

    @property
    def citations(self) -> str:
        return self.profile.citations

    @property
    def theme(self) -> Any:
        return self.profile.theme


def compose_brief(
    dossier: Dossier,
    audience: str,
    profile: AudienceProfile,
    section_names: Sequence[str],
    *,
    toc: bool,
    generator: str,
    logo: str = "",
) -> Brief:
    """The select stage: pick and shape what this audience's brief shows."""
    info = dossier.info
    return Brief(
        audience=audience,
        profile=profile,
        title=info.title,
        subject=info.subject,
        dossier_id=info.id,
        date=info.as_of.format(profile.locale),
        date_iso=info.as_of.start.first_day.isoformat(),
        lang=profile.locale.replace("_", "-"),
        keywords=", ".join(info.keywords),
        sections=build_sections(dossier, profile, section_names),
        toc=toc,
        generator=generator,
        logo=logo,
    )
