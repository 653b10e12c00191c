"""The select stage decides which optional table columns a brief prints (an event's place,
an actor's role) and numbers every note once."""

from __future__ import annotations

from pathlib import Path

from otsreport.paths import sample_dossier_dir
from otsreport.select.views import EventItem, SectionView
from otsreport.validate import load_dossier

from .helpers import compose

FRESH = Path(__file__).resolve().parent.parent / "dossiers"


def section(views: list[SectionView], kind: str) -> SectionView:
    return next(view for view in views if view.kind == kind)


def test_optional_columns_are_those_some_row_fills() -> None:
    sample = compose(load_dossier(sample_dossier_dir()), ["timeline", "actors"])
    for group in section(sample, "timeline").groups:
        placed = any(isinstance(item, EventItem) and item.place for item in group.items)
        assert group.columns == ({"place"} if placed else frozenset())
    assert {"place"} <= section(sample, "timeline").columns
    assert section(sample, "actors").columns == {"role"}
    bare = compose(load_dossier(FRESH / "salt-marsh"), ["timeline", "actors"])
    assert all(not group.columns for group in section(bare, "timeline").groups)
    assert section(bare, "actors").columns == frozenset()


def test_every_note_has_its_own_number_and_a_repeat_is_short() -> None:
    views = compose(load_dossier(sample_dossier_dir()), ["summary", "timeline", "agreements"])
    notes = [note for view in views for item in view.items for note in item.notes]
    numbers = [note.number for note in notes]
    assert numbers == list(range(1, len(notes) + 1))
    first = {(n.source_title, n.paragraph, n.quote): n for n in reversed(notes)}
    repeats = [note for note in notes if note.repeat]
    assert repeats, "the sample cites some passages more than once"
    for note in repeats:
        assert first[(note.source_title, note.paragraph, note.quote)].number < note.number
