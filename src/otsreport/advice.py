"""What ``validate`` warns about: not errors, but things worth a second look.

Two sources often report one event with different dates ("20-21 May" and "21 May"); entered
as two events, the brief would tell it twice. Events of one kind with near-identical titles
and dates a few weeks apart are flagged, so the analyst can keep one record and give the
other date under ``disputed``, attributed to its source.

A brief speaks for its dossier's ``as_of`` date: a record dated after it (an event, a
statement, a source's publication, another source's date for an event) is a typo in the
year more often than news from the future, and is flagged with the line it is on.
"""

from __future__ import annotations

import difflib
from itertools import combinations
from pathlib import Path
from typing import Final

from otsreport.dates import DateError, DateSpan
from otsreport.errors import Problem, SourceMap
from otsreport.i18n import pick
from otsreport.models import COLLECTIONS, Dossier, Event
from otsreport.registry import BY_COLLECTION, FACTS
from otsreport.tradecraft import mixed_sentences

TITLE_LIKENESS: Final = 0.8
DAYS_APART: Final = 45


def dossier_warnings(dossier: Dossier, source_map: SourceMap | None = None) -> list[Problem]:
    """Everything ``validate`` warns about (``--strict``: reports as errors), in order."""
    found = [*dated_after_as_of(dossier, source_map), *unattributed_values(dossier, source_map)]
    return found + lookalike_events(dossier) + tradecraft_warnings(dossier)


def lookalike_events(dossier: Dossier) -> list[Problem]:
    found = []
    dated = [e for e in dossier.events if e.date is not None]
    for first, second in combinations(dated, 2):
        if _alike(first, second):
            assert first.date is not None and second.date is not None
            found.append(
                Problem(
                    f"looks like the same event as '{first.id}' with another date "
                    f"({first.date} and {second.date}); if the sources disagree on the date, "
                    "keep one record and give the other date under 'disputed', with its citation",
                    Path("events.yaml"),
                    None,
                    second.id,
                    "date",
                )
            )
    return found


def _alike(first: Event, second: Event) -> bool:
    if first.kind != second.kind or first.date is None or second.date is None:
        return False
    if first.date == second.date:
        return False
    gap = abs((first.date.start.first_day - second.date.start.first_day).days)
    if gap > DAYS_APART:
        return False
    titles = pick(first.title, "en").lower(), pick(second.title, "en").lower()
    return difflib.SequenceMatcher(None, *titles).ratio() >= TITLE_LIKENESS


def tradecraft_warnings(dossier: Dossier) -> list[Problem]:
    """Sources nobody has weighed yet; judgments that mix likelihood and confidence in a
    sentence, or rest on views only."""
    found = [
        Problem(
            "no 'perspective': say whose view the source gives, so readers can weigh it",
            Path("sources.yaml"),
            None,
            source.id,
            "perspective",
        )
        for source in dossier.sources
        if source.perspective is None
    ]
    for judgment in dossier.judgments:
        for sentence in mixed_sentences(judgment):
            found.append(
                Problem(
                    "mixes a confidence term and a likelihood term in one sentence "
                    f"(ICD 203 keeps them apart; give confidence in 'confidence'): \"{sentence}\"",
                    Path("judgments.yaml"),
                    None,
                    judgment.id,
                    "text",
                )
            )
        facts = {r.id for c in FACTS for r in getattr(dossier, c)}
        if not set(judgment.basis) & facts:
            found.append(
                Problem(
                    "rests only on assessments (the sources' views), not on a fact; add the "
                    "facts it stands on to 'basis'",
                    Path("judgments.yaml"),
                    None,
                    judgment.id,
                    "basis",
                )
            )
    return found


def dated_after_as_of(dossier: Dossier, source_map: SourceMap | None = None) -> list[Problem]:
    """Every date of a record that begins after the dossier's ``as_of`` (its last day, for a
    month or a year): located by file and line where the dossier was read from YAML."""
    limit = dossier.info.as_of.end.last_day
    source_map = source_map or SourceMap()
    found = []
    for collection in COLLECTIONS:
        for index, record in enumerate(getattr(dossier, collection)):
            for path, span in _dates(record):
                if span.start.first_day <= limit:
                    continue
                file, line = source_map.locate(collection, index, path)
                message = (
                    f"dated {span}, after the dossier's as_of ({dossier.info.as_of}): a brief "
                    "speaks for as_of; correct the date, or move 'as_of' in dossier.yaml"
                )
                where = file or Path(BY_COLLECTION[collection].file)
                field = ".".join(map(str, path))
                found.append(Problem(message, where, line, record.id, field))
    return found


def unattributed_values(dossier: Dossier, source_map: SourceMap | None = None) -> list[Problem]:
    """Disputed fields where every source the record cites gives another value and no
    ``record_citations`` say which gives the record's own: the brief cannot tell the two
    values' sources apart."""
    source_map = source_map or SourceMap()
    found = []
    for collection in COLLECTIONS:
        for index, record in enumerate(getattr(dossier, collection)):
            disputes = list(enumerate(getattr(record, "disputed", ())))
            for field in dict.fromkeys(d.field for _, d in disputes):
                mine = [(n, d) for n, d in disputes if d.field == field]
                others = {c.source for _, d in mine for c in d.citations}
                if any(d.record_citations for _, d in mine) or any(
                    c.source not in others for c in record.citations
                ):
                    continue
                path = ("disputed", mine[0][0], "citations")
                file, line = source_map.locate(collection, index, path)
                message = (
                    f"every source of the record gives another {field} here, so the brief "
                    f"cannot say which gives its own: cite it under 'record_citations'"
                )
                where = file or Path(BY_COLLECTION[collection].file)
                found.append(Problem(message, where, line, record.id, ".".join(map(str, path))))
    return found


def _dates(record: object) -> list[tuple[tuple[str | int, ...], DateSpan]]:
    """(path, date) of every date a record carries, another source's date included."""
    dates: list[tuple[tuple[str | int, ...], DateSpan]] = [
        ((name,), value)
        for name in type(record).model_fields  # type: ignore[attr-defined]
        if isinstance(value := getattr(record, name), DateSpan)
    ]
    for number, dispute in enumerate(getattr(record, "disputed", ())):
        if dispute.field == "date":
            try:
                dates.append((("disputed", number, "value"), DateSpan.parse(str(dispute.value))))
            except DateError:
                continue  # reported by validation as an error
    return dates
