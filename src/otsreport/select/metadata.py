"""A brief's catalogue record: Dublin Core (the HTML head's ``DC.*`` meta elements, the PDF's
XMP) and schema.org JSON-LD (the HTML head), so libraries, search engines and document
systems file it by title, issuer, date, language, marking and subject.

Metadata is a channel like the pages: every value is one of the brief's own fields, made
from the dossier as cut for its reader, so it says nothing the brief may not.

The issuer is the profile's organisation (its theme's ``organisation``); a dossier that
names an issuer of its own will take its place in ``issuer`` alone.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from otsreport.select.views import Brief


def issuer(brief: Brief) -> str:
    """Who issues the brief: the dossier's issuer, else the profile theme's organisation
    (``compose`` decides which, after the cut)."""
    return brief.organisation


def dublin_core(brief: Brief) -> tuple[tuple[str, str], ...]:
    """The Dublin Core elements, as (name, value) for ``<meta name="DC.name">``."""
    pairs = (
        ("title", brief.title),
        ("publisher", issuer(brief)),
        ("date", brief.date_iso),
        ("language", brief.lang),
        ("rights", brief.marking),
        ("subject", brief.subject),
        ("identifier", brief.reference),
        ("type", "Text"),
    )
    return tuple((name, value) for name, value in pairs if value)


def linked_data(brief: Brief) -> dict[str, Any]:
    """The brief as a schema.org Report, for the HTML head's JSON-LD."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": brief.title,
        "about": brief.subject,
        "inLanguage": brief.lang,
        "datePublished": brief.date_iso,
        "dateModified": brief.modified_iso or brief.date_iso,
        "keywords": brief.keywords,
        "identifier": brief.reference,
        "conditionsOfAccess": brief.marking,
        "audience": {"@type": "Audience", "audienceType": brief.audience_title},
    }
    if issuer(brief):
        data["publisher"] = {"@type": "Organization", "name": issuer(brief)}
    return {key: value for key, value in data.items() if value}


def catalogued(brief: Brief) -> Brief:
    """The brief with its catalogue record."""
    return dataclasses.replace(
        brief, dublin_core=dublin_core(brief), linked_data=linked_data(brief)
    )
