"""Checks that need the whole dossier: unique ids, references, and grounding in the source.

Schema checks happen while loading (pydantic); what remains is what makes a brief honest:
every id a record points at exists and is of the right kind, and every citation's quote really
stands in the cited paragraph of the source text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from otsreport import vocabulary
from otsreport.dates import DateError, DateSpan
from otsreport.errors import Problem, SourceMap, UserError, unknown
from otsreport.load import Draft, read_draft
from otsreport.markings import MarkingError, scheme_of
from otsreport.matching import differences, search
from otsreport.models import (
    COLLECTIONS,
    Actor,
    Assessment,
    Citation,
    Cited,
    Dispute,
    Dossier,
    Event,
    Judgment,
    Position,
    Source,
    Statement,
)
from otsreport.registry import GROUNDS, KINDS
from otsreport.release import default_keys, with_markings
from otsreport.select.query import where_problems
from otsreport.tradecraft import wrong_band
from otsreport.typography import STRAIGHT_QUOTES

_TYPOGRAPHIC = str.maketrans(STRAIGHT_QUOTES)
_HAS_TYPOGRAPHIC = re.compile("[" + "".join(map(chr, _TYPOGRAPHIC)) + "]")


def fold(text: str) -> str:
    """Normalise what differs between a faithful copy and the original: spacing and quotes."""
    if not text.isascii():  # ASCII has no typographic quotes and is already NFC
        text = unicodedata.normalize("NFC", text)
        if _HAS_TYPOGRAPHIC.search(text):  # translate() is slow on non-ASCII text
            text = text.translate(_TYPOGRAPHIC)
    return " ".join(text.split())


class _Located(NamedTuple):
    """A record and where it sits; a tuple because a 10,000-event dossier makes 10,000."""

    collection: str
    position: int  # in its file's list
    record: BaseModel
    id: str


def _all_records(dossier: Dossier) -> Iterator[_Located]:
    for collection in COLLECTIONS:
        for index, record in enumerate(getattr(dossier, collection)):
            if record is not None:  # a record that failed its schema check while loading
                yield _Located(collection, index, record, str(getattr(record, "id", "")))


class _Checker:
    def __init__(
        self, dossier: Dossier, source_map: SourceMap, unreadable_ids: frozenset[str]
    ) -> None:
        self.dossier = dossier
        self.source_map = source_map
        self.unreadable_ids = unreadable_ids
        self.problems: list[Problem] = []
        self.by_id: dict[str, _Located] = {}
        self.folded: dict[str, list[str]] = {
            source.id: [fold(p) for p in source.paragraphs or []]
            for source in dossier.sources
            if source is not None  # failed its schema check; already reported
        }
        self.texts: dict[str, list[str]] = {
            source.id: list(source.paragraphs or []) for source in dossier.sources if source
        }

    def report(self, item: _Located | None, path: tuple[str | int, ...], message: str) -> None:
        if item is None:
            file, line = self.source_map.locate("info", None, path)
            record = self.dossier.info.id
        else:
            file, line = self.source_map.locate(item.collection, item.position, path)
            record = item.id
        field = ".".join(str(p) for p in path) or None
        self.problems.append(Problem(message, file, line, record, field))

    def run(self) -> list[Problem]:
        items = list(_all_records(self.dossier))
        for item in items:
            previous = self.by_id.get(item.id)
            if previous is not None:
                where = self.source_map.locate(previous.collection, previous.position)
                first = f"{where[0]}:{where[1]}" if where[0] else previous.collection
                self.report(item, ("id",), f"duplicate id; first used at {first}")
            else:
                self.by_id[item.id] = item
        for item in items:
            self._check_record(item)
        for number, point in enumerate(self.dossier.info.key_points):
            for ref_index, ref in enumerate(point.refs):
                if ref not in self.by_id and ref not in self.unreadable_ids:
                    self.report(
                        None,
                        ("key_points", number, "refs", ref_index),
                        self._unknown(ref, "record"),
                    )
        self._check_vocabulary()
        return self.problems

    def _check_vocabulary(self) -> None:
        """Kinds and stances built in or declared (``vocabulary:``); the dossier's sections."""
        info = self.dossier.info
        for spec in KINDS:
            if spec.vocabulary is None:
                continue
            field, name = spec.vocabulary
            known = {*vocabulary.ids(name), *(w.id for w in getattr(info.vocabulary, name))}
            what = name.removesuffix("s").replace("_", " ")
            for item in self.by_id.values():
                value = getattr(item.record, field) if isinstance(item.record, spec.model) else None
                if value is not None and value not in known:
                    message = unknown(what, value, known, declare=f"vocabulary: {name}")
                    self.report(item, (field,), message)
        self._check_markings()
        seen: set[str] = set()
        for number, section in enumerate(info.sections):
            if section.id in seen:
                self.report(None, ("sections", number, "id"), f"duplicate section '{section.id}'")
            seen.add(section.id)
            for path, message in where_problems(section.where, self.dossier):
                self.report(None, ("sections", number, "where", *path), message)

    def _check_markings(self) -> None:
        """Every marking is one of the dossier's scheme, and every default names a kind."""
        info = self.dossier.info
        try:
            scheme = scheme_of(info.marking_scheme)
        except MarkingError as error:
            self.report(None, ("marking_scheme",), str(error))
            return
        keys = default_keys()
        found: list[tuple[_Located | None, tuple[str | int, ...], str | None]] = [
            (None, ("marking",), info.marking),
            (None, ("summary_marking",), info.summary_marking),
        ]
        for key, value in info.markings.items():
            if key not in keys:
                self.report(None, ("markings", key), unknown("marking default", key, keys))
            found.append((None, ("markings", key), value))
        found += [
            (None, ("key_points", n, "marking"), p.marking) for n, p in enumerate(info.key_points)
        ]
        for located in self.by_id.values():
            found.append((located, ("marking",), getattr(located.record, "marking", None)))
            fields = getattr(located.record, "field_markings", {})
            found += [(located, ("field_markings", k), v) for k, v in fields.items()]
        for item, path, given in found:
            try:
                _ = given is None or scheme.parse(given)
            except MarkingError as error:
                self.report(item, path, str(error))

    def _unknown(self, ref: str, kind: str) -> str:
        return unknown(kind, ref, self.by_id)

    def _expect(
        self,
        item: _Located,
        path: tuple[str | int, ...],
        ref: str | None,
        collections: Sequence[str],
        actor_kinds: Sequence[str] = (),
    ) -> None:
        if ref is None:
            return
        target = self.by_id.get(ref)
        if target is not None and target.collection in collections and not actor_kinds:
            return  # the common case, answered before building any message
        wanted = tuple(collections)
        if target is None and ref in self.unreadable_ids:
            return  # its own schema error is already reported; one mistake, one message
        kind_name = "record" if len(wanted) > 2 else " or ".join(c.rstrip("s") for c in wanted)
        if target is None or target.collection not in wanted:
            self.report(item, path, self._unknown(ref, kind_name))
            return
        kinds = tuple(actor_kinds)
        if kinds and isinstance(target.record, Actor) and target.record.kind not in kinds:
            self.report(
                item,
                path,
                f"'{ref}' is a {target.record.kind}; expected a {' or '.join(kinds)}",
            )

    def _check_record(self, item: _Located) -> None:
        record = item.record
        # Explicit per kind: cheaper than probing pydantic models for absent attributes,
        # and it says plainly which field points at what.
        if isinstance(record, Event):
            for index, ref in enumerate(record.participants):
                self._expect(item, ("participants", index), ref, ["actors"])
            self._expect(item, ("place",), record.place, ["actors"])
            if record.date is None and record.timing is None:
                self.report(
                    item,
                    ("date",),
                    "an event needs a 'date' or, when the source gives none, a 'timing' "
                    "that says how the source places it",
                )
        elif isinstance(record, Position):
            for index, ref in enumerate(record.holders):
                self._expect(item, ("holders", index), ref, ["actors"])
        elif isinstance(record, Statement):
            self._expect(item, ("speaker",), record.speaker, ["actors"])
            for index, ref in enumerate(record.speakers):
                self._expect(item, ("speakers", index), ref, ["actors"])
            self._check_verbatim(item, "quote", record.quote, record.citations)
        elif isinstance(record, Assessment):
            for index, ref in enumerate(record.about):
                self._expect(item, ("about", index), ref, COLLECTIONS)
            if record.holder is not None:
                self._expect(item, ("holder", "actor"), record.holder.actor, ["actors"])
            self._check_verbatim(item, "wording", record.wording, record.citations)
        elif isinstance(record, Judgment):
            self._check_judgment(item, record)
        elif isinstance(record, Actor):
            self._expect(item, ("located_in",), record.located_in, ["actors"])
            for index, membership in enumerate(record.memberships):
                self._expect(
                    item,
                    ("memberships", index, "organization"),
                    membership.organization,
                    ["actors"],
                    ["organization"],
                )
        elif isinstance(record, Source):
            if record.paragraphs is not None and not record.paragraphs:
                self.report(item, ("paragraphs",), "a source needs at least one paragraph")
            return
        if isinstance(record, Event | Statement | Position | Assessment | Judgment):
            for index, ref in enumerate(record.topics):
                self._expect(item, ("topics", index), ref, ["topics"])
        if isinstance(record, Cited):
            for index, citation in enumerate(record.citations):
                self._check_citation(item, ("citations", index), citation)
        for number, dispute in enumerate(getattr(record, "disputed", [])):
            self._check_dispute(item, number, dispute)

    def _check_judgment(self, item: _Located, judgment: Judgment) -> None:
        """The analyst's judgment rests on records that exist, and says what it declares."""
        for index, ref in enumerate(judgment.basis):
            self._expect(item, ("basis", index), ref, GROUNDS)
            if ref == judgment.id:
                self.report(item, ("basis", index), "a judgment cannot rest on itself")
        message = wrong_band(judgment)
        if message:
            self.report(item, ("text",), message)

    def _check_dispute(self, item: _Located, number: int, dispute: Dispute) -> None:
        """Another source's value must be a value of that field, and cited like a fact."""
        path: tuple[str | int, ...] = ("disputed", number)
        if dispute.field == "date":
            try:
                DateSpan.parse(str(dispute.value))
            except DateError as error:
                self.report(item, (*path, "value"), str(error))
        elif dispute.field == "place":
            self._expect(item, (*path, "value"), str(dispute.value), ["actors"])
        for key in ("citations", "record_citations"):
            for index, citation in enumerate(getattr(dispute, key)):
                self._check_citation(item, (*path, key, index), citation)

    def _check_citation(
        self, item: _Located, path: tuple[str | int, ...], citation: Citation
    ) -> None:
        if citation.source in self.unreadable_ids:
            return  # the source itself is in error; one root cause, one message
        paragraphs = self.folded.get(citation.source)
        if paragraphs is None:
            if citation.source not in self.unreadable_ids:
                self.report(item, (*path, "source"), self._unknown(citation.source, "source"))
            return
        number = citation.paragraph
        if (
            number is None
            or number > len(paragraphs)
            or (fold(citation.quote) not in paragraphs[number - 1])
        ):
            self.report(item, (*path, "quote"), self._misquoted(citation, paragraphs))

    def _misquoted(self, citation: Citation, folded: list[str]) -> str:
        """What is wrong with where a citation says its quote is, and how to fix it."""
        source, number, quote = citation.source, citation.paragraph, citation.quote
        if number is not None and number > len(folded):
            return (
                f"paragraph {number} is out of range: source '{source}' has {len(folded)} "
                "paragraphs"
            )
        elsewhere = [str(n) for n, text in enumerate(folded, 1) if fold(quote) in text]
        if elsewhere and number is None:
            return (
                f"the quote is in paragraphs {', '.join(elsewhere)} of source '{source}': "
                "give 'paragraph'"
            )
        if elsewhere:
            fix = " (`otsreport validate --fix` corrects it)" if len(elsewhere) == 1 else ""
            return (
                f"quote not found in paragraph {number} of source '{source}' (it is in "
                f'paragraph {", ".join(elsewhere)}){fix}: "{quote}"'
            )
        where = f"paragraph {number} of " if number is not None else ""
        message = f"quote not found in {where}source '{source}': \"{quote}\""
        texts = self.texts.get(source, [])
        near = search(quote, [(source, texts)], limit=1)
        if near:
            passage = near[0]
            message += (
                f"; the closest passage, in paragraph {passage.paragraph}, reads "
                f'"{passage.text}" ({differences(quote, passage.text)})'
            )
        return message

    def _check_verbatim(
        self, item: _Located, field: str, words: str, citations: list[Citation]
    ) -> None:
        """A statement's quote or an assessment's wording must be the source's own words."""
        if any(citation.source in self.unreadable_ids for citation in citations):
            return  # its source failed its own check: one mistake, one message
        folded_words = fold(words)
        for citation in citations:
            paragraphs = self.folded.get(citation.source, [])
            number = citation.paragraph
            if (
                number is not None
                and 0 < number <= len(paragraphs)
                and (folded_words in paragraphs[number - 1])
            ):
                return
        self.report(
            item,
            (field,),
            f'{field} is not verbatim in any cited paragraph: "{words}"',
        )


