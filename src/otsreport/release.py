"""The release stage: a dossier cut to what one reader may see, once per brief.

``release(dossier, ceiling)`` returns a copy of the dossier holding only what a reader cleared
to ``ceiling`` may see; every later stage (sections, charts, notes, metadata, attachments,
every format) is made from that copy alone, so nothing above the ceiling can reach a brief.
What a record depends on is read from its kind's row (``registry``):

- a record goes when its marking is above the ceiling, or when anything it cannot be told
  without goes: a source it cites, an actor it names, a topic it is filed under, a record it
  rests on (a key point on a withheld record is withheld, not printed with fewer references);
- lists that only point elsewhere (an assessment's ``about``, an actor's memberships) and
  other sources' readings (``disputed``) are trimmed to what is released;
- fields marked above the ceiling are emptied, or, when required, replaced by a line that
  says so, and their markings go with them, so the banner counts only what prints;
- a source from which anything is withheld keeps only the passages released records quote.

Markings are compared by the dossier's scheme (``markings``), never here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from otsreport.i18n import LANGUAGES, N_, gettext_for
from otsreport.markings import Marking, Scheme, scheme_of
from otsreport.matching import span_of
from otsreport.models import Citation, Dossier, DossierInfo, Source, Where
from otsreport.registry import (
    BY_COLLECTION,
    COLLECTIONS,
    KINDS,
    KindSpec,
    disputed_citations,
    every_record,
    records_of,
)

WITHHELD: Final = N_("Withheld: marked above {marking}.")
ELISION: Final = " […] "


@dataclass(frozen=True)
class Withheld:
    """One record left out of a brief, and why: for the analyst's report, never the brief."""

    kind: str
    record: str
    marking: str
    why: str


@dataclass
class Release:
    """A dossier cut to a ceiling, and what was left out of it."""

    dossier: Dossier
    ceiling: str
    scheme: Scheme
    withheld: list[Withheld] = field(default_factory=list)
    released: frozenset[str] = frozenset()  # ids of every record that was kept
    unused: frozenset[str] = frozenset()  # kinds and stances the dossier declares, now unused

    @property
    def count(self) -> int:
        return len(self.withheld)

    def by_kind(self) -> Counter[str]:
        return Counter(item.kind for item in self.withheld)

    def describe(self) -> str:
        """'3 records withheld above <ceiling>: 2 events, 1 judgment' (build output)."""
        parts = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in sorted(self.by_kind().items()))
        noun = "record" if self.count == 1 else "records"
        return f"{self.count} {noun} withheld above {self.ceiling}: {parts}"

    def allows(self, where: Where) -> bool:
        """Whether a section's query names only what is released: a section selecting a
        withheld topic or actor would print its title over the reader's gap."""
        named = set(where.topics) | set(where.actors)
        return named <= self.released and not (set(where.kinds) | set(where.stances)) & self.unused


def _plural(kind: str, count: int) -> str:
    return kind if count == 1 else kind + "s"


# -- effective markings ---------------------------------------------------------------------


def default_keys() -> list[str]:
    """The keys ``dossier.yaml``'s ``markings`` may set: kinds, markable fields, summary."""
    keys = ["info", "summary", *(spec.collection for spec in KINDS)]
    return keys + [f"{spec.collection}.{name}" for spec in KINDS for name in spec.markable]


def with_markings(dossier: Dossier) -> Dossier:
    """The dossier with every record's ``marking`` filled in, and each markable field's
    marking (where more restrictive than its record's) in ``field_markings``: from the
    record, else the dossier's ``markings``, else the scheme's default for what it holds."""
    scheme = scheme_of(dossier.info.marking_scheme)
    given = dossier.info.markings

    def default(key: str, holds: str) -> str:
        return given.get(key) or scheme.default(holds)

    info = dossier.info
    points = [_effective(p, BY_COLLECTION["key_points"], scheme, given) for p in info.key_points]
    marked_info = info.model_copy(
        update={
            "marking": info.marking or default("info", "fact"),
            "summary_marking": info.summary_marking or default("summary", "view"),
            "key_points": points,
        }
    )
    update: dict[str, Any] = {"info": marked_info}
    # A citation's own credibility is its source's grading too: the source is graded.
    graded = {c.source for n in COLLECTIONS for c in _quotes(getattr(dossier, n)) if c.credibility}
    for name in COLLECTIONS:
        spec = BY_COLLECTION[name]
        update[name] = [
            _effective(r, spec, scheme, given, r.id in graded) for r in getattr(dossier, name)
        ]
    return dossier.model_copy(update=update)


