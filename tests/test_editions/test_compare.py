"""Two dossiers compared record by record: exactly the changes made, and no others."""

from __future__ import annotations

from pathlib import Path

from otsreport.editions import compare
from otsreport.editions.report import as_text, move_words
from otsreport.validate import load_dossier

from .editions import EDITED_SUMMARY, RED_SUBJECT, editions


def test_the_changes_made_and_no_others(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    found = compare(old, new)
    assert [(r.kind, r.id) for r in found.added] == [
        ("source", "harbour-notes"),
        ("event", "survey-2026"),
    ]
    assert [(r.kind, r.id) for r in found.withdrawn] == [("statement", "joint-shores")]
    assert [c.record.id for c in found.changed] == [
        "valdoria-chairs-commission",
        "kestria-quota",
        "accord-holds",
    ]
    assert [r.id for r in found.sources_added] == ["harbour-notes"]
    assert (found.old_date, found.new_date) == ("2026-01-15", "2026-02-01")


def test_fields_before_and_after(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    changed = {c.record.id: c for c in compare(old, new).changed}
    event = changed["valdoria-chairs-commission"]
    assert [f.path for f in event.fields] == ["summary"]
    assert event.fields[0].after == (EDITED_SUMMARY,)
    assert event.marking is None and event.moves == ()
    raised = changed["kestria-quota"]
    assert raised.marking == ("TLP:CLEAR", "TLP:RED")
    assert [(f.path, f.after) for f in raised.fields] == [("subject", (RED_SUBJECT,))]


def test_a_moved_likelihood_in_icd_203_words(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    judgment = next(c for c in compare(old, new).changed if c.record.kind == "judgment")
    assert judgment.fields == ()  # the move is told as a move, not as a field
    assert [move_words(m) for m in judgment.moves] == [("likely", "very likely")]
    assert "likelihood: likely → very likely" in as_text(compare(old, new))


def test_an_edition_against_itself_is_unchanged(tmp_path: Path) -> None:
    old, _ = editions(tmp_path)
    found = compare(load_dossier(old), load_dossier(old))
    assert found.is_empty
    assert as_text(found).endswith("No changes.\n")


def test_a_translation_is_a_change(tmp_path: Path) -> None:
    old, _ = editions(tmp_path)
    before = load_dossier(old)
    event = before.events[1]
    translated = event.model_copy(update={"title": {"en": str(event.title), "hu": "Elnökség"}})
    after = before.model_copy(update={"events": [before.events[0], translated, *before.events[2:]]})
    (change,) = compare(before, after).changed
    assert [f.path for f in change.fields] == ["title"]
