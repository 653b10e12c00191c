"""MISP: the cut dossier as one MISP event (the JSON MISP imports and exports).

The event is tagged with the banner's TLP tag; each record is a text attribute tagged with
its own marking's TLP tag, the Admiralty grades of what it cites (``admiralty-scale``) and,
for the analyst's judgments, the ICD 203 likelihood and confidence (``estimative-language``),
all by the MISP taxonomies' names. A cited source with an address is a link attribute. The
export's declarations stand beside the event, where MISP reads nothing: ``{"Event": ...}``
is what it imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from otsreport.formats import Making, OutputFormat, register
from otsreport.formats.exported import (
    Export,
    admiralty_tags,
    dumped,
    estimative_tags,
    export_of,
    released_inputs,
)

if TYPE_CHECKING:
    from otsreport.check.reading import Reading
    from otsreport.models import Citation

# MISP's codes: analysis 2 = completed; threat level 4 = undefined; distribution 0 = this
# organisation only (the recipient decides to share further, by the TLP tag); 5 = as the event.
ANALYSIS_COMPLETED: Final = "2"
THREAT_UNDEFINED: Final = "4"
YOUR_ORGANISATION: Final = "0"
AS_EVENT: Final = "5"


def _tags(names: Iterable[str | None]) -> list[dict[str, str]]:
    return [{"name": name} for name in dict.fromkeys(n for n in names if n)]


def _attribute(
    export: Export,
    key: str,
    value: str,
    comment: str,
    marking: str,
    tags: Iterable[str] = (),
    kind: str = "text",
) -> dict[str, Any]:
    return {
        "uuid": export.uid("misp-attribute", key),
        "type": kind,
        "category": "External analysis" if kind == "link" else "Other",
        "to_ids": False,
        "distribution": AS_EVENT,
        "timestamp": str(int(export.stamp.timestamp())),
        "value": value,
        "comment": comment,
        "Tag": _tags([export.scheme.misp(marking), *tags]),
    }


def _records(export: Export) -> list[tuple[str, Any, str, list[Citation], list[str]]]:
    """(kind, record, text, citations, extra tags) for every record an attribute tells."""
    text = export.text
    dossier = export.dossier
    found: list[tuple[str, Any, str, list[Citation], list[str]]] = []
    found += [("actor", a, text(a.name), a.citations, []) for a in dossier.actors]
    found += [
        ("event", e, f"{text(e.title)}: {text(e.summary)}", e.citations, []) for e in dossier.events
    ]
    found += [("statement", s, s.quote, s.citations, []) for s in dossier.statements]
    found += [
        ("position", p, f"{p.stance}: {text(p.subject)}", p.citations, [])
        for p in dossier.positions
    ]
    found += [("assessment", a, a.wording, a.citations, []) for a in dossier.assessments]
    found += [("judgment", j, text(j.text), [], estimative_tags(j)) for j in dossier.judgments]
    return found


def misp_event(export: Export) -> dict[str, Any]:
    """The cut dossier as a MISP event (a dict, written as JSON)."""
    info = export.dossier.info
    attributes = [
        _attribute(
            export,
            f"{kind}/{record.id}",
            value,
            f"{kind} {record.id}",
            export.marking_of(record, citations),
            [*admiralty_tags(export, citations), *tags],
        )
        for kind, record, value, citations, tags in _records(export)
    ]
    attributes += [
        _attribute(export, f"source/{s.id}", s.url, s.title, s.marking or "", kind="link")
        for s in export.dossier.sources
        if s.url
    ]
    event = {
        "uuid": export.uid("misp-event"),
        "info": export.text(info.title),
        "date": info.as_of.start.first_day.isoformat(),
        "timestamp": str(int(export.stamp.timestamp())),
        "published": False,
        "analysis": ANALYSIS_COMPLETED,
        "threat_level_id": THREAT_UNDEFINED,
        "distribution": YOUR_ORGANISATION,
        "Tag": _tags([export.scheme.misp(export.marking)]),
        "Attribute": attributes,
    }
    return {"Event": event, **export.declarations()}


def _make(making: Making) -> bytes:
    return dumped(misp_event(export_of(making)))


def _recognises(text: str) -> bool:
    """A MISP event: JSON whose top-level object holds an 'Event'."""
    return text.lstrip().startswith("{") and '"Event"' in text[:4096]


def _read(text: str) -> Reading:
    """Every string of the event, with the declarations that stand beside it (read as any
    declaring JSON is)."""
    import json

    from otsreport.check.channels import read_json

    reading = read_json(json.loads(text))
    reading.format = "misp"
    return reading


MISP = register(
    OutputFormat(
        name="misp",
        suffix="misp.json",
        media_type="application/json",
        summary="a MISP event of the released dossier, with TLP, Admiralty and ICD 203 tags",
        make=_make,
        inputs=released_inputs,
        read=_read,
        recognises=_recognises,
    )
)
