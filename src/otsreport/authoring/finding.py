"""``find`` and ``paragraphs``: the sources' paragraphs, as citations count them.

Both read only the sources (``load.read_draft``), so they work in a dossier that does not
validate yet, which is when they are needed.
"""

from __future__ import annotations

import json
from pathlib import Path

from otsreport.errors import Problem, UsageError, UserError, unknown
from otsreport.load import read_draft
from otsreport.matching import Passage, search


def _sources(dossier: Path) -> dict[str, list[str]]:
    return read_draft(dossier).texts()


def source_paragraphs(dossier: Path, source: str) -> list[str]:
    sources = _sources(dossier)
    if source not in sources:
        raise UsageError(unknown("source", source, sources, choices=True))
    return sources[source]


def find_passages(dossier: Path, text: str) -> list[Passage]:
    sources = _sources(dossier)
    if not sources:
        raise UserError(Problem("the dossier has no readable source texts yet", dossier))
    found = search(text, sources.items())
    if not found:
        raise UserError(
            Problem(f'not found in any source: "{text}" (check `otsreport paragraphs`)')
        )
    return found


def as_citation(passage: Passage) -> str:
    """The passage as a YAML citation, ready to paste under a record's ``citations:``."""
    quote = json.dumps(passage.text, ensure_ascii=False)
    return f"- {{source: {passage.source}, paragraph: {passage.paragraph}, quote: {quote}}}"
