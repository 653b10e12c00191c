"""The "What changed since" section: what its reader's brief adds, withdraws and changes
since an earlier edition, as both editions were cut for that reader (``editions.audience``).

It tells no record of the dossier (its items point at none), so it never becomes a record's
home; each item's marking is the record's as the brief prints it, and the earlier edition's
where its earlier words are printed too, so the banner covers both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Protocol

from markupsafe import Markup

from otsreport.dates import DateSpan
from otsreport.editions.compare import Changed, RecordRef
from otsreport.editions.report import move_words, value_text
from otsreport.i18n import N_
from otsreport.markings import Marking
from otsreport.models import SectionDef
from otsreport.registry import BY_NAME, records_of
from otsreport.select.catalogue import Entry
from otsreport.select.shaping import Shaper
from otsreport.select.views import ChangeItem, ChangeLine, Evidence, Group, SectionView

KIND: Final = "changes"
GROUPS: Final = (N_("New"), N_("Withdrawn"), N_("Changed"))
SCALES: Final = {"likelihood": N_("Likelihood"), "confidence": N_("Confidence")}
MARKING: Final = N_("Handling")


class Teller(Protocol):
    shaper: Shaper


def changes(teller: Teller, spec: SectionDef, records: Sequence[Any]) -> SectionView:
    """Added, withdrawn and changed records, in three groups; empty without ``--since``."""
    shaper = teller.shaper
    found = shaper.changes
    title = shaper.t(spec.title)
    view = SectionView(id=spec.id, kind=spec.kind, title=title, lead=shaper.t(spec.lead))
    if found is None:
        return view
    date = shaper.date(_span(found.old_date))
    view.title = Markup(str(title).replace("{date}", str(date)))
    added = tuple(_item(shaper, ref, "added") for ref in found.added)
    withdrawn = tuple(_item(shaper, ref, "withdrawn") for ref in found.withdrawn)
    changed = tuple(_changed(shaper, change) for change in found.changed)
    groups = zip(GROUPS, (added, withdrawn, changed), strict=True)
    view.groups = [Group(shaper._(heading), items) for heading, items in groups if items]
    return view


def _span(iso: str) -> DateSpan:
    return DateSpan.parse(iso)


def _marking(shaper: Shaper, ref: RecordRef, what: str, also: Sequence[str] = ()) -> Marking:
    """What the item prints is the record's, as the brief prints it (its sources, the
    actors it names); a withdrawn one's is the earlier edition's marking."""
    record = _record(shaper, ref) if what != "withdrawn" else None
    if record is not None:
        return shaper.marked(record, also=[m for m in also if m])
    return shaper.use([ref.marking, *also])


def _record(shaper: Shaper, ref: RecordRef) -> Any:
    spec = BY_NAME[ref.kind]
    for record in records_of(shaper.dossier, spec):
        if str(getattr(record, "id", "")) == ref.id or value_text((_text(record),)) == ref.id:
            return record
    return None


def _text(record: Any) -> Any:
    return record.model_dump(mode="json").get("text")


def _item(shaper: Shaper, ref: RecordRef, what: str, **more: Any) -> ChangeItem:
    also = more.pop("also", ())
    return ChangeItem(
        id=f"change-{ref.kind.replace(' ', '-')}-{ref.id}"[:120],
        marking=_marking(shaper, ref, what, also),
        evidence=Evidence(),
        what=what,
        title=value_text((ref.title,), shaper.language),
        **more,
    )


def _changed(shaper: Shaper, change: Changed) -> ChangeItem:
    lines = []
    for move in change.moves:
        before, after = move_words(move)
        lines.append(ChangeLine(shaper._(SCALES[move.scale]), shaper._(before), shaper._(after)))
    if change.marking is not None:
        lines.append(ChangeLine(shaper._(MARKING), *change.marking))
    for field in change.fields:
        before = value_text(field.before, shaper.language)
        lines.append(ChangeLine("", before, value_text(field.after, shaper.language)))
    return _item(shaper, change.record, "changed", lines=tuple(lines), also=(change.old_marking,))


def placed(entries: list[Entry], catalogue: dict[str, Entry]) -> list[Entry]:
    """The brief's sections with the catalogue's "What changed" after the bottom line (or
    first), unless the profile already places a section of this kind itself."""
    if any(entry.spec.kind == KIND for entry in entries) or KIND not in catalogue:
        return entries
    after = next((i + 1 for i, e in enumerate(entries) if e.spec.kind == "summary"), 0)
    return [*entries[:after], catalogue[KIND], *entries[after:]]
