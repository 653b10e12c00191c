"""What the select stage decides for one audience, as plain data: a module of its own, so
the stages after it (formats, attachments, edition records) read it without importing the
stage that makes it, nor the dossier's models."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import datetime

from otsreport.check.index import Index
from otsreport.select.views import Brief


@dataclass(frozen=True)
class Selection:
    """What the select stage decided for one audience, as plain data (see ``select/views.py``).

    It is cached under a key of everything it was made from (``_selection_key``), so a build
    whose dossier and profiles are unchanged (the usual one after a template edit) renders
    it again without loading, validating or shaping anything. The screen and print copies
    are both rendered from this one brief.
    """

    dossier_id: str
    sections: tuple[str, ...]
    language: str
    brief: Brief
    stamp: datetime  # the one date the build writes into files (``build_stamp``)
    max_pages: int | None = None  # the profile's page budget for the PDF
    # The dossier cut to the brief's banner, as JSON: all an archival PDF or an edition
    # record may carry.
    released_json: str = ""
    check: Index | None = None  # what the release check looks for in every file of it
    formats: tuple[str, ...] = ()  # the profile's formats, for a build given no -f


def brief_digest(selection: Selection) -> str:
    """What a brief shows, as a digest: its views are plain dataclasses, so their repr is
    their content, the same in every run."""
    # The dossier's digest is declared in the file, but is not what it shows: an edit the
    # brief does not show leaves it as it was (check-release then says the dossier moved on).
    brief = dataclasses.replace(selection.brief, dossier_digest="")
    content = repr((brief, selection.max_pages, selection.stamp.isoformat()))
    return hashlib.sha256(content.encode()).hexdigest()
