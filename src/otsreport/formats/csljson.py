"""CSL-JSON: the sources the released dossier cites, for reference managers (Zotero, Pandoc).

Only sources a released record cites are listed, each as the CSL data schema has it
(``select/bibliography.py``, which also formats a brief's sources list by a CSL style). The
export's declarations go in each item's ``custom`` (the schema's place for what has no CSL
field), so the release check reads its marking back as it reads a brief's.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from otsreport.check.reading import DECLARED, Reading
from otsreport.formats import Making, OutputFormat, register
from otsreport.formats.exported import Export, dumped, export_of, released_inputs

if TYPE_CHECKING:
    from otsreport.models import Source

PRINTED: Final = "item {number}'s marking"


def cited_sources(export: Export) -> list[Source]:
    """The released sources a released record cites, in the dossier's order."""
    from otsreport.registry import disputed_citations, every_record

    cited = {
        citation.source
        for spec, record, _ in every_record(export.dossier)
        for citation in [*spec.cites(record), *disputed_citations(record)]
    }
    return [source for source in export.dossier.sources if source.id in cited]


def _item(export: Export, source: Source) -> dict[str, Any]:
    from otsreport.select.bibliography import csl_item

    return {**csl_item(source, export.label(source)), "custom": export.declarations()}


def csl_items(export: Export) -> list[dict[str, Any]]:
    return [_item(export, source) for source in cited_sources(export)]


def _make(making: Making) -> bytes:
    return dumped(csl_items(export_of(making)))


def _recognises(text: str) -> bool:
    return text.lstrip().startswith("[") and f'"{DECLARED[0]}"' in text[:8192]


def _read(text: str) -> Reading:
    """Every string of the items; the declarations from each item's ``custom``."""
    from otsreport.check.channels import joined, strings

    reading = Reading("csl-json")
    value = json.loads(text)
    items = value if isinstance(value, list) else []
    for number, item in enumerate(items, 1):
        custom = item.get("custom") if isinstance(item, dict) else None
        if isinstance(custom, dict) and isinstance(custom.get(DECLARED[0]), str):
            for key in DECLARED:
                if isinstance(custom.get(key), str):
                    reading.declared.setdefault(key, custom[key])
            reading.printed.append((PRINTED.format(number=number), custom[DECLARED[0]]))
    reading.add("CSL-JSON text", joined(strings(value)))
    reading.add("CSL-JSON keys and values", joined(strings(value, keys=True)), prose=False)
    return reading


CSL_JSON = register(
    OutputFormat(
        name="csl-json",
        suffix="csl.json",
        media_type="application/vnd.citationstyles.csl+json",
        summary="the cited sources as CSL-JSON, for reference managers",
        make=_make,
        inputs=released_inputs,
        read=_read,
        recognises=_recognises,
    )
)
