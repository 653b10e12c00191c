"""Record kinds as data: one row per kind says everything the rest of otsreport needs to know
about it.

A row names the kind's model, where its records live (the dossier's collection and its YAML
file), what its records hold by default (facts or views, for the marking scheme's defaults),
every field that carries text (so the release cut and the release check read them all), and
what a record depends on: the actors it names, the sources it cites, the records it rests on.
The cut, the check, the loader, the selectors and the docs all read these rows; a test holds
every text field of every model to be listed, so a new field cannot be forgotten by the cut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from otsreport.models import (
    Actor,
    Assessment,
    Citation,
    Dossier,
    DossierInfo,
    Event,
    Judgment,
    KeyPoint,
    Position,
    Source,
    Statement,
    Topic,
)

Record = Any  # any model a row describes


def _none(record: Record) -> Iterable[str]:
    return ()


def _no_citations(record: Record) -> Iterable[Citation]:
    return ()


def _citations(record: Record) -> Iterable[Citation]:
    return getattr(record, "citations", ())


@dataclass(frozen=True)
class KindSpec:
    """What one kind of record is, for every stage that walks all records."""

    name: str  # the word for one: 'event'
    model: type[Any]
    collection: str  # the list it lives in: Dossier.<collection> (key points: info's)
    file: str  # the YAML file of a dossier folder that holds it ('' for key points)
    holds: str  # 'fact' or 'view': which of the scheme's defaults it takes
    text_fields: tuple[str, ...]  # every path that carries text: 'confidence.reason'
    not_text: tuple[str, ...] = ()  # string fields that are ids, codes or paths, not prose
    names: Callable[[Record], Iterable[str]] = _none  # actors it names: withheld with any
    cites: Callable[[Record], Iterable[Citation]] = _citations  # withheld with any source
    rests_on: Callable[[Record], Iterable[str]] = _none  # records: withheld with any of them
    points_to: tuple[str, ...] = ()  # lists of record ids that are trimmed, not inherited
    field_holds: dict[str, str] = field(default_factory=dict)  # markable fields' defaults
    # (its field, the vocabulary: vocabulary.yaml's name, and dossier.yaml's `vocabulary:` list)
    # where a dossier may declare words of its own for it
    vocabulary: tuple[str, str] | None = None

    @property
    def markable(self) -> tuple[str, ...]:
        return tuple(getattr(self.model, "markable", ()))

    def texts(self, record: Record) -> Iterator[tuple[str, str]]:
        """(field path, text) for every text the record carries, every language of it."""
        for path in self.text_fields:
            for text in _walk(record, path.split(".")):
                yield path, text


def _walk(value: Any, steps: list[str]) -> Iterator[str]:
    if value is None:
        return
    if not steps:
        if isinstance(value, str | int) and not isinstance(value, bool):
            yield str(value)
        elif isinstance(value, dict):
            yield from (str(v) for v in value.values())
        return
    step, rest = steps[0], steps[1:]
    if step.endswith("[]"):
        for item in getattr(value, step[:-2], None) or ():
            yield from _walk(item, rest)
    else:
        yield from _walk(getattr(value, step, None), rest)


def disputed_citations(record: Record) -> list[Citation]:
    """Every citation of a record's disputes: of the other values, and of its own."""
    return [c for d in getattr(record, "disputed", ()) for c in [*d.citations, *d.record_citations]]


_CITED: Final = ("citations[].quote",)
_DISPUTED: Final = (
    "disputed[].value",
    "disputed[].citations[].quote",
    "disputed[].record_citations[].quote",
)
# A citation's selector is made by the build from the text as cut (``select/anchors.py``),
# over whatever a file says: the quote again, and released text around it.
_SELECTOR: Final = tuple(f"selector.{name}" for name in ("type", "exact", "prefix", "suffix"))
_CITED_IDS: Final = ("citations[].source", *(f"citations[].{s}" for s in _SELECTOR))
_MEMBERSHIPS: Final = ("memberships[].organization", "memberships[].status")
_ESTIMATE: Final = ("confidence.level", "indicators[].direction")
_DISPUTED_IDS: Final = (
    "disputed[].field",
    "disputed[].citations[].source",
    "disputed[].record_citations[].source",
    *(f"disputed[].citations[].{s}" for s in _SELECTOR),
    *(f"disputed[].record_citations[].{s}" for s in _SELECTOR),
)

