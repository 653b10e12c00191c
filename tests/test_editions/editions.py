"""Two editions of the fictional Lake Varen dossier, and what changed between them.

The later edition adds an event and a source, withdraws a statement, edits an event's
summary, moves a judgment from likely to very likely, and raises a position to RED (editing
its words as well, so a leak would be of text the later dossier no longer holds).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import OTHER_DOSSIER, edit, put

JUDGMENTS = """\
- id: accord-holds
  text: The accord will hold while the commission keeps its chair rotating.
  likelihood: {likelihood}
  confidence:
    level: moderate
    reason: It rests on the accord and one chairmanship, told by a friendly paper.
  basis: [accord-2024, valdoria-chairs-commission]
  topics: [water]
"""
NEW_SOURCE = """\
- id: harbour-notes
  title: Harbour notes on the survey
  kind: news
  publisher: Kestra Harbour Notes (fictional)
  reliability: C
  language: en
  text: sources/harbour-notes.txt
  perspective: A harbour newsletter.
"""
NEW_EVENT = """\
- id: survey-2026
  date: 2026-01-05
  kind: meeting
  title: Survey teams meet in Port Elm
  participants: [valdoria, kestria]
  summary: The commission's survey teams meet to plan the fish-stock survey.
  topics: [fisheries]
  citations:
    - source: harbour-notes
      paragraph: 1
      quote: "The survey teams met in Port Elm on 5 January 2026"
"""
EDITED_SUMMARY = "Valdoria chairs the Varen Basin Commission for its first rotating term."
RED_SUBJECT = "a joint fisheries quota of forty tonnes"


def old_edition(folder: Path) -> Path:
    shutil.copytree(OTHER_DOSSIER, folder)
    put(folder / "judgments.yaml", JUDGMENTS.format(likelihood="likely"))
    return folder


def new_edition(folder: Path) -> Path:
    """The later edition, made from a copy of the earlier one."""
    old_edition(folder)
    edit(folder / "dossier.yaml", "as_of: 2026-01-15", "as_of: 2026-02-01")
    put(folder / "judgments.yaml", JUDGMENTS.format(likelihood="very-likely"))
    put(
        folder / "sources" / "harbour-notes.txt",
        "The survey teams met in Port Elm on 5 January 2026 to plan the count.\n",
    )
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + NEW_SOURCE, encoding="utf-8")
    events = folder / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + NEW_EVENT, encoding="utf-8")
    edit(
        events,
        "summary: Valdoria takes over the rotating chair of the Varen Basin Commission.",
        f"summary: {EDITED_SUMMARY}",
    )
    statements = folder / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text[: text.index("- id: joint-shores")], encoding="utf-8")
    edit(
        folder / "positions.yaml",
        "  stance: supports\n  subject: a joint fisheries quota\n",
        f"  stance: supports\n  subject: {RED_SUBJECT}\n  marking: TLP:RED\n",
    )
    return folder


def editions(tmp_path: Path) -> tuple[Path, Path]:
    return old_edition(tmp_path / "old"), new_edition(tmp_path / "new")
