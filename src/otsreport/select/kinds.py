"""The generic section kinds: how the records a section selects become its groups of items.

A kind knows layout-level structure only (one list, groups by topic or actor, dated and
undated events, actors by kind); what goes in is the section's ``where`` (``query.py``),
and whether a record is told in full or as a one-line reference is the brief's decision
(``compose.Allocation``), so each fact is told once per brief.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, Protocol

from markupsafe import Markup

from otsreport.i18n import N_
from otsreport.models import Actor, Assessment, Event, SectionDef, Source
from otsreport.registry import disputed_citations, every_record
from otsreport.select import changes, estimates
from otsreport.select.chart import timeline_chart
from otsreport.select.items import key_point
from otsreport.select.labels import ACTOR_KINDS, GRADING_LEGEND, SOURCE_KINDS
from otsreport.select.query import Selectable, actors_of, date_of
from otsreport.select.shaping import Shaper
from otsreport.select.views import ActorItem, EventItem, Group, Item, SectionView, SourceView

SOURCES_VIEW: Final = N_("The sources' view")
SOURCES_VIEW_NOTE: Final = N_("Judgements of the sources, in their words; not established fact.")


class Teller(Protocol):
    """Tells a record in full the first time its home section shows it, else refers to it."""

    shaper: Shaper
    home: dict[str, int]

    def item(self, record: Selectable) -> Item: ...


Kind = Callable[[Teller, SectionDef, Sequence[Selectable]], SectionView]


def _view(teller: Teller, spec: SectionDef, **fields: object) -> SectionView:
    shaper = teller.shaper
    return SectionView(
        id=spec.id,
        kind=spec.kind,
        title=shaper.t(spec.title),
        lead=shaper.t(spec.lead),
        **fields,  # type: ignore[arg-type]
    )


def _group(
    teller: Teller,
    records: Sequence[Selectable],
    title: str = "",
    note: str = "",
    role: str = "",
    date_heading: str = "",
) -> Group:
    items = tuple(teller.item(r) for r in records)
    return Group(title, items, note, role, date_heading, _columns(items))


def _columns(items: Sequence[Item]) -> frozenset[str]:
    """The optional table columns some item fills: an event's place, an actor's role."""
    filled = {
        "place": any(isinstance(item, EventItem) and item.place for item in items),
        "role": any(
            isinstance(item, ActorItem) and (item.description or item.aliases) for item in items
        ),
    }
    return frozenset(column for column, used in filled.items() if used)


def summary(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """The analyst's bottom line and key points, each grounded in the records it rests on."""
    shaper = teller.shaper
    info = shaper.dossier.info
    points = info.key_points[: shaper.detail.max_items]
    points = points[: len(points) - shaper.fitted_out.get(spec.id, 0)]  # to fit the budget
    items = tuple(key_point(shaper, number, point) for number, point in enumerate(points, 1))
    view = _view(teller, spec, groups=[Group("", items)] if items else [])
    if info.summary_marking is not None:  # the cut leaves only what the reader may see
        view.lead_marking = shaper.use([info.summary_marking])
        view.lead = shaper.t(info.summary)
    view.omitted = len(info.key_points) - len(points)
    return view


