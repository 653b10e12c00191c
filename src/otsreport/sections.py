"""The section registry and the shaping of dossier records into what each section shows.

Templates only lay out; every decision about *what* a section contains (which records, in
which order, grouped how, cut to how many) is made here, in Python, where it can be tested.
A section whose view is empty is left out of the brief rather than printed empty.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup, escape

from otsreport.dates import DateSpan
from otsreport.i18n import (
    FALLBACK,
    N_,
    babel_locale,
    gettext_for,
    html_lang,
    language_of,
    pick,
    translations,
)
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
from otsreport.views import (
    Brief,
    ChartMark,
    Group,
    Item,
    Note,
    SectionView,
    SourceView,
    TimelineChart,
)

# -- shaping -------------------------------------------------------------------------------


class _Shaper:
    """Turns records into items: resolves ids to names, formats dates, numbers notes."""

    def __init__(
        self, dossier: Dossier, language: str, locale: str, detail: Detail, cite: bool
    ) -> None:
        self.dossier = dossier
        self.language = language
        self.locale = locale
        self._ = gettext_for(language)
        self.npgettext = translations(language).npgettext
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
        self.next_note = 1

    def plain(self, value: str | dict[str, str] | None) -> str:
        """A data field in the reader's language, as text (English when not translated)."""
        return pick(value, self.language)

    def t(self, value: str | dict[str, str] | None) -> Markup:
        """The same, ready for HTML: an English fallback inside a brief in another language
        is marked ``lang="en"``, so screen readers voice it and hyphenation treats it as
        English. Compose these with Markup operations only (``Markup(...).format``, ``join``),
        which keep the mark-up and escape everything else."""
        text = self.plain(value)
        in_reader_language = self.language == FALLBACK or (
            isinstance(value, dict) and self.language in value
        )
        if text and not in_reader_language:
            return Markup('<span lang="en">{}</span>').format(text)
        return escape(text)

    def name(self, actor_id: str | None) -> Markup:
        if actor_id is None:
            return Markup("")
        return self.t(self.actors[actor_id].name)

    def names(self, actor_ids: Iterable[str], *, conjunction: bool = False) -> Markup:
        names = [self.short(a) if conjunction else self.name(a) for a in actor_ids]
        if conjunction and len(names) > 1:
            return Markup(self._("{first} and {last}")).format(
                first=Markup(", ").join(names[:-1]), last=names[-1]
            )
        return Markup(", ").join(names)

    def place(self, actor_id: str | None) -> Markup:
        if actor_id is None:
            return Markup("")
        actor = self.actors[actor_id]
        if actor.located_in:
            return Markup("{}, {}").format(self.t(actor.name), self.short(actor.located_in))
        return self.short(actor_id)

    def short(self, actor_id: str) -> Markup:
        actor = self.actors[actor_id]
        return self.t(actor.short_name) or self.t(actor.name)

    def date(self, span: DateSpan | None, timing: str | dict[str, str] | None = None) -> Markup:
        if span is not None:
            return escape(span.format(self.locale, approximate_prefix=self._("c.")))
        return self.t(timing)

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

    def summary(self, text: str | dict[str, str] | None) -> Markup:
        return Markup("") if self.detail.summary_only else self.t(text)

    def event(self, event: Event) -> Item:
        return Item(
            id=event.id,
            title=self.t(event.title),
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
        verb = _stance_verb(self.npgettext, position.stance, len(position.holders))
        subject = self.t(position.subject)
        return Item(
            id=position.id,
            title=subject,
            text=Markup(self._("{who} {verb} {subject}")).format(
                who=who, verb=verb, subject=subject
            ),
            who=who,
            label=self._(STANCE_LABELS[position.stance]),
            extra=self.t(position.reason),
            date=self.date(position.date),
            notes=self.notes(position.citations),
        )

    def statement(self, statement: Statement) -> Item:
        speaker = self.actors[statement.speaker]
        role = Markup(", ") + self.t(speaker.roles[0]) if speaker.roles else Markup("")
        return Item(
            id=statement.id,
            title=statement.quote,
            who=self.t(speaker.name) + role,
            text=self.summary(statement.context),
            date=self.date(statement.date, statement.timing),
            notes=self.notes(statement.citations),
        )

    def assessment(self, assessment: Assessment) -> Item:
        return Item(
            id=assessment.id,
            title=assessment.wording,
            text=self.summary(assessment.gist),
            label=assessment.kind,
            notes=self.notes(assessment.citations),
        )

    def actor(self, actor: Actor) -> Item:
        memberships = Markup("; ").join(
            Markup(self._("{organisation}: {status}")).format(
                organisation=self.short(m.organization), status=self._(MEMBERSHIP_LABELS[m.status])
            )
            for m in actor.memberships
        )
        return Item(
            id=actor.id,
            title=self.t(actor.name),
            label=self.t(actor.short_name),
            text=Markup("; ").join(self.t(role) for role in actor.roles),
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


def timeline_chart(
    events: Sequence[Event], locale: str, shaper: _Shaper | None = None
) -> TimelineChart | None:
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
                label=shaper.plain(event.title) if shaper else pick(event.title, "en"),
                date=span.format(locale),
                label_x=x - 8 if right_half else x + 8,
                anchor="end" if right_half else "start",
            )
        )
    gettext = shaper._ if shaper else (lambda text: text)
    description = gettext("Timeline of dated events: {events}").format(
        events="; ".join(f"{mark.date}, {mark.label}" for mark in marks)
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


def _view(shaper: _Shaper, name: str, **fields: Any) -> SectionView:
    spec = SECTIONS[name]
    return SectionView(name=name, title=shaper._(spec.title), template=spec.template, **fields)


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
            title=shaper.t(point.text),
            notes=shaper.notes(_grounding(shaper, point.refs)),
        )
        for n, point in enumerate(info.key_points, 1)
    ]
    items, omitted = shaper.limit(items)
    return _view(shaper, "summary", lead=shaper.t(info.summary), items=items, omitted=omitted)


