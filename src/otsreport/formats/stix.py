"""STIX 2.1: the cut dossier as a bundle for threat-intelligence platforms (OpenCTI, MISP).

| dossier | STIX 2.1 |
|---|---|
| the dossier (title, summary, key points) | ``report``, referring to every object |
| actor: state, organization | ``identity`` (organization) |
| actor: person | ``identity`` (individual) |
| actor: place | ``identity`` (class 'unknown'; a place has no country code to be a location) |
| event, statement, the sources' assessments | ``note`` about the actors it names |
| position | a ``note`` of its subject, and a ``relationship`` from each holder, typed by stance |
| the analyst's judgment | ``note`` with ``confidence`` (0-100) and ICD 203 labels |
| a citation | an external reference: the source, its address, the quote |

Every object carries ``object_marking_refs``: the scheme's standard marking-definition for
its marking (TLP 2.0's ids come from the scheme's data), else a statement marking-definition
the bundle defines. Ids are UUIDv5 of the dossier's record ids and times are the build's
stamp, so a second export of the same dossier is the same bytes and updates the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from otsreport.check.reading import DECLARED, Reading
from otsreport.formats import Making, OutputFormat, register
from otsreport.formats.exported import (
    Export,
    dumped,
    estimative_tags,
    export_of,
    iso_time,
    released_inputs,
)

if TYPE_CHECKING:
    from otsreport.models import Actor, Citation, Judgment

# STIX 2.1 Appendix A, the None/Low/Med/High scale: the value each band maps to.
CONFIDENCE: Final = {"low": 15, "moderate": 50, "high": 85}
IDENTITY_CLASS: Final = {
    "state": "organization",
    "organization": "organization",
    "person": "individual",
    "place": "unknown",
}
# The declarations the dossier's report carries, as STIX custom properties.
PROPERTY: Final = {name: "x_" + name.replace("-", "_") for name in DECLARED}
PRINTED: Final = "the STIX report's marking"


class Bundle:
    """Builds one bundle: objects by record id, each marked."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.stamp = iso_time(export.stamp)
        self.objects: list[dict[str, Any]] = []
        self.ids: dict[str, str] = {}  # record id -> STIX id
        self.definitions: dict[str, dict[str, Any]] = {}  # statement markings by label

    def sdo(self, kind: str, key: str, marking: str, **properties: Any) -> dict[str, Any]:
        """A STIX domain object of ``kind``, identified by ``key`` within the dossier."""
        obj: dict[str, Any] = {
            "type": kind,
            "spec_version": "2.1",
            "id": f"{kind}--{self.export.uid(kind, key)}",
            "created": self.stamp,
            "modified": self.stamp,
        }
        obj.update({name: value for name, value in properties.items() if value not in ("", [])})
        obj["object_marking_refs"] = [self.marking_ref(marking)]
        self.objects.append(obj)
        return obj

    def marking_ref(self, marking: str) -> str:
        """The scheme's standard marking-definition id, else a statement defined here."""
        scheme = self.export.scheme
        standard = scheme.stix(marking)
        if standard is not None:
            return standard
        found = self.definitions.get(marking)
        if found is None:
            found = self.definitions[marking] = {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": f"marking-definition--{self.export.uid('marking', scheme.name, marking)}",
                "created": self.stamp,
                "name": marking,
                "definition_type": "statement",
                "definition": {"statement": f"{marking}: {scheme.meaning(marking)}"},
            }
        return str(found["id"])

    def references(self, citations: Iterable[Citation]) -> list[dict[str, str]]:
        """A citation as an external reference: the source, its address and the quote."""
        sources = self.export.sources()
        found = []
        for citation in citations:
            source = sources[citation.source]
            reference = {"source_name": self.export.label(source), "description": citation.quote}
            if source.url:
                reference["url"] = source.url
            reference["external_id"] = f"{source.id}:{citation.paragraph}"
            found.append(reference)
        return found

    def refs(self, record_ids: Iterable[str]) -> list[str]:
        return [self.ids[r] for r in dict.fromkeys(record_ids) if r in self.ids]

    def bundle(self) -> dict[str, Any]:
        objects = [*self.definitions.values(), *self.objects]
        return {"type": "bundle", "id": f"bundle--{self.export.uid('bundle')}", "objects": objects}


