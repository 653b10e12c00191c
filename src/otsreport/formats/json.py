"""JSON: the released brief as data, for a tool rather than a reader.

It is what the select stage decided for the audience, declared like every brief (its
marking and dossier as top-level keys, which the release check reads as the marking it
prints): the brief's title, language and date, its sections with the records each shows,
and the dossier as cut to the brief's banner (``Selection.released_json``, what an
archival PDF attaches and an edition record carries). So it carries nothing the brief's
marking does not allow, and the release check reads every string of it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from otsreport.check.reading import DECLARED
from otsreport.formats import Making, OutputFormat, register

if TYPE_CHECKING:
    from otsreport.check.reading import Reading

FORMAT_KEY: Final = "otsreport-brief"
FORMAT: Final = 1


def _make(making: Making) -> bytes:
    selection = making.selection
    assert selection is not None, "the build gives every brief its selection"
    brief = making.brief
    declared = (brief.marking, brief.dossier_id, brief.dossier_digest)
    record: dict[str, Any] = {
        FORMAT_KEY: FORMAT,
        **{key: value for key, value in zip(DECLARED, declared, strict=True) if value},
        "audience": making.audience,
        "title": brief.title,
        "language": brief.lang,
        "date": brief.date_iso,
        "reference": brief.reference,
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "records": [item.id for item in section.items if item.id],
            }
            for section in brief.sections
        ],
        "stamp": making.stamp.isoformat(),
        "dossier": json.loads(selection.released_json),
    }
    return (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode()


def _sniff(data: bytes) -> bool:
    """JSON text: it starts as JSON does and parses."""
    from otsreport.check.channels import as_text

    text = as_text(data)
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _reader(data: bytes, depth: int) -> Reading:
    from otsreport.check.channels import as_text, read_json

    return read_json(json.loads(as_text(data)))


JSON = register(
    OutputFormat(
        name="json",
        suffix="json",
        media_type="application/json",
        summary="the released brief as data: its sections' records and the dossier as cut",
        make=_make,
        sniff=_sniff,
        reader=_reader,
        what="the JSON brief",
    )
)