def _assessments(shaper: _Shaper, name: str, kind: str, lead: str) -> SectionView:
    records = [a for a in shaper.dossier.assessments if a.kind == kind]
    items, omitted = shaper.limit([shaper.assessment(a) for a in records])
    return _view(shaper, name, lead=shaper._(lead) if items else "", items=items, omitted=omitted)


def _key_judgments(shaper: _Shaper) -> SectionView:
    return _assessments(
        shaper,
        "key-judgments",
        "judgement",
        N_("The source's own judgements, in its words. They are its view, not established fact."),
    )


def _outlook(shaper: _Shaper) -> SectionView:
    return _assessments(
        shaper,
        "outlook",
        "forecast",
        N_("Where the source sees things going, in its words: its forecast, not established fact."),
    )


def _events_view(
    shaper: _Shaper, name: str, events: Sequence[Event], chart: bool = False
) -> SectionView:
    dated = chronological(events)
    undated = [e for e in events if e.date is None]
    items, omitted = shaper.limit([shaper.event(e) for e in dated])
    rest, omitted_rest = shaper.limit([shaper.event(e) for e in undated])
    drawn = timeline_chart(dated[: len(items)], shaper.locale, shaper) if chart else None
    return _view(
        shaper, name, items=items, undated=rest, chart=drawn, omitted=omitted + omitted_rest
    )


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
    ("state", N_("States")),
    ("organization", N_("Organisations")),
    ("person", N_("People")),
    ("place", N_("Places")),
)
MEMBERSHIP_LABELS: Final = {
    "member": N_("member"),
    "observer": N_("observer"),
    "candidate": N_("candidate"),
    "partner": N_("partner"),
}
STANCE_LABELS: Final = {
    "supports": N_("supports"),
    "opposes": N_("opposes"),
    "pursues": N_("pursues"),
    "embraces": N_("embraces"),
    "seeks": N_("seeks"),
}