def stix_bundle(export: Export) -> dict[str, Any]:
    """The cut dossier as a STIX 2.1 bundle (a dict, written as JSON)."""
    bundle = Bundle(export)
    for actor in export.dossier.actors:
        bundle.ids[actor.id] = _identity(bundle, actor)["id"]
    _events(bundle)
    _statements(bundle)
    _positions(bundle)
    _assessments(bundle)
    for judgment in export.dossier.judgments:
        _judgment(bundle, judgment)
    _report(bundle)
    return bundle.bundle()


def _identity(bundle: Bundle, actor: Actor) -> dict[str, Any]:
    text = bundle.export.text
    return bundle.sdo(
        "identity",
        actor.id,
        bundle.export.marking_of(actor, actor.citations),
        name=text(actor.name),
        identity_class=IDENTITY_CLASS[actor.kind],
        roles=[text(role) for role in actor.roles],
        description=text(actor.short_name),
        external_references=bundle.references(actor.citations),
        x_otsreport_kind=actor.kind,
        x_otsreport_aliases=list(actor.aliases),
    )


def _note(bundle: Bundle, key: str, record: Any, about: list[str], **properties: Any) -> None:
    """A note about the actors ``about`` names (or, naming none, about the dossier's report,
    which every note is part of)."""
    refs = bundle.refs(about) or [f"report--{bundle.export.uid('report', 'dossier')}"]
    citations = list(getattr(record, "citations", ()))
    obj = bundle.sdo(
        "note",
        key,
        bundle.export.marking_of(record, citations),
        object_refs=refs,
        external_references=bundle.references(citations),
        **properties,
    )
    bundle.ids[record.id] = obj["id"]


def _events(bundle: Bundle) -> None:
    text = bundle.export.text
    for event in bundle.export.dossier.events:
        lines = [text(event.summary), text(event.document), text(event.note), text(event.timing)]
        _note(
            bundle,
            f"event/{event.id}",
            event,
            [*event.participants, *([event.place] if event.place else [])],
            abstract=text(event.title),
            content="\n\n".join(line for line in lines if line),
            labels=[f"event:{event.kind}"],
            x_otsreport_date=event.date.isoformat() if event.date else "",
        )


def _statements(bundle: Bundle) -> None:
    text = bundle.export.text
    for statement in bundle.export.dossier.statements:
        _note(
            bundle,
            f"statement/{statement.id}",
            statement,
            statement.all_speakers,
            abstract=text(statement.context),
            content=statement.quote,
            labels=["statement"],
            x_otsreport_date=statement.date.isoformat() if statement.date else "",
        )


def _positions(bundle: Bundle) -> None:
    """A position is a note of what is held, and a relationship from each holder to it,
    typed by the stance ('supports', 'opposes')."""
    text = bundle.export.text
    for position in bundle.export.dossier.positions:
        _note(
            bundle,
            f"position/{position.id}",
            position,
            position.holders,
            abstract=text(position.subject),
            content=text(position.reason) or text(position.subject),
            labels=[f"position:{position.stance}"],
        )
        marking = bundle.export.marking_of(position, position.citations)
        for holder in bundle.refs(position.holders):
            bundle.sdo(
                "relationship",
                f"position/{position.id}/{holder}",
                marking,
                relationship_type=position.stance,
                source_ref=holder,
                target_ref=bundle.ids[position.id],
            )


