"""A section's ``where``: which records of a dossier it selects, and in what order.

Each key of ``where`` narrows the selection (records of these types, AND of these kinds, AND
about any of these topics, ...). Facts come before views: dated events in order, undated
events, positions, statements, then the sources' assessments, then actors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from otsreport.dates import DateSpan
from otsreport.errors import unknown
from otsreport.models import (
    Actor,
    Assessment,
    Dossier,
    Event,
    Judgment,
    Position,
    RecordType,
    SectionDef,
    SectionKind,
    Statement,
    Where,
)
from otsreport.registry import BY_NAME
from otsreport.select.labels import ACTOR_KINDS, ASSESSMENT_KINDS, EVENT_KINDS, STANCE_LABELS

Selectable = Event | Statement | Position | Assessment | Actor | Judgment

ALL_RECORD_TYPES: Final[tuple[RecordType, ...]] = (
    "event",
    "position",
    "statement",
    "assessment",
    "actor",
    "judgment",
)
COLLECTION_OF: Final[dict[RecordType, str]] = {t: BY_NAME[t].collection for t in ALL_RECORD_TYPES}


def select(dossier: Dossier, kind: SectionKind, where: Where) -> list[Selectable]:
    """The records a section of ``kind`` with this ``where`` shows, facts first."""
    wanted: Sequence[str] = where.records or SectionDef.KIND_RECORDS[kind]
    found: list[Selectable] = []
    for record_type in ALL_RECORD_TYPES:
        if record_type not in wanted:
            continue
        records: list[Selectable] = list(getattr(dossier, COLLECTION_OF[record_type]))
        if record_type == "event":
            records = chronological(records)
        found += [record for record in records if matches(record, where)]
    return found


def chronological(records: list[Selectable]) -> list[Selectable]:
    """Dated records earliest first (stable for ties), then the undated in their order."""
    dated = [r for r in records if date_of(r) is not None]
    dated.sort(key=lambda r: date_of(r).sort_key)  # type: ignore[union-attr]
    return dated + [r for r in records if date_of(r) is None]


def date_of(record: Selectable) -> DateSpan | None:
    return getattr(record, "date", None)


def matches(record: Selectable, where: Where) -> bool:
    if where.kinds and getattr(record, "kind", None) not in where.kinds:
        return False
    if where.stances and not (isinstance(record, Position) and record.stance in where.stances):
        return False
    if where.topics and not set(getattr(record, "topics", ())) & set(where.topics):
        return False
    if where.actors and not set(actors_of(record)) & set(where.actors):
        return False
    if where.start is not None or where.end is not None:
        return _within(date_of(record), where.start, where.end)
    return True


def actors_of(record: Selectable) -> Iterator[str]:
    """Every actor a record involves: participants, place, holders, speaker, subjects."""
    if isinstance(record, Event):
        yield from record.participants
        if record.place:
            yield record.place
    elif isinstance(record, Position):
        yield from record.holders
    elif isinstance(record, Statement):
        yield from record.all_speakers
    elif isinstance(record, Assessment):
        yield from record.about
    else:
        yield record.id


def _within(span: DateSpan | None, start: DateSpan | None, end: DateSpan | None) -> bool:
    """Whether a dated record overlaps the range; undated records never do."""
    if span is None:
        return False
    if start is not None and span.end.last_day < start.start.first_day:
        return False
    return not (end is not None and span.start.first_day > end.end.last_day)


def where_problems(where: Where, dossier: Dossier) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Names in a section's ``where`` that the dossier does not know, each with its path.

    A section that names an unknown topic would silently select nothing: an error, not an
    empty section.
    """
    info, words = dossier.info, dossier.info.vocabulary
    kinds = (
        set(EVENT_KINDS)
        | {k.id for k in info.vocabulary.event_kinds}
        | set(ASSESSMENT_KINDS)
        | set(ACTOR_KINDS)
    )
    vocabularies: tuple[tuple[str, list[str], set[str], str], ...] = (
        ("kinds", where.kinds, kinds, "kind"),
        ("stances", where.stances, set(STANCE_LABELS) | {s.id for s in words.stances}, "stance"),
        ("topics", where.topics, {t.id for t in dossier.topics if t is not None}, "topic"),
        ("actors", where.actors, {a.id for a in dossier.actors if a is not None}, "actor"),
    )
    for field, values, known, what in vocabularies:
        for index, value in enumerate(values):
            if value not in known:
                yield (field, index), unknown(what, value, known)
