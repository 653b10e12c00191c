"""What an archival PDF carries besides its pages: the dossier and how the brief was made.

The next analyst can `otsreport extract` them and reuse the facts instead of retyping.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from otsreport.extract import BUILD_ATTACHMENT, DATA_ATTACHMENT
from otsreport.pdf import EmbeddedFile

if TYPE_CHECKING:
    from otsreport.select.selection import Selection


def attachments(audience: str, selection: Selection, variant: str) -> tuple[EmbeddedFile, ...]:
    """The dossier itself, cut to the brief's banner by the release stage, and how this
    brief was made, as JSON files: an archival PDF never carries what its own marking does
    not allow."""
    banner = selection.brief.marking
    shown = sorted(
        item.id
        for view in selection.brief.sections
        for item in view.items
        if item.kind not in ("key-point", "reference", "implication", "indicator")
    )
    build_info = {
        "toolkit": selection.brief.generator,
        "dossier": selection.dossier_id,
        "audience": audience,
        "sections": list(selection.sections),
        "language": selection.language,
        "pdf_variant": variant,
        "marking": banner,
        "records_shown": shown,
    }
    return (
        EmbeddedFile(
            DATA_ATTACHMENT,
            "The dossier this brief was built from (otsreport JSON; `otsreport validate` reads it)",
            selection.released_json.encode(),
            "Source",
        ),
        EmbeddedFile(
            BUILD_ATTACHMENT,
            "How this brief was built: audience, sections, language, records shown",
            (json.dumps(build_info, indent=2, ensure_ascii=False) + "\n").encode(),
            "Data",
        ),
    )
