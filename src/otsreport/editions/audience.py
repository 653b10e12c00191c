"""What changed for one reader: the two editions each cut to the reader's ceiling, then
compared, with everything that would tell the reader about what they may not see taken out.

Comparing the cuts is not enough on its own. A record that left the reader's view because its
marking rose (or because something it depends on did) looks "withdrawn" from the cuts; saying
so would tell the reader that something on that subject is now above them. So:

- only a record gone from the later dossier itself is withdrawn; one that is still there but
  withheld is not mentioned at all;
- a change inside a field withheld in either edition is not mentioned (the cut prints a
  placeholder there, and the old text next to it would be the news);
- what the earlier edition showed of a now-withheld record (an id in a list that points to
  it, another source's reading resting on it, a quote of a now-withheld source) is trimmed
  from the earlier text first, so it cannot reappear as a "before".
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from otsreport.editions.compare import Changed, Comparison, compare, keyed
from otsreport.markings import Marking
from otsreport.models import Dossier
from otsreport.registry import BY_COLLECTION, COLLECTIONS, KINDS, KindSpec
from otsreport.release import Release, release

# A source's body, as a cut gives it, is the passages released records quote: it differs
# whenever what is quoted does, and says nothing about the source itself.
SOURCE_BODY: Final = ("paragraphs[]", "text")


def for_audience(old: Dossier, new: Dossier, ceiling: str | Marking) -> Comparison:
    """The changes between two editions a reader cleared to ``ceiling`` may be told of."""
    old_cut, new_cut = release(old, ceiling), release(new, ceiling)
    present = {(spec.name, key) for spec in KINDS for key, _ in keyed(spec, new)}
    hidden = {key for _, key in present} - set(new_cut.released)
    earlier = _hide(old_cut.dossier, hidden)
    found = compare(earlier, new_cut.dossier)
    shut = _merge(_withheld_fields(old, old_cut), _withheld_fields(new, new_cut))
    points_all_shown = len(new.info.key_points) == len(new_cut.dossier.info.key_points)
    withdrawn = tuple(
        r
        for r in found.withdrawn
        if (r.kind, r.id) not in present and (r.kind != "key point" or points_all_shown)
    )
    changed = tuple(c for c in (_open(c, shut) for c in found.changed) if c is not None)
    return dataclasses.replace(found, withdrawn=withdrawn, changed=changed)


def _withheld_fields(dossier: Dossier, cut: Release) -> dict[tuple[str, str], set[str]]:
    """(kind, id) -> the fields of that record the cut withholds."""
    shut: dict[tuple[str, str], set[str]] = {}
    for spec in KINDS:
        for key, record in keyed(spec, dossier):
            names = {
                name
                for name, marking in record.field_markings.items()
                if not cut.scheme.releasable(marking, cut.ceiling)
            }
            if names:
                shut[(spec.name, key)] = names
    return shut


def _merge(
    one: dict[tuple[str, str], set[str]], other: dict[tuple[str, str], set[str]]
) -> dict[tuple[str, str], set[str]]:
    merged = {key: set(names) for key, names in one.items()}
    for key, names in other.items():
        merged.setdefault(key, set()).update(names)
    return merged


def _open(change: Changed, shut: dict[tuple[str, str], set[str]]) -> Changed | None:
    """The change without what happened in withheld fields (and a source's cut body)."""
    closed = shut.get((change.record.kind, change.record.id), set())
    fields = tuple(
        f
        for f in change.fields
        if f.path.split(".")[0].removesuffix("[]") not in closed
        and f.path != "field_markings"
        and not (change.record.kind == "source" and f.path in SOURCE_BODY)
    )
    if not (fields or change.moves or change.marking):
        return None
    return dataclasses.replace(change, fields=fields)


def _hide(dossier: Dossier, hidden: set[str]) -> Dossier:
    """The earlier cut without the pointers to, and other sources' readings resting on,
    records the later edition withholds (as the later cut trims them)."""
    update: dict[str, Any] = {}
    for name in COLLECTIONS:
        spec = BY_COLLECTION[name]
        update[name] = [_trim(spec, record, hidden) for record in getattr(dossier, name)]
    return dossier.model_copy(update=update)


def _trim(spec: KindSpec, record: Any, hidden: set[str]) -> Any:
    update: dict[str, Any] = {}
    for name in spec.points_to:
        value = getattr(record, name)
        if isinstance(value, list):
            update[name] = [v for v in value if getattr(v, "organization", v) not in hidden]
        elif value is not None and value in hidden:
            update[name] = None
    if getattr(record, "citations", None):  # the quotes of a now-withheld source
        update["citations"] = [c for c in record.citations if c.source not in hidden]
    if getattr(record, "disputed", None):
        update["disputed"] = [
            d
            for d in record.disputed
            if not any(c.source in hidden for c in [*d.citations, *d.record_citations])
            and not (d.field == "place" and str(d.value) in hidden)
        ]
    return record.model_copy(update=update) if update else record