def _effective(
    record: Any, spec: KindSpec, scheme: Scheme, given: dict[str, str], graded: bool = False
) -> Any:
    marking = record.marking or given.get(spec.collection) or scheme.default(spec.holds)
    fields: dict[str, str] = {}
    for name in spec.markable:
        own = record.field_markings.get(name) or given.get(f"{spec.collection}.{name}")
        held = getattr(record, name) not in (None, []) or (graded and name == "credibility")
        if own is None and name in spec.field_holds and held:
            own = scheme.default(spec.field_holds[name])
        if own is not None and not scheme.releasable(own, marking):
            fields[name] = own
    return record.model_copy(update={"marking": marking, "field_markings": fields})


# -- the cut --------------------------------------------------------------------------------


def release(dossier: Dossier, ceiling: str | Marking) -> Release:
    """What of ``dossier`` (markings applied) a reader cleared to ``ceiling`` may see."""
    scheme = scheme_of(dossier.info.marking_scheme)
    ceiling = str(scheme.parse(ceiling))
    cut = Release(dossier, ceiling, scheme)
    kept = _released(cut, dossier)
    cut.released = frozenset(kept)
    ungraded = _ungraded(cut, dossier)
    update: dict[str, Any] = {}
    for name in COLLECTIONS:
        spec = BY_COLLECTION[name]
        records = [r for r in getattr(dossier, name) if r.id in kept]
        update[name] = [_ungrade(_trimmed(cut, spec, r, kept), ungraded) for r in records]
    update["sources"] = [_evidence_only(s, dossier, update, kept) for s in update["sources"]]
    cut.unused = _unused_vocabulary(dossier.info, update)
    points = records_of(dossier, BY_COLLECTION["key_points"])
    released = [p for i, p in enumerate(points, 1) if f"key point {i}" in kept]
    update["info"] = _info(cut, dossier.info, released)
    cut.dossier = Dossier(**update)
    return cut


def _released(cut: Release, dossier: Dossier) -> set[str]:
    """Ids of what is released (key points as '#N'), settled until nothing changes: a record
    released only while all it depends on is."""
    scheme, ceiling = cut.scheme, cut.ceiling
    entries = list(every_record(dossier))
    kept = {key for spec, record, key in entries if scheme.releasable(record.marking, ceiling)}
    why = {key: f"marked {record.marking}" for spec, record, key in entries if key not in kept}
    changed = True
    while changed:
        changed = False
        for spec, record, key in entries:
            if key in kept:
                missing = _missing(spec, record, kept)
                if missing:
                    kept.discard(key)
                    why[key] = f"depends on {missing}, which is withheld"
                    changed = True
    for spec, record, key in entries:
        if key not in kept:
            cut.withheld.append(Withheld(spec.name, key, str(record.marking), why[key]))
    return kept


def _missing(spec: KindSpec, record: Any, kept: set[str]) -> str | None:
    needs: list[str] = [c.source for c in spec.cites(record)]
    needs += list(spec.names(record))
    needs += list(getattr(record, "topics", ()))
    needs += list(spec.rests_on(record))
    return next((f"'{need}'" for need in needs if need not in kept), None)


def _unused_vocabulary(info: DossierInfo, cut: dict[str, Any]) -> frozenset[str]:
    """The kinds and stances the dossier declares that no released record uses."""
    declared: set[str] = set()
    used: set[str] = set()
    for spec in KINDS:
        if spec.vocabulary is not None:
            field_name, listed = spec.vocabulary
            declared |= {word.id for word in getattr(info.vocabulary, listed)}
            used |= {getattr(r, field_name) for r in cut[spec.collection]}
    return frozenset(declared - used)


def _trimmed(cut: Release, spec: KindSpec, record: Any, kept: set[str]) -> Any:
    """A released record as the reader gets it: withheld fields out, pointers and other
    sources' readings trimmed to what is released."""
    update: dict[str, Any] = {}
    fields = dict(record.field_markings)
    for name, marking in record.field_markings.items():
        if not cut.scheme.releasable(marking, cut.ceiling):
            del fields[name]
            info = type(record).model_fields[name]
            if info.is_required():
                update[name] = WITHHELD.format(marking=cut.ceiling)
            else:
                update[name] = [] if isinstance(getattr(record, name), list) else None
    if fields != record.field_markings:
        update["field_markings"] = fields
    for name in spec.points_to:
        value = update.get(name, getattr(record, name))
        if isinstance(value, list):
            update[name] = [v for v in value if getattr(v, "organization", v) in kept]
        elif value is not None and value not in kept:
            update[name] = None
    if getattr(record, "disputed", None):
        update["disputed"] = [d for d in record.disputed if _dispute_released(d, kept)]
    return record.model_copy(update=update) if update else record


def _ungraded(cut: Release, dossier: Dossier) -> set[str]:
    """Sources whose grading the reader may not see: a citation's own credibility is that
    source's grading too (``with_markings`` marks it so), and goes with it."""
    return {
        source.id
        for source in dossier.sources
        if not cut.scheme.releasable(
            source.field_markings.get("credibility", source.marking), cut.ceiling
        )
    }