def _assessments(bundle: Bundle) -> None:
    text = bundle.export.text
    actors = {actor.id: actor for actor in bundle.export.dossier.actors}
    for assessment in bundle.export.dossier.assessments:
        holder = assessment.holder
        author = ""
        if holder is not None:
            named = actors.get(holder.actor or "")
            author = text(named.name) if named else text(holder.text)
        _note(
            bundle,
            f"assessment/{assessment.id}",
            assessment,
            assessment.about,
            abstract=text(assessment.gist),
            content=assessment.wording,
            authors=[author] if author else [],
            labels=[f"assessment:{assessment.kind}"],
        )


def _judgment(bundle: Bundle, judgment: Judgment) -> None:
    """The analyst's judgment: confidence on STIX's 0-100 scale, the ICD 203 likelihood
    and confidence as labels by the MISP 'estimative-language' taxonomy's names."""
    text = bundle.export.text
    lines = [text(judgment.text), *(text(i) for i in judgment.implications)]
    _note(
        bundle,
        f"judgment/{judgment.id}",
        judgment,
        judgment.basis,
        abstract=_estimate(judgment),
        content="\n\n".join(lines),
        confidence=CONFIDENCE[judgment.confidence.level],
        labels=estimative_tags(judgment),
        x_otsreport_confidence_reason=text(judgment.confidence.reason),
        x_otsreport_indicators=[
            f"{indicator.direction}: {text(indicator.text)}" for indicator in judgment.indicators
        ],
    )


def _estimate(judgment: Judgment) -> str:
    """'likely (55–80%), moderate confidence': the ICD 203 words, for a platform's list."""
    from otsreport.tradecraft import CONFIDENCE_LABELS, SCALE

    words, band, _ = SCALE[judgment.likelihood]
    return f"{words} ({band}), {CONFIDENCE_LABELS[judgment.confidence.level]}"


def _report(bundle: Bundle) -> None:
    """The dossier: its title, summary and key points, referring to every object, and the
    export's declarations (its marking and dossier) for the release check."""
    export = bundle.export
    info = export.dossier.info
    lines = [export.text(info.summary), *(f"- {export.text(p.text)}" for p in info.key_points)]
    marks = [info.marking, info.summary_marking, *(p.marking for p in info.key_points)]
    declared = {PROPERTY[key]: value for key, value in export.declarations().items()}
    bundle.sdo(
        "report",
        "dossier",
        export.scheme.combine(m for m in marks if m).label,
        name=export.text(info.title),
        description="\n".join(lines),
        published=bundle.stamp,
        report_types=["threat-report"],
        labels=list(info.keywords),
        object_refs=[obj["id"] for obj in bundle.objects],
        lang=export.language,
        **declared,
    )


def _make(making: Making) -> bytes:
    return dumped(stix_bundle(export_of(making)))


def _recognises(text: str) -> bool:
    head = text[:4096]
    return '"type": "bundle"' in head and f'"{PROPERTY[DECLARED[0]]}"' in text


def _read(text: str) -> Reading:
    """Every string of the bundle; the declarations from its report."""
    from otsreport.check.channels import joined, strings

    reading = Reading("stix")
    value = json.loads(text)
    for obj in value.get("objects", []) if isinstance(value, dict) else []:
        if isinstance(obj, dict) and isinstance(obj.get(PROPERTY[DECLARED[0]]), str):
            found = {key: obj.get(prop) for key, prop in PROPERTY.items()}
            reading.declared.update({k: v for k, v in found.items() if isinstance(v, str)})
            reading.printed.append((PRINTED, obj[PROPERTY[DECLARED[0]]]))
    reading.add("STIX text", joined(strings(value)))
    reading.add("STIX keys and values", joined(strings(value, keys=True)), prose=False)
    return reading


STIX = register(
    OutputFormat(
        name="stix",
        suffix="stix.json",
        media_type="application/stix+json;version=2.1",
        summary="a STIX 2.1 bundle of the released dossier, every object marked",
        make=_make,
        inputs=released_inputs,
        read=_read,
        recognises=_recognises,
    )
)
