"""What the data exports (STIX 2.1, MISP, CSL-JSON) share.

An export is made from the dossier as cut to the brief's banner (``Making.released_json``,
what an archival PDF attaches), never from the whole dossier: the cut is the same one every
brief goes through, so nothing above the audience's ceiling can reach it. Its ids are derived
from the dossier's record ids (UUIDv5) and its times from the build's stamp (the dossier's
``as_of``, or SOURCE_DATE_EPOCH), so two exports of the same dossier are the same bytes and
a platform that imports the second updates what it imported from the first.

Each export declares its marking and dossier (``check.reading.DECLARED``) so the release
check reads it back as it reads a brief; the taxonomy tags the MISP event and the STIX labels
both carry are spelt here once.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from otsreport.check.reading import DECLARED
from otsreport.i18n import pick
from otsreport.markings import Scheme, scheme_of

if TYPE_CHECKING:
    from otsreport.formats import Making
    from otsreport.models import Citation, Dossier, Judgment, Source

# The namespace of every export's UUIDv5 ids: fixed, so an id depends on the dossier alone.
NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:otsreport:export")


@dataclass(frozen=True)
class Export:
    """The cut dossier and what an export says of itself."""

    dossier: Dossier
    marking: str  # the banner the export declares: the brief's
    digest: str  # of the dossier's files
    language: str
    stamp: datetime
    scheme: Scheme

    @property
    def dossier_id(self) -> str:
        return self.dossier.info.id

    def text(self, value: str | dict[str, str] | None) -> str:
        return pick(value, self.language)

    def uid(self, *parts: str) -> str:
        """A stable UUID for one thing of this dossier ('event', 'summit-2025')."""
        return str(uuid.uuid5(NAMESPACE, "/".join([self.dossier_id, *parts])))

    def declarations(self) -> dict[str, str]:
        values = (self.marking, self.dossier_id, self.digest)
        return {key: value for key, value in zip(DECLARED, values, strict=True) if value}

    def sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.dossier.sources}

    def label(self, source: Source) -> str:
        from otsreport.select.citing import source_label

        return source_label(source, self.language)

    def marking_of(self, record: Any, citations: Iterable[Citation] = ()) -> str:
        """A record's marking as exported: its own, its fields' (those the cut kept) and
        those of the sources its citations name (their titles and quotes go with it)."""
        sources = self.sources()
        markings = [record.marking, *record.field_markings.values()]
        markings += [sources[c.source].marking for c in citations if c.source in sources]
        return self.scheme.combine(m for m in markings if m).label


def export_of(making: Making) -> Export:
    """The cut dossier a build hands the formats, and the brief's declarations."""
    from otsreport.models import Dossier

    if not making.released_json:
        raise ValueError("a data export needs the released dossier (Making.released_json)")
    dossier = Dossier.model_validate(json.loads(making.released_json))
    brief = making.brief
    scheme = scheme_of(dossier.info.marking_scheme)
    return Export(dossier, brief.marking, brief.dossier_digest, brief.lang, making.stamp, scheme)


def released_inputs(making: Making) -> list[str]:
    """What an export depends on beyond the brief: the released dossier itself (an edit the
    brief does not show, a grade, a URL, still changes the export)."""
    digest = hashlib.sha256(making.released_json.encode()).hexdigest()
    return [f"released={digest}"]


def dumped(value: Any) -> bytes:
    """JSON as every export writes it: indented, UTF-8, the same bytes for the same value."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


# -- taxonomy tags (MISP's names; STIX labels carry the same) ----------------------------------


def _tag(namespace: str, predicate: str, value: str) -> str:
    return f'{namespace}:{predicate}="{value}"'


def estimative_tags(judgment: Judgment) -> list[str]:
    """MISP 'estimative-language' (ICD 203): likelihood and confidence, kept apart."""
    return [
        _tag("estimative-language", "likelihood-probability", judgment.likelihood),
        _tag("estimative-language", "confidence-in-analytic-judgment", judgment.confidence.level),
    ]


def admiralty_tags(export: Export, citations: Iterable[Citation]) -> list[str]:
    """MISP 'admiralty-scale': each cited source's reliability and each item's credibility
    (the citation's own, else its source's), as far as the cut kept them."""
    sources = export.sources()
    tags: list[str] = []
    for citation in citations:
        source = sources.get(citation.source)
        if source is None:
            continue
        credibility = citation.credibility or source.credibility
        if source.reliability:
            tags.append(_tag("admiralty-scale", "source-reliability", source.reliability.lower()))
        if credibility:
            tags.append(_tag("admiralty-scale", "information-credibility", str(credibility)))
    return list(dict.fromkeys(tags))


def iso_time(stamp: datetime) -> str:
    """A STIX/MISP timestamp: UTC, milliseconds, 'Z'."""
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")