def _ungrade(record: Any, ungraded: set[str]) -> Any:
    def strip(citations: list[Citation]) -> list[Citation]:
        return [
            c.model_copy(update={"credibility": None})
            if c.source in ungraded and c.credibility is not None
            else c
            for c in citations
        ]

    update: dict[str, Any] = {}
    if getattr(record, "citations", None):
        update["citations"] = strip(record.citations)
    if getattr(record, "disputed", None):
        update["disputed"] = [
            d.model_copy(
                update={
                    "citations": strip(d.citations),
                    "record_citations": strip(d.record_citations),
                }
            )
            for d in record.disputed
        ]
    return record.model_copy(update=update) if update else record


def _dispute_released(dispute: Any, kept: set[str]) -> bool:
    if dispute.field == "place" and str(dispute.value) not in kept:
        return False
    return all(c.source in kept for c in [*dispute.citations, *dispute.record_citations])


def _quotes(records: Iterable[Any]) -> Iterable[Citation]:
    for record in records:
        yield from getattr(record, "citations", ())
        yield from disputed_citations(record)


def _evidence_only(source: Source, dossier: Dossier, cut: dict[str, Any], kept: set[str]) -> Source:
    """A source's text cut to the passages released records quote, when anything quoted
    from it is withheld (a withheld record, or another source's reading dropped): a withheld
    record is often the source's own words, and the whole text would give it away. Each
    passage is printed once, in the order of its paragraph (``_fragments``); paragraph
    numbers are kept, so every released citation still holds."""
    every = [c for name in COLLECTIONS for c in _quotes(getattr(dossier, name))]
    released = [c for name in COLLECTIONS for c in _quotes(cut[name])]
    mine = {(c.paragraph, c.quote) for c in every if c.source == source.id}
    shown = {(c.paragraph, c.quote) for c in released if c.source == source.id}
    if mine == shown or source.paragraphs is None:
        return source
    paragraphs = [
        _fragments(text, [q for n, q in shown if n == number])
        for number, text in enumerate(source.paragraphs, 1)
    ]
    return source.model_copy(update={"paragraphs": paragraphs, "text": None})


def _fragments(paragraph: str, quotes: list[str]) -> str:
    """The stretches of ``paragraph`` that ``quotes`` cover, in the paragraph's own words and
    order, each once: stretches that overlap, or touch with only spaces and punctuation
    between, are joined; an elision mark stands between the others, and for a paragraph
    nothing released quotes (its number kept, so the others keep theirs)."""
    spans = sorted(span for quote in quotes if (span := span_of(quote, paragraph)) is not None)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        gap = paragraph[joined[-1][1] : start] if joined else "x"
        if not any(char.isalnum() for char in gap):
            start = min(joined[-1][0], start)
            end = max(joined.pop()[1], end)
        joined.append((start, end))
    pieces = [paragraph[start:end].strip() for start, end in joined]
    # A quote validation could not find in the paragraph (a dossier not validated) is
    # printed as quoted, after what was found, rather than dropped.
    pieces += sorted({q for q in quotes if span_of(q, paragraph) is None})
    return ELISION.join(pieces) or ELISION.strip()


def _info(cut: Release, info: DossierInfo, points: list[Any]) -> DossierInfo:
    scheme, ceiling = cut.scheme, cut.ceiling
    # The placeholder in every language a brief is built in, so none prints it in English.
    withheld = {
        language: gettext_for(language)(WITHHELD).format(marking=ceiling) for language in LANGUAGES
    }
    lowest = str(scheme.lowest)
    update: dict[str, Any] = {
        "key_points": points,
        "sections": [s for s in info.sections if cut.allows(s.where)],
    }
    # The words the dossier declares for kinds and stances only withheld records use would
    # say what those records are about: they go with them.
    kinds = [k for k in info.vocabulary.event_kinds if k.id not in cut.unused]
    stances = [s for s in info.vocabulary.stances if s.id not in cut.unused]
    if not scheme.releasable(info.summary_marking, ceiling):
        update.update(summary=withheld, summary_marking=lowest)
    if not scheme.releasable(info.marking, ceiling):
        # The dossier's own words go with its title: its sections, and the labels it gives
        # its event kinds and stances (the records keep their kinds, shown by name).
        update.update(title=withheld, subject=withheld, keywords=[], marking=lowest, sections=[])
        update["issuer"] = None  # its name, unit and reference go with the title
        kinds = [k.model_copy(update={"label": k.id}) for k in kinds]
        stances = [s.model_copy(update={"label": s.id, "plural": None}) for s in stances]
    update["vocabulary"] = info.vocabulary.model_copy(
        update={"event_kinds": kinds, "stances": stances}
    )
    return info.model_copy(update=update)