KINDS: Final[tuple[KindSpec, ...]] = (
    KindSpec(
        "source",
        Source,
        "sources",
        "sources.yaml",
        "fact",
        ("title", "short", "author", "publisher", "url", "perspective", "note", "paragraphs[]"),
        not_text=("id", "kind", "language", "text", "reliability"),
        cites=lambda r: (),
        field_holds={"perspective": "view", "note": "view"}
        | {"reliability": "view", "credibility": "view"},
    ),
    KindSpec(
        "topic",
        Topic,
        "topics",
        "topics.yaml",
        "fact",
        ("name", "description"),
        ("id",),
        cites=_no_citations,
    ),
    KindSpec(
        "actor",
        Actor,
        "actors",
        "actors.yaml",
        "fact",
        ("name", "short_name", "aliases[]", "roles[]", *_CITED),
        not_text=("id", "kind", "located_in", *_CITED_IDS, *_MEMBERSHIPS),
        points_to=("located_in", "memberships"),
    ),
    KindSpec(
        "event",
        Event,
        "events",
        "events.yaml",
        "fact",
        ("title", "summary", "timing", "document", "note", *_CITED, *_DISPUTED),
        not_text=("id", "kind", "place", "participants[]", "topics[]", *_CITED_IDS, *_DISPUTED_IDS),
        names=lambda r: [*r.participants, *([r.place] if r.place else [])],
        vocabulary=("kind", "event_kinds"),
    ),
    KindSpec(
        "statement",
        Statement,
        "statements",
        "statements.yaml",
        "fact",
        ("quote", "context", "timing", *_CITED, *_DISPUTED),
        not_text=("id", "speaker", "speakers[]", "topics[]", *_CITED_IDS, *_DISPUTED_IDS),
        names=lambda r: r.all_speakers,
    ),
    KindSpec(
        "position",
        Position,
        "positions",
        "positions.yaml",
        "fact",
        ("subject", "reason", *_CITED, *_DISPUTED),
        not_text=("id", "holders[]", "stance", "topics[]", *_CITED_IDS, *_DISPUTED_IDS),
        names=lambda r: r.holders,
        vocabulary=("stance", "stances"),
    ),
    KindSpec(
        "assessment",
        Assessment,
        "assessments",
        "assessments.yaml",
        "view",
        ("wording", "gist", "holder.text", *_CITED),
        not_text=("id", "kind", "holder.actor", "about[]", "topics[]", *_CITED_IDS),
        names=lambda r: [r.holder.actor] if r.holder and r.holder.actor else [],
        points_to=("about",),
    ),
    KindSpec(
        "judgment",
        Judgment,
        "judgments",
        "judgments.yaml",
        "view",
        ("text", "implications[]", "indicators[].text", "confidence.reason"),
        not_text=("id", "likelihood", "basis[]", "topics[]", *_ESTIMATE),
        cites=lambda r: (),
        rests_on=lambda r: r.basis,
    ),
    KindSpec(
        "key point",
        KeyPoint,
        "key_points",
        "",
        "view",
        ("text",),
        not_text=("refs[]",),
        cites=lambda r: (),
        rests_on=lambda r: r.refs,
    ),
)
BY_NAME: Final = {spec.name: spec for spec in KINDS}
BY_COLLECTION: Final = {spec.collection: spec for spec in KINDS}
# The kinds whose records live in the dossier's own lists (key points live in its info).
COLLECTIONS: Final = tuple(s.collection for s in KINDS if s.collection in Dossier.model_fields)
RECORD_FILES: Final = {s.collection: s.model for s in KINDS if s.file}
# What an analyst's judgment may rest on (and the facts among them: a judgment needs one).
GROUNDS: Final = tuple(
    s.collection for s in KINDS if s.collection in COLLECTIONS and s.name not in ("source", "topic")
)
FACTS: Final = tuple(c for c in GROUNDS if BY_COLLECTION[c].holds == "fact")

# The dossier's own text: its title, subject and keywords take ``info.marking``, the summary
# ``summary_marking``; the sections and words it declares are its own text too.
INFO_TEXT: Final = (
    "title",
    "subject",
    "keywords[]",
    "issuer.organisation",
    "issuer.unit",
    "issuer.reference",
)
INFO_SUMMARY: Final = ("summary",)
INFO_OWN: Final = (
    "sections[].title",
    "sections[].description",
    "sections[].lead",
    "vocabulary.event_kinds[].label",
    "vocabulary.stances[].label",
    "vocabulary.stances[].plural",
)
INFO_NOT_TEXT: Final = (
    "id",
    "language",
    "marking",
    "summary_marking",
    "marking_scheme",
    "issuer.logo",
)


def records_of(dossier: Dossier, spec: KindSpec) -> list[Any]:
    owner: Any = dossier.info if spec.collection == "key_points" else dossier
    return list(getattr(owner, spec.collection))


def kind_of(record: Record) -> KindSpec:
    for spec in KINDS:
        if isinstance(record, spec.model):
            return spec
    raise TypeError(f"no record kind for {type(record).__name__}")


def every_record(dossier: Dossier) -> Iterator[tuple[KindSpec, Any, str]]:
    """Every record with its kind and how reports name it: its id, or 'key point 3' for a
    record without one (never an id: ids hold no spaces)."""
    for spec in KINDS:
        for index, record in enumerate(records_of(dossier, spec)):
            yield spec, record, str(getattr(record, "id", "") or f"{spec.name} {index + 1}")


def info_texts(info: DossierInfo, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        for text in _walk(info, path.split(".")):
            yield path, text