def find_problems(
    dossier: Dossier,
    source_map: SourceMap | None = None,
    unreadable_ids: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every reference and grounding problem of ``dossier``.

    ``unreadable_ids`` are ids of records that failed their schema check: references to them
    are not reported again, so one typo yields one message.
    """
    return _Checker(dossier, source_map or SourceMap(), unreadable_ids).run()


def validate_draft(draft: Draft) -> Dossier:
    """The dossier a draft describes, or ``UserError`` with every problem at once: those
    loading found and those that need the whole dossier (references, citations, names).

    Cross-record checks run even when some records failed their schema (their slots are
    ``None`` and skipped), so one run reports everything; not when a file failed to parse,
    since then the ids that exist are unknown and every reference would look dangling.
    """
    problems = list(draft.problems)
    if draft.info is not None and not draft.unparsed_files:
        partial = Dossier.model_construct(None, info=draft.info, **draft.fields())
        problems += find_problems(partial, draft.source_map, frozenset(draft.unreadable_ids))
    if draft.info is None or problems:
        raise UserError(problems or [Problem("dossier could not be read", draft.path)])
    return with_markings(Dossier.model_validate({"info": draft.info, **draft.fields()}))


def load_dossier(path: Path | str) -> Dossier:
    """Read and check the dossier at ``path`` (a folder, or an exported ``.json``).

    Raises ``UserError`` listing every problem found, so one run shows them all.
    """
    return validate_draft(read_draft(path))


def check_dossier(dossier: Dossier, source_map: SourceMap | None = None) -> None:
    """Raise ``UserError`` listing every problem of an already-built ``dossier``."""
    problems = find_problems(dossier, source_map)
    if problems:
        raise UserError(problems)