def _stance_verb(npgettext: Callable[[str, str, str, int], str], stance: str, holders: int) -> str:
    """The verb for one holder or several, so each language can make it agree."""
    forms = {
        "supports": npgettext("stance verb", "supports", "support", holders),
        "opposes": npgettext("stance verb", "opposes", "oppose", holders),
        "pursues": npgettext("stance verb", "pursues", "pursue", holders),
        "embraces": npgettext("stance verb", "embraces", "embrace", holders),
        "seeks": npgettext("stance verb", "seeks", "seek", holders),
    }
    return forms[stance]


def _actors(shaper: _Shaper) -> SectionView:
    groups = []
    for kind, title in ACTOR_GROUPS:
        members = [shaper.actor(a) for a in shaper.dossier.actors if a.kind == kind]
        if members:
            groups.append(Group(shaper._(title), tuple(shaper.limit(members)[0])))
    return _view(shaper, "actors", groups=groups)


EU_TOPIC: Final = "eu-ots-relations"
SOURCE_VIEW: Final = N_("The source's view")
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
            limited = tuple(shaper.limit(items)[0])
            groups.append(Group(shaper.t(topic.name), limited, shaper.t(topic.description)))
    return _view(shaper, "cooperation", groups=groups)


def _eu_relations(shaper: _Shaper) -> SectionView:
    dossier = shaper.dossier
    facts = [shaper.event(e) for e in chronological(_with_topic(dossier.events, EU_TOPIC))]
    facts += [shaper.event(e) for e in _with_topic(dossier.events, EU_TOPIC) if e.date is None]
    facts += [shaper.position(p) for p in _with_topic(dossier.positions, EU_TOPIC)]
    views = [shaper.assessment(a) for a in _with_topic(dossier.assessments, EU_TOPIC)]
    groups = []
    if facts:
        groups.append(Group(shaper._("Facts"), tuple(shaper.limit(facts)[0])))
    if views:
        groups.append(
            Group(
                shaper._(SOURCE_VIEW),
                tuple(shaper.limit(views)[0]),
                shaper._("Judgements of the source, in its words; not established fact."),
            )
        )
    return _view(shaper, "eu-relations", groups=groups)


def _positions(shaper: _Shaper) -> SectionView:
    items, omitted = shaper.limit([shaper.position(p) for p in shaper.dossier.positions])
    return _view(shaper, "positions", items=items, omitted=omitted)


def _quotes(shaper: _Shaper) -> SectionView:
    items, omitted = shaper.limit([shaper.statement(s) for s in shaper.dossier.statements])
    return _view(shaper, "quotes", items=items, omitted=omitted)


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
                perspective=shaper.t(source.perspective),
                note=shaper.t(source.note),
                paragraphs=tuple(source.paragraphs or ()) if shaper.detail.source_text else (),
            )
        )
    return _view(shaper, "sources", sources=views)


SECTIONS: Final[dict[str, SectionSpec]] = {
    spec.name: spec
    for spec in (
        SectionSpec(
            "summary",
            N_("Bottom line up front"),
            "BLUF: the analyst's summary and key points, each grounded in the source.",
            _summary,
        ),
        SectionSpec(
            "key-judgments",
            N_("Key judgments of the source"),
            "The source's own judgements, quoted and labelled as its view.",
            _key_judgments,
        ),
        SectionSpec(
            "timeline",
            N_("Timeline"),
            "Dated events in order, as a table and a chart; undated ones listed apart.",
            _timeline,
        ),
        SectionSpec(
            "actors",
            N_("Who is who"),
            "States, organisations, people and places, with roles and memberships.",
            _actors,
        ),
        SectionSpec(
            "agreements",
            N_("Agreements"),
            "Declarations and agreements signed or adopted.",
            _agreements,
        ),
        SectionSpec(
            "summits", N_("Summits and meetings"), "Summits and high-level meetings.", _summits
        ),
        SectionSpec(
            "cooperation",
            N_("Cooperation by topic"),
            "Joint work and shared positions, grouped by topic (energy, security, ...).",
            _cooperation,
        ),
        SectionSpec(
            "eu-relations",
            N_("The EU–OTS dimension"),
            "Facts on EU–OTS relations, then the source's view of them.",
            _eu_relations,
        ),
        SectionSpec(
            "positions",
            N_("Positions"),
            "Who supports or opposes what, and the reason given.",
            _positions,
        ),
        SectionSpec(
            "quotes", N_("Quotes"), "Statements quoted verbatim, with speaker and context.", _quotes
        ),
        SectionSpec(
            "outlook", N_("Outlook"), "The source's forecasts, labelled as its view.", _outlook
        ),
        SectionSpec(
            "sources",
            N_("Sources"),
            "The sources, their perspective and, for research, their full text.",
            _sources,
        ),
    )
}


