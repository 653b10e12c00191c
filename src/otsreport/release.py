"""Releasability: every record's effective marking, and a dossier cut to what a reader may see.

A brief's marking is a property of its content, not a label: the select stage composes each
brief from ``release(dossier, ceiling)``, a copy of the dossier holding only what is at or
below the audience's ceiling, so nothing above it can reach a page; the brief's banner is then
the most restrictive marking of what it actually shows, and an archival PDF attaches the
dossier cut again to that banner.

A record is released only when it, the sources it cites and every actor and topic it names
are released (a fact that names a withheld actor would print the actor's name); lists that
only point elsewhere (an assessment's ``about``, a key point's ``refs``, an actor's
memberships) are trimmed instead. Fields marked above the ceiling are emptied, or, when
required, replaced by a line saying they are withheld, so the cut dossier still validates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from otsreport.models import (
    COLLECTIONS,
    Actor,
    Dossier,
    DossierInfo,
    KeyPoint,
    Marked,
    Marking,
    Source,
)

ORDER: Final[tuple[Marking, ...]] = (
    "TLP:CLEAR",
    "TLP:GREEN",
    "TLP:AMBER",
    "TLP:AMBER+STRICT",
    "TLP:RED",
)
# What a dossier that says nothing gets: facts public, the sources' and the analyst's views
# and the sources' grading limited to the organisation.
DEFAULTS: Final[dict[str, Marking]] = {
    "info": "TLP:CLEAR",
    "sources": "TLP:CLEAR",
    "topics": "TLP:CLEAR",
    "actors": "TLP:CLEAR",
    "events": "TLP:CLEAR",
    "statements": "TLP:CLEAR",
    "positions": "TLP:CLEAR",
    "assessments": "TLP:AMBER",
    "judgments": "TLP:AMBER",
    "key_points": "TLP:AMBER",
    "summary": "TLP:AMBER",
    "sources.perspective": "TLP:AMBER",
    "sources.note": "TLP:AMBER",
}
WITHHELD: Final = "Withheld: marked above {marking}."

RecordT = TypeVar("RecordT", bound=Marked)


def rank(marking: str) -> int:
    return ORDER.index(marking)


def most_restrictive(markings: Iterable[str]) -> Marking:
    return ORDER[max((rank(m) for m in markings), default=0)]


def allowed(marking: str | None, ceiling: str) -> bool:
    return marking is not None and rank(marking) <= rank(ceiling)


# -- effective markings ---------------------------------------------------------------------


def with_markings(dossier: Dossier) -> Dossier:
    """The dossier with every record's ``marking`` filled in from the defaults, and each
    markable field's marking (when above its record's) in ``field_markings``."""
    defaults = {**DEFAULTS, **dossier.info.markings}
    info = dossier.info
    marked_info = info.model_copy(
        update={
            "marking": info.marking or defaults["info"],
            "summary_marking": info.summary_marking or defaults["summary"],
            "key_points": [_effective(p, "key_points", defaults) for p in info.key_points],
        }
    )
    update: dict[str, Any] = {"info": marked_info}
    for name in COLLECTIONS:
        update[name] = [_effective(r, name, defaults) for r in getattr(dossier, name)]
    return dossier.model_copy(update=update)


def _effective(record: RecordT, collection: str, defaults: dict[str, Marking]) -> RecordT:
    marking = record.marking or defaults[collection]
    fields: dict[str, Marking] = {}
    for name in record.markable:
        given = record.field_markings.get(name) or defaults.get(f"{collection}.{name}")
        if given is not None and rank(given) > rank(marking):
            fields[name] = given
    return record.model_copy(update={"marking": marking, "field_markings": fields})


# -- the cut ------------------------------------------------------------------------------


@dataclass
class Release:
    """A dossier cut to a ceiling, and what was left out of it, by kind."""

    dossier: Dossier
    ceiling: str
    withheld: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.withheld.values())

    def describe(self) -> str:
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.withheld.items()))
        return f"{self.count} left out above {self.ceiling} ({parts})"


def release(dossier: Dossier, ceiling: str) -> Release:
    """What of ``dossier`` a reader cleared to ``ceiling`` may see (markings applied)."""
    cut = Release(dossier, ceiling)
    sources = _keep(cut, "sources", dossier.sources, lambda s: True)
    source_ids = {s.id for s in sources}
    topics = _keep(cut, "topics", dossier.topics, lambda t: True)
    topic_ids = {t.id for t in topics}
    actor_ids = _released_actors(dossier.actors, ceiling, source_ids)
    actors = _keep(cut, "actors", dossier.actors, lambda a: a.id in actor_ids)

    def cited(record: Any) -> bool:
        return all(c.source in source_ids for c in record.citations)

    def names_released(record: Any, *names: Sequence[str]) -> bool:
        return (
            all(n in actor_ids for group in names for n in group)
            and set(getattr(record, "topics", ())) <= topic_ids
        )

    events = _keep(
        cut,
        "events",
        dossier.events,
        lambda e: cited(e) and names_released(e, e.participants, [e.place] if e.place else []),
    )
    statements = _keep(
        cut,
        "statements",
        dossier.statements,
        lambda s: cited(s) and names_released(s, s.all_speakers),
    )
    positions = _keep(
        cut, "positions", dossier.positions, lambda p: cited(p) and names_released(p, p.holders)
    )
    assessments = _keep(
        cut, "assessments", dossier.assessments, lambda a: cited(a) and names_released(a)
    )
    kept = {
        r.id
        for group in (sources, topics, actors, events, statements, positions, assessments)
        for r in group
    }
    judgments = _judgments(cut, dossier, kept, topic_ids)
    kept |= {j.id for j in judgments}
    released = [r for group in (actors, events, statements, positions, assessments) for r in group]
    cut.dossier = Dossier(
        info=_info(cut, dossier.info, kept, topic_ids, actor_ids),
        sources=[_evidence_only(_fields(s, ceiling), dossier, released, kept) for s in sources],
        topics=topics,
        actors=[_actor_fields(a, ceiling, actor_ids) for a in actors],
        events=[_disputes(_fields(e, ceiling), source_ids, actor_ids) for e in events],
        statements=[_disputes(_fields(s, ceiling), source_ids, actor_ids) for s in statements],
        positions=[_disputes(_fields(p, ceiling), source_ids, actor_ids) for p in positions],
        assessments=[
            a.model_copy(update={"about": [i for i in a.about if i in kept]}) for a in assessments
        ],
        judgments=judgments,
    )
    return cut


def _judgments(cut: Release, dossier: Dossier, kept: set[str], topic_ids: set[str]) -> list[Any]:
    """The analyst's judgments at or below the ceiling, each resting on what is released:
    its basis trimmed to that, and withheld when nothing of it is left."""
    found = []
    for judgment in dossier.judgments:
        basis = [ref for ref in judgment.basis if ref in kept]
        if allowed(judgment.marking, cut.ceiling) and basis and set(judgment.topics) <= topic_ids:
            found.append(judgment.model_copy(update={"basis": basis}))
    if len(found) < len(dossier.judgments):
        cut.withheld["judgments"] += len(dossier.judgments) - len(found)
    return found


def _disputes(record: RecordT, source_ids: set[str], actor_ids: set[str]) -> RecordT:
    """Other sources' readings stay only when their sources (and a disputed place) are
    released too."""
    kept = [
        d
        for d in getattr(record, "disputed", [])
        if all(c.source in source_ids for c in d.citations)
        and (d.field != "place" or str(d.value) in actor_ids)
    ]
    if len(kept) == len(getattr(record, "disputed", [])):
        return record
    return record.model_copy(update={"disputed": kept})


def _evidence_only(
    source: Source, dossier: Dossier, released: Sequence[Any], kept: set[str]
) -> Source:
    """A source's text cut to the passages released records cite, when anything drawn from
    it is withheld: a withheld assessment is often the source's own words, and the whole text
    would give it away. Paragraph numbers are kept, so every released citation still holds."""
    drawn = [
        r
        for c in ("actors", "events", "statements", "positions", "assessments")
        for r in getattr(dossier, c)
        if any(citation.source == source.id for citation in r.citations)
    ]
    if all(r.id in kept for r in drawn) or source.paragraphs is None:
        return source
    quotes: dict[int, list[str]] = {}
    for record in released:
        disputed = [c for d in getattr(record, "disputed", ()) for c in d.citations]
        for citation in [*record.citations, *disputed]:
            if citation.source == source.id and citation.quote not in quotes.get(
                citation.paragraph, []
            ):
                quotes.setdefault(citation.paragraph, []).append(citation.quote)
    paragraphs = [" […] ".join(quotes.get(n, [])) for n in range(1, len(source.paragraphs) + 1)]
    return source.model_copy(update={"paragraphs": paragraphs, "text": None})


def _keep(cut: Release, kind: str, records: Sequence[RecordT], ok: Any) -> list[RecordT]:
    kept = [r for r in records if allowed(r.marking, cut.ceiling) and ok(r)]
    if len(kept) < len(records):
        cut.withheld[kind] += len(records) - len(kept)
    return kept


def _released_actors(actors: Sequence[Actor], ceiling: str, source_ids: set[str]) -> set[str]:
    return {
        a.id
        for a in actors
        if allowed(a.marking, ceiling) and all(c.source in source_ids for c in a.citations)
    }


def _withheld_fields(record: Any, ceiling: str) -> list[str]:
    return [
        name for name, marking in record.field_markings.items() if not allowed(marking, ceiling)
    ]


def _fields(record: RecordT, ceiling: str) -> RecordT:
    """Fields marked above the ceiling emptied, or, when required, said to be withheld."""
    update: dict[str, Any] = {}
    for name in _withheld_fields(record, ceiling):
        required = type(record).model_fields[name].is_required()
        update[name] = WITHHELD.format(marking=ceiling) if required else None
    return record.model_copy(update=update) if update else record


def _actor_fields(actor: Actor, ceiling: str, actor_ids: set[str]) -> Actor:
    update: dict[str, Any] = {name: [] for name in _withheld_fields(actor, ceiling)}
    if actor.located_in and actor.located_in not in actor_ids:
        update["located_in"] = None
    memberships = update.get("memberships", actor.memberships)
    update["memberships"] = [m for m in memberships if m.organization in actor_ids]
    return actor.model_copy(update=update)


def _info(
    cut: Release, info: DossierInfo, kept: set[str], topic_ids: set[str], actor_ids: set[str]
) -> DossierInfo:
    ceiling = cut.ceiling
    points: list[KeyPoint] = []
    for point in info.key_points:
        refs = [ref for ref in point.refs if ref in kept]
        if allowed(point.marking, ceiling) and refs:
            points.append(point.model_copy(update={"refs": refs}))
    if len(points) < len(info.key_points):
        cut.withheld["key points"] += len(info.key_points) - len(points)
    update: dict[str, Any] = {
        "key_points": points,
        "sections": [
            s
            for s in info.sections
            if set(s.where.topics) <= topic_ids and set(s.where.actors) <= actor_ids
        ],
    }
    withheld = WITHHELD.format(marking=ceiling)
    if not allowed(info.summary_marking, ceiling):
        update["summary"] = withheld
        cut.withheld["summary"] += 1
    if not allowed(info.marking, ceiling):
        update.update(title=withheld, subject=withheld, keywords=[])
    return info.model_copy(update=update)
