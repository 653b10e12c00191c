"""A comparison as the ``diff`` command prints it: lines for a person, or JSON for a script.

Estimates are told in ICD 203's words ("likely → very likely"), as the brief prints them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Final

from otsreport.editions.compare import Changed, Comparison, FieldChange, Json, Move
from otsreport.tradecraft import CONFIDENCE_LABELS, SCALE

ARROW: Final = " → "
LONGEST: Final = 160  # characters of a value a line shows


def move_words(move: Move) -> tuple[str, str]:
    """The two ends of a move in ICD 203's English words (msgids: a brief translates them)."""
    if move.scale == "likelihood":
        return SCALE[move.before][0], SCALE[move.after][0]
    return CONFIDENCE_LABELS[move.before], CONFIDENCE_LABELS[move.after]


def value_text(values: tuple[Json, ...], language: str = "en") -> str:
    """What a field holds, in one line: texts in ``language`` (English when not translated)."""
    return "; ".join(t for t in (_one(v, language) for v in values) if t)


def _one(value: Json, language: str) -> str:
    if isinstance(value, dict):
        if "en" in value and all(isinstance(v, str) for v in value.values()):
            return str(value.get(language) or value["en"])
        return ", ".join(t for t in (_one(v, language) for v in value.values()) if t)
    if isinstance(value, list):
        return "; ".join(_one(v, language) for v in value)
    return "" if value is None else str(value)


def _short(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def as_text(comparison: Comparison) -> str:
    """The comparison as lines: added, withdrawn, then each changed record field by field."""
    lines = [f"Changes from the edition of {comparison.old_date} to {comparison.new_date}"]
    if comparison.is_empty:
        return "\n".join([*lines, "No changes."]) + "\n"
    for heading, refs in (("Added", comparison.added), ("Withdrawn", comparison.withdrawn)):
        if refs:
            lines += ["", f"{heading} ({len(refs)}):"]
            mark = "+" if heading == "Added" else "-"
            lines += [f"  {mark} {r.kind} {r.id}: {_short(value_text((r.title,)))}" for r in refs]
    if comparison.changed:
        lines += ["", f"Changed ({len(comparison.changed)}):"]
        for change in comparison.changed:
            lines += _changed_lines(change)
    return "\n".join(lines) + "\n"


def _changed_lines(change: Changed) -> list[str]:
    record = change.record
    lines = [f"  ~ {record.kind} {record.id}: {_short(value_text((record.title,)))}"]
    for move in change.moves:
        before, after = move_words(move)
        lines.append(f"      {move.scale}: {before}{ARROW}{after}")
    if change.marking is not None:
        lines.append(f"      marking: {change.marking[0]}{ARROW}{change.marking[1]}")
    lines += [_field_line(f) for f in change.fields]
    return lines


def _field_line(change: FieldChange) -> str:
    before = _short(value_text(change.before)) or "(none)"
    after = _short(value_text(change.after)) or "(none)"
    return f"      {change.path}: {before}{ARROW}{after}"


def as_json(comparison: Comparison) -> str:
    """The comparison as JSON: every record and field with its values as the dossier has them,
    and each move with its ICD 203 words."""
    data: dict[str, Any] = {
        "old": comparison.old_date,
        "new": comparison.new_date,
        "added": [asdict(r) for r in comparison.added],
        "withdrawn": [asdict(r) for r in comparison.withdrawn],
        "changed": [_changed_json(c) for c in comparison.changed],
        "sources_added": [r.id for r in comparison.sources_added],
        "markings_changed": [c.record.id for c in comparison.markings_changed],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _changed_json(change: Changed) -> dict[str, Any]:
    moves = []
    for move in change.moves:
        words = move_words(move)
        moves.append({**asdict(move), "words": f"{words[0]}{ARROW}{words[1]}"})
    return {
        "record": asdict(change.record),
        "marking": list(change.marking) if change.marking else None,
        "moves": moves,
        "fields": [asdict(f) for f in change.fields],
    }
