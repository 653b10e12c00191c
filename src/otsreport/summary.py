"""The short summary ``otsreport validate`` prints when a dossier is sound."""

from __future__ import annotations

from otsreport.models import COLLECTIONS, Dossier
from otsreport.registry import disputed_citations


def describe(dossier: Dossier) -> str:
    counts = {name: len(getattr(dossier, name)) for name in COLLECTIONS}
    citations = sum(
        len(getattr(record, "citations", [])) + len(disputed_citations(record))
        for name in COLLECTIONS
        for record in getattr(dossier, name)
    )
    records = ", ".join(f"{count} {name}" for name, count in counts.items())
    return (
        f"dossier '{dossier.info.id}' is valid: {records}; "
        f"{citations} citations checked against the source text."
    )
