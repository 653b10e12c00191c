"""Two editions of a dossier compared record by record: what was added, withdrawn and
changed, field by field, and which of the analyst's estimates moved.

The fields compared are the registry's (``registry.KINDS``: every text field and every
id-like field of a kind), and any other field of the model (dates, grades), so a field added
to a model is compared without anyone remembering to list it here. Values are compared as
JSON, every language of a text at once: a changed translation is a change too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from otsreport.models import Dossier
from otsreport.registry import KINDS, KindSpec, records_of

Json = Any  # a value as ``model_dump(mode="json")`` gives it
MARKINGS: Final = ("marking", "field_markings")  # compared apart: a marking is not content
ESTIMATES: Final = {"likelihood": "likelihood", "confidence.level": "confidence"}


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, before and after: every value the path reaches, in order."""

    path: str  # the registry's path: 'summary', 'confidence.reason', 'citations[].quote'
    before: tuple[Json, ...]
    after: tuple[Json, ...]


@dataclass(frozen=True)
class Move:
    """An estimate that moved: a judgment's likelihood or its confidence level."""

    scale: str  # 'likelihood' or 'confidence'
    before: str  # the value: 'likely', 'moderate'
    after: str


@dataclass(frozen=True)
class RecordRef:
    """A record as a report names it: its kind, its id, and its title in every language."""

    kind: str  # the registry's word: 'event', 'key point'
    id: str
    title: Json  # the value of the kind's first text field: a text, or {language: text}
    marking: str = ""


@dataclass(frozen=True)
class Changed:
    """A record in both editions whose content or marking differs."""

    record: RecordRef
    fields: tuple[FieldChange, ...] = ()
    moves: tuple[Move, ...] = ()
    marking: tuple[str, str] | None = None  # (before, after) when the marking moved
    old_marking: str = ""  # what the earlier text was marked: it is printed too


@dataclass(frozen=True)
class Comparison:
    """What changed between an earlier edition and a later one."""

    old_date: str  # the editions' as-of dates, ISO
    new_date: str
    added: tuple[RecordRef, ...] = ()
    withdrawn: tuple[RecordRef, ...] = ()
    changed: tuple[Changed, ...] = ()

    @property
    def sources_added(self) -> tuple[RecordRef, ...]:
        return tuple(r for r in self.added if r.kind == "source")

    @property
    def moved(self) -> tuple[Changed, ...]:
        return tuple(c for c in self.changed if c.moves)

    @property
    def markings_changed(self) -> tuple[Changed, ...]:
        return tuple(c for c in self.changed if c.marking is not None)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.withdrawn or self.changed)


def compare(old: Dossier, new: Dossier) -> Comparison:
    """Every difference between two dossiers (markings applied, as ``load_dossier`` gives
    them), kind by kind in the registry's order, records in the later edition's order."""
    added: list[RecordRef] = []
    withdrawn: list[RecordRef] = []
    changed: list[Changed] = []
    for spec in KINDS:
        before = dict(keyed(spec, old))
        after = dict(keyed(spec, new))
        added += [ref(spec, key, record) for key, record in after.items() if key not in before]
        withdrawn += [ref(spec, key, record) for key, record in before.items() if key not in after]
        for key, record in after.items():
            if key in before:
                found = changed_record(spec, key, before[key], record)
                if found is not None:
                    changed.append(found)
    return Comparison(
        old.info.as_of.start.first_day.isoformat(),
        new.info.as_of.start.first_day.isoformat(),
        tuple(added),
        tuple(withdrawn),
        tuple(changed),
    )


def keyed(spec: KindSpec, dossier: Dossier) -> Iterator[tuple[str, Any]]:
    """(key, record): records by id; key points, which have none, by their text."""
    for record in records_of(dossier, spec):
        yield record_id(record), record


def record_id(record: Any) -> str:
    identity = getattr(record, "id", None)
    if identity is not None:
        return str(identity)
    text = record.model_dump(mode="json")["text"]
    return str(text["en"] if isinstance(text, dict) else text)


def ref(spec: KindSpec, key: str, record: Any) -> RecordRef:
    values = leaves(record.model_dump(mode="json"), spec.text_fields[0])
    return RecordRef(spec.name, key, values[0] if values else key, str(record.marking or ""))


def paths(spec: KindSpec) -> tuple[str, ...]:
    """The paths compared: the registry's, then any model field it does not reach."""
    listed = [p for p in (*spec.text_fields, *spec.not_text) if p != "id"]
    tops = {p.split(".")[0].removesuffix("[]") for p in listed}
    rest = [name for name in spec.model.model_fields if name not in tops | {"id", *MARKINGS}]
    return (*listed, *rest)


def leaves(value: Json, path: str) -> tuple[Json, ...]:
    """Every value ``path`` reaches in a dumped record ('citations[].quote': one a citation)."""
    found: list[Json] = []
    _walk(value, path.split("."), found)
    return tuple(found)


def _walk(value: Json, steps: list[str], found: list[Json]) -> None:
    if value is None:
        return
    if not steps:
        if value not in ([], {}):
            found.append(value)
        return
    step, rest = steps[0], steps[1:]
    if not isinstance(value, dict):
        return
    if step.endswith("[]"):
        for item in value.get(step[:-2]) or ():
            _walk(item, rest, found)
    else:
        _walk(value.get(step), rest, found)


def changed_record(spec: KindSpec, key: str, old: Any, new: Any) -> Changed | None:
    """How one record differs between editions, or None when it does not."""
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    fields: list[FieldChange] = []
    moves: list[Move] = []
    for path in paths(spec):
        was, now = leaves(before, path), leaves(after, path)
        if was == now:
            continue
        if spec.name == "judgment" and path in ESTIMATES:
            moves.append(Move(ESTIMATES[path], str(was[0]), str(now[0])))
        else:
            fields.append(FieldChange(path, was, now))
    marks = (str(old.marking or ""), str(new.marking or ""))
    marking = marks if marks[0] != marks[1] else None
    if before["field_markings"] != after["field_markings"]:
        fields.append(FieldChange("field_markings", _pairs(before), _pairs(after)))
    if not (fields or moves or marking):
        return None
    record = ref(spec, key, new)
    return Changed(record, tuple(fields), tuple(moves), marking, marks[0])


def _pairs(dumped: dict[str, Json]) -> tuple[str, ...]:
    return tuple(f"{name}: {marking}" for name, marking in sorted(dumped["field_markings"].items()))
