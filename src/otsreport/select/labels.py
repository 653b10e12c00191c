"""Fixed words a brief prints for built-in values: kinds, stances, statuses and markings.

The vocabularies' words and labels are data (``otsreport/vocabulary.yaml``, whose labels the
catalogue extracts); a dossier adds kinds and stances of its own, with their labels, in
``dossier.yaml`` (``vocabulary:``). The other labels here are marked with ``N_`` so the
catalogs carry their translations.
"""

from __future__ import annotations

import string
from typing import Final

from otsreport import vocabulary
from otsreport.i18n import N_

# The vocabularies' labels, from the one file that lists them (otsreport/vocabulary.yaml).
EVENT_KINDS: Final = vocabulary.labels("event_kinds")
ASSESSMENT_KINDS: Final = vocabulary.ids("assessment_kinds")
ACTOR_KINDS: Final = vocabulary.labels("actor_kinds")
SOURCE_KINDS: Final = vocabulary.labels("source_kinds")
GRADING_LEGEND: Final = N_(
    "Grades follow the Admiralty system: the letter is the source's reliability, from A "
    "(completely reliable) to E (unreliable), F when it cannot be judged; the figure is the "
    "information's credibility, from 1 (confirmed by other sources) to 5 (improbable), 6 when "
    "it cannot be judged."
)
# The fields sources may disagree on, as a sentence names them ("Sources differ on the date").
DISPUTE_FIELDS: Final = vocabulary.labels("dispute_fields")
MEMBERSHIP_LABELS: Final = vocabulary.labels("relations")
# Stances' verbs agree with their holders in shaping.py (npgettext, context 'stance verb').
STANCE_LABELS: Final = vocabulary.labels("stances")

# The built-in schemes' handling sentences (otsreport/schemes/*.yaml), listed here so the
# message catalogue keeps their translations; the scheme, not this list, decides which applies.
SCHEME_MEANINGS: Final = (
    N_("Disclosure is not limited."),
    N_("Limited disclosure: recipients may share within their community, not publicly."),
    N_(
        "Limited disclosure: recipients may share only on a need-to-know basis within their "
        "organisation and its clients."
    ),
    N_(
        "Limited disclosure: recipients may share only within their organisation, on a "
        "need-to-know basis."
    ),
    N_("For the eyes and ears of the individual recipients only; no further disclosure."),
    N_("Releasable to: {nations}."),
)
PAGE_X_OF_Y: Final = N_("Page {page} of {pages}")
# A cross-reference's page, in the language's order: 'p. 6' in English, '6. o.' in Magyar (hu).
PAGE_REFERENCE: Final = N_("p. {page}")


def css_counter_text(template: str) -> str:
    """'Page {page} of {pages}' -> '"Page " counter(page) " of " counter(pages)' for @page."""
    parts: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append('"' + literal.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if name in ("page", "pages"):
            parts.append(f"counter({name})")
    return " ".join(parts)
