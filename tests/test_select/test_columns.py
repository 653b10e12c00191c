"""The select stage decides which optional table columns a brief prints (an event's place,
an actor's role), so no column is printed empty."""

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
