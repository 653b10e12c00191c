"""What ``validate`` warns about: not errors, but things worth a second look.

Two sources often report one event with different dates ("20-21 May" and "21 May"); entered
as two events, the brief would tell it twice. Events of one kind with near-identical titles
and dates a few weeks apart are flagged, so the analyst can keep one record and give the
other date under ``disputed``, attributed to its source.
"""

from __future__ import annotations

import difflib
from itertools import combinations
from pathlib import Path
from typing import Final

from otsreport.errors import Problem
from otsreport.i18n import pick
from otsreport.models import Dossier, Event
from otsreport.registry import FACTS
from otsreport.tradecraft import mixed_sentences

TITLE_LIKENESS: Final = 0.8
DAYS_APART: Final = 45


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