def items(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """Records in one list, or one group per topic or actor. The sources' assessments are
    kept apart from the facts: a group of their own, or last in each group."""
    shaper = teller.shaper
    if spec.group_by == "none":
        facts = [r for r in records if not isinstance(r, Assessment)]
        views = [r for r in records if isinstance(r, Assessment)]
        both = bool(facts and views)
        groups = [
            _group(teller, facts, shaper._("Facts") if both else ""),
            _group(
                teller, views, shaper._(SOURCES_VIEW) if both else "", shaper._(SOURCES_VIEW_NOTE)
            ),
        ]
        return _view(teller, spec, groups=[g for g in groups if g.items])
    groups = []
    placed: set[str] = set()
    for key, title, description in _group_keys(shaper, spec.group_by):
        members = [r for r in records if key in _keys_of(r, spec.group_by)]
        if members:
            placed.update(str(getattr(r, "id", "")) for r in members)
            # The topic's or actor's name heads the group: its marking counts for the banner.
            heads = shaper.dossier.topics if spec.group_by == "topic" else shaper.dossier.actors
            shaper.marked(next(r for r in heads if r.id == key))
            groups.append(_group(teller, _facts_first(members), title, description))
    rest = [r for r in records if str(getattr(r, "id", "")) not in placed]
    if rest:
        groups.append(_group(teller, _facts_first(rest), shaper._("Other")))
    return _view(teller, spec, groups=groups)


def _group_keys(shaper: Shaper, group_by: str) -> list[tuple[str, Markup, Markup]]:
    if group_by == "topic":
        return [(t.id, shaper.t(t.name), shaper.t(t.description)) for t in shaper.dossier.topics]
    # Grouped by actor: the actor's name heads the group (an assessment's `about` actors
    # too, which do not mark the assessment), so ``items`` counts its marking.
    return [(a.id, shaper.proper(a.name), Markup("")) for a in shaper.dossier.actors]


def _keys_of(record: Selectable, group_by: str) -> set[str]:
    if group_by == "topic":
        return set(getattr(record, "topics", ()))
    return set(actors_of(record))


def _facts_first(records: Sequence[Selectable]) -> list[Selectable]:
    return sorted(records, key=lambda r: isinstance(r, Assessment))


def timeline(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """Dated events in order, with a chart; the ones the sources do not date, apart."""
    shaper = teller.shaper
    dated = [r for r in records if date_of(r) is not None]
    undated = [r for r in records if date_of(r) is None]
    groups = [
        _group(
            teller,
            dated,
            shaper._("Dated events, earliest first"),
            role="dated",
            date_heading=shaper._("Date"),
        ),
        _group(
            teller,
            undated,
            shaper._("Events the sources do not date, with how they place them"),
            role="undated",
            date_heading=shaper._("When, per the sources"),
        ),
    ]
    chart = timeline_chart([r for r in dated if isinstance(r, Event)], shaper)
    return _view(teller, spec, groups=[g for g in groups if g.items], chart=chart)


def actors(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """One table, a run of rows per kind of actor, so the columns line up."""
    shaper = teller.shaper
    groups = []
    for kind, title in ACTOR_KINDS.items():
        members = [r for r in records if isinstance(r, Actor) and r.kind == kind]
        if members:
            groups.append(_group(teller, members, shaper._(title)))
    return _view(teller, spec, groups=groups)


def one_list(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """Quotes and the sources' judgments: one list in the order of the dossier."""
    group = _group(teller, records)
    return _view(teller, spec, groups=[group] if group.items else [])


def sources(teller: Teller, spec: SectionDef, records: Sequence[Selectable]) -> SectionView:
    """Each source as analysts describe it: label, kind, byline, address, grade, perspective;
    and the grading scale once, when any source is graded."""
    shaper = teller.shaper
    quoting = _quoting(shaper) if shaper.detail.source_text else {}
    views = [
        _source(shaper, source, quoting.get(source.id, [])) for source in shaper.dossier.sources
    ]
    view = _view(teller, spec, sources=views)
    if any(v.grade for v in views):
        view.legend = shaper._(GRADING_LEGEND)
    return view


def _source(shaper: Shaper, source: Source, quoted_by: list[str]) -> SourceView:
    """``quoted_by``: the markings its printed text shows (``_quoting``), where it prints."""
    shown = [f for f in (*source.markable,) if getattr(source, f) is not None]
    if shaper.detail.source_text and source.paragraphs:
        shaper.use(quoted_by)
    grade = (source.reliability or "") + (str(source.credibility) if source.credibility else "")
    return SourceView(
        id=source.id,
        marking=shaper.marked(source, fields=shown),
        title=shaper.original(source.title, source.language),
        label=shaper.citer.labels[source.id],
        kind=shaper._(SOURCE_KINDS[source.kind]),
        byline=", ".join(p for p in (source.author, source.publisher) if p),
        published=shaper.date(source.published),
        url=source.url or "",
        accessed=shaper.date(source.accessed),
        grade=grade,
        perspective=shaper.t(source.perspective) if "perspective" in shown else Markup(""),
        note=shaper.t(source.note) if "note" in shown else Markup(""),
        paragraphs=tuple(source.paragraphs or ()) if shaper.detail.source_text else (),
        lang=shaper.foreign(source.language),
    )


def _quoting(shaper: Shaper) -> dict[str, list[str]]:
    """What printing each source's text shows: the cut keeps a paragraph because released
    records quote it, so each paragraph is as releasable as the lowest marked of them (the
    one every other's reader may see; all of them where none is), counted for the banner."""
    scheme = shaper.scheme
    quoting: dict[tuple[str, int | None], list[str]] = {}
    for spec, record, _ in every_record(shaper.dossier):
        marking = getattr(record, "marking", None)
        for citation in [*spec.cites(record), *disputed_citations(record)]:
            if marking is not None:
                quoting.setdefault((citation.source, citation.paragraph), []).append(marking)
    found: dict[str, list[str]] = {}
    for (source, _), markings in quoting.items():
        lowest = [m for m in markings if all(scheme.releasable(m, o) for o in markings)]
        found.setdefault(source, []).extend(lowest[:1] or markings)
    return found


KINDS: Final[dict[str, Kind]] = {
    "summary": summary,
    "items": items,
    "timeline": timeline,
    "actors": actors,
    "quotes": one_list,
    "judgments": one_list,
    "estimates": estimates.estimates,
    "implications": estimates.implications,
    "indicators": estimates.indicators,
    "sources": sources,
    "changes": changes.changes,
}
