"""What changed for one reader: both editions cut, and nothing withheld told."""

from __future__ import annotations

from pathlib import Path

from otsreport.editions import for_audience
from otsreport.editions.report import as_json
from otsreport.validate import load_dossier

from ..conftest import edit
from .editions import RED_SUBJECT, editions


def test_a_record_raised_above_the_ceiling_is_not_mentioned(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    found = for_audience(old, new, "TLP:CLEAR")
    ids = {r.id for r in (*found.added, *found.withdrawn)} | {c.record.id for c in found.changed}
    assert "kestria-quota" not in ids
    report = as_json(found)
    assert "kestria-quota" not in report and "joint fisheries quota" not in report
    assert RED_SUBJECT not in report


def test_a_deleted_record_is_withdrawn(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    found = for_audience(old, new, "TLP:CLEAR")
    assert [r.id for r in found.withdrawn] == ["joint-shores"]
    assert [r.id for r in found.added] == ["harbour-notes", "survey-2026"]


def test_a_judgment_above_the_ceiling_moves_unseen(tmp_path: Path) -> None:
    old, new = (load_dossier(p) for p in editions(tmp_path))
    assert all(c.record.kind != "judgment" for c in for_audience(old, new, "TLP:CLEAR").changed)
    moved = for_audience(old, new, "TLP:AMBER").moved
    assert [c.record.id for c in moved] == ["accord-holds"]


def test_a_change_inside_a_withheld_field_is_not_mentioned(tmp_path: Path) -> None:
    old_dir, new_dir = editions(tmp_path)
    for folder, note in ((old_dir, "first note"), (new_dir, "second note")):
        edit(
            folder / "events.yaml",
            "  title: Valdoria chairs the commission\n",
            f"  title: Valdoria chairs the commission\n  note: {note}\n"
            "  field_markings: {note: TLP:AMBER}\n",
        )
    old, new = load_dossier(old_dir), load_dossier(new_dir)
    cleared = {c.record.id: c for c in for_audience(old, new, "TLP:CLEAR").changed}
    assert [f.path for f in cleared["valdoria-chairs-commission"].fields] == ["summary"]
    amber = {c.record.id: c for c in for_audience(old, new, "TLP:AMBER").changed}
    assert [f.path for f in amber["valdoria-chairs-commission"].fields] == ["summary", "note"]


def test_a_record_depending_on_a_raised_one_is_not_withdrawn(tmp_path: Path) -> None:
    old_dir, new_dir = editions(tmp_path)
    edit(
        new_dir / "sources.yaml",
        "  reliability: C\n  language: en\n  text: sources/kestria",
        "  reliability: C\n  marking: TLP:RED\n  language: en\n  text: sources/kestria",
    )
    old, new = load_dossier(old_dir), load_dossier(new_dir)
    found = for_audience(old, new, "TLP:CLEAR")
    assert [r.id for r in found.withdrawn] == ["joint-shores"]
    assert "kestria-daily" not in as_json(found)
    assert "4 March 2024" not in as_json(found)  # the accord's disputed date, read there