def build_sections(
    dossier: Dossier, profile: AudienceProfile, names: Sequence[str], language: str | None = None
) -> list[SectionView]:
    """Views of the named sections in the given order, leaving out those with nothing to show.

    ``language`` overrides the profile's; dates follow it too.
    """
    shaper = _shaper(dossier, profile, language)
    views = [SECTIONS[name].build(shaper) for name in names]
    return [view for view in views if not view.is_empty]


def _shaper(dossier: Dossier, profile: AudienceProfile, language: str | None) -> _Shaper:
    language = language or language_of(profile.locale)
    locale = babel_locale(language, profile.locale)
    return _Shaper(dossier, language, locale, profile.detail, profile.citations != "none")


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
    "TLP:CLEAR": N_("Disclosure is not limited."),
    "TLP:GREEN": N_(
        "Limited disclosure: recipients may share within their community, not publicly."
    ),
    "TLP:AMBER": N_(
        "Limited disclosure: recipients may share only on a need-to-know basis within their "
        "organisation and its clients."
    ),
    "TLP:AMBER+STRICT": N_(
        "Limited disclosure: recipients may share only within their organisation, on a "
        "need-to-know basis."
    ),
    "TLP:RED": N_(
        "For the eyes and ears of the individual recipients only; no further disclosure."
    ),
}
PAGE_X_OF_Y: Final = N_("Page {page} of {pages}")


def css_counter_text(template: str) -> str:
    """'Page {page} of {pages}' -> '"Page " counter(page) " of " counter(pages)' for @page."""
    parts: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append('"' + literal.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if name in ("page", "pages"):
            parts.append(f"counter({name})")
    return " ".join(parts)


def compose_brief(
    dossier: Dossier,
    audience: str,
    profile: AudienceProfile,
    section_names: Sequence[str],
    *,
    toc: bool,
    generator: str,
    logo: str = "",
    language: str | None = None,
    paged: bool = False,
    modified: dt.date | None = None,
) -> Brief:
    """The select stage: pick and shape what this audience's brief shows, in its language."""
    info = dossier.info
    shaper = _shaper(dossier, profile, language)
    return Brief(
        audience=audience,
        title=shaper.plain(info.title),
        subject=shaper.plain(info.subject),
        audience_title=shaper.plain(profile.title),
        dossier_id=info.id,
        date=info.as_of.format(shaper.locale),
        date_iso=info.as_of.start.first_day.isoformat(),
        lang=html_lang(shaper.locale),
        keywords=", ".join(info.keywords),
        sections=build_sections(dossier, profile, section_names, shaper.language),
        toc=toc,
        generator=generator,
        marking=profile.marking,
        marking_colour=MARKING_COLOURS[profile.marking],
        marking_meaning=shaper._(MARKING_MEANINGS[profile.marking]),
        citations=profile.citations,
        theme=profile.theme.model_dump(),
        page_counter_css=css_counter_text(shaper._(PAGE_X_OF_Y)),
        logo=logo,
        paged=paged,
        modified_iso=(modified or info.as_of.start.first_day).isoformat(),
    )
