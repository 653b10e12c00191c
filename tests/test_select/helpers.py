"""Composing sections straight from definitions, without profiles on disk."""

from __future__ import annotations

from collections.abc import Sequence

from otsreport.models import AudienceProfile, Dossier, SectionDef
from otsreport.select.catalogue import dossier_entries, load_catalogue
from otsreport.select.compose import compose_sections, make_shaper
from otsreport.select.views import SectionView


def profile(**changes: object) -> AudienceProfile:
    base: dict[str, object] = {
        "title": "T",
        "description": "D",
        "sections": ["summary"],
        "marking": "TLP:RED",
        "citations": "footnotes",
        "locale": "en_GB",
    }
    return AudienceProfile.model_validate({**base, **changes})


def specs(dossier: Dossier, names: Sequence[str | dict[str, object]]) -> list[SectionDef]:
    known = {**load_catalogue(), **dossier_entries(dossier)}
    return [
        SectionDef.model_validate(name) if isinstance(name, dict) else known[name].spec
        for name in names
    ]


def compose(
    dossier: Dossier,
    names: Sequence[str | dict[str, object]],
    language: str | None = None,
    **changes: object,
) -> list[SectionView]:
    shaper = make_shaper(dossier, profile(**changes), language)
    return compose_sections(dossier, specs(dossier, names), shaper)


EVERYTHING = (
    "summary",
    "timeline",
    "actors",
    "agreements",
    "summits",
    "cooperation",
    "eu-relations",
    "positions",
    "quotes",
    "key-judgments",
    "outlook",
    "sources",
)
