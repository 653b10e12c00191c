"""Composing a brief: its sections selected, each fact told once, in the reader's language.

A record is told in full in one section only: the first section marked ``home`` that selects
it, else the first that selects it at all. Every other place that selects it shows a one-line
reference to it (a link on screen, a page number in print), so a brief does not grow with
every section that touches the same summit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from otsreport.editions.compare import Comparison
from otsreport.i18n import N_, babel_locale, html_lang, language_of
from otsreport.markings import scheme_of
from otsreport.models import (
    AudienceProfile,
    Dossier,
    DossierInfo,
    Judgment,
    SectionDef,
)
from otsreport.select.coverage import coverage_note, untranslated_shown
from otsreport.select.estimates import DERIVED_KINDS, judgment_item
from otsreport.select.items import full, reference
from otsreport.select.kinds import KINDS
from otsreport.select.labels import PAGE_REFERENCE, PAGE_X_OF_Y, css_counter_text
from otsreport.select.lead import lead
from otsreport.select.query import Selectable, select
from otsreport.select.shaping import Shaper
from otsreport.select.trimming import KEPT_WHOLE, trimmable, trimmed_counts
from otsreport.select.views import (
    Brief,
    Item,
    SectionView,
)


@dataclass
class Allocation:
    """Which section tells each record in full, and what has been told so far."""

    shaper: Shaper
    home: dict[str, int] = field(default_factory=dict)  # record id -> section index
    titles: dict[int, str] = field(default_factory=dict)  # section index -> its title
    told: set[str] = field(default_factory=set)
    current: int = 0

    @classmethod
    def of(
        cls, shaper: Shaper, specs: Sequence[SectionDef], chosen: Sequence[Sequence[Selectable]]
    ) -> Allocation:
        allocation = cls(shaper)
        for wants_home in (True, False):
            for index, (spec, records) in enumerate(zip(specs, chosen, strict=True)):
                if spec.home == wants_home and spec.kind not in DERIVED_KINDS:
                    for record in records:
                        allocation.home.setdefault(_id(record), index)
        allocation.titles = {i: shaper.plain(spec.title) for i, spec in enumerate(specs)}
        return allocation

    def item(self, record: Selectable) -> Item:
        record_id = _id(record)
        home = self.home.get(record_id, self.current)
        if home == self.current and record_id not in self.told:
            self.told.add(record_id)
            if isinstance(record, Judgment):
                return judgment_item(self, record)
            return full(self.shaper, record)
        return reference(self.shaper, record, self.titles[home], f"item-{record_id}")


def _id(record: Selectable) -> str:
    return str(record.id)


def compose_sections(
    dossier: Dossier, specs: Sequence[SectionDef], shaper: Shaper, trim: int = 0
) -> list[SectionView]:
    """The views of the sections in order, leaving out those with nothing to show, and
    ``trim`` items to fit a page budget (``trimming``); ``shaper.trimmable`` is set to how
    many could be left out at most."""
    chosen: list[list[Selectable]] = []
    omitted: list[int] = []
    cap = shaper.detail.max_items
    for spec in specs:
        records = select(dossier, spec.kind, spec.where)
        chosen.append(records[:cap])
        omitted.append(len(records) - len(chosen[-1]))
    counts = [
        _listed(dossier, spec, records, cap) for spec, records in zip(specs, chosen, strict=True)
    ]
    shaper.trimmable = trimmable(counts)
    left = trimmed_counts(counts, trim)
    for index, (spec, count, kept) in enumerate(zip(specs, counts, left, strict=True)):
        if count is not None and kept is not None and kept < count:
            shaper.fitted_out[spec.id] = count - kept
            if spec.kind != "summary":  # the summary's key points: KINDS["summary"] cuts them
                chosen[index] = chosen[index][:kept]
    allocation = Allocation.of(shaper, specs, chosen)
    shaper.separate_kinds = {spec.kind for spec in specs}
    views = []
    for index, (spec, records) in enumerate(zip(specs, chosen, strict=True)):
        allocation.current = index
        view = KINDS[spec.kind](allocation, spec, records)
        view.fitted_out = shaper.fitted_out.get(spec.id, 0)
        view.omitted = view.omitted or omitted[index] + view.fitted_out
        if not view.is_empty:
            views.append(view)
    return views


def _listed(
    dossier: Dossier, spec: SectionDef, records: Sequence[Selectable], cap: int | None
) -> int | None:
    """How many items a section lists that fitting may leave out (None: kept whole)."""
    if spec.kind in KEPT_WHOLE:
        return None
    if spec.kind == "summary":
        return len(dossier.info.key_points[:cap])
    return len(records)


def make_shaper(
    dossier: Dossier,
    profile: AudienceProfile,
    language: str | None,
    specs: Sequence[SectionDef] = (),
) -> Shaper:
    """The words of one brief; citations link to the sources appendix when it has one."""
    language = language or language_of(profile.locale)
    locale = babel_locale(language, profile.locale)
    cite = profile.citations != "none"
    anchors = "none"
    if any(spec.kind == "sources" for spec in specs):
        anchors = "paragraphs" if profile.detail.source_text else "sources"
    scheme = scheme_of(dossier.info.marking_scheme)
    return Shaper(dossier, language, locale, profile.detail, cite, scheme, anchors)


# The colophon's claim about citations: only a brief that shows them may make it.
CITED: Final = N_(
    "Every fact in this brief cites the sentence of the source it comes from; the sources' "
    "own judgements are marked as theirs."
)
UNCITED: Final = N_(
    "This brief does not print its citations: the dossier cites the sentence of the source "
    "each fact comes from. The sources' own judgements are marked as theirs."
)


def _own_words(
    shaper: Shaper, info: DossierInfo, profile: AudienceProfile, audience: str
) -> dict[str, Any]:
    """The masthead's and colophon's words in the reader's language: title, subject, the
    issuer (withheld with the title by the cut), the audience, the page-reference order."""
    issuer = info.issuer
    provenance = UNCITED if profile.citations == "none" else CITED  # (a literal in _() would be
    # taken for a label by the catalog extractor)
    # A page reference in the language's order: 'p. 6', '6. o.'.
    before, _, after = shaper._(PAGE_REFERENCE).replace(" ", "\u00a0").partition("{page}")
    words = {
        "title": shaper.plain(info.title),
        "subject": shaper.plain(info.subject),
        "audience_title": shaper.plain(profile.title),
        "distribution": shaper.plain(profile.distribution),
        "organisation": shaper.plain(issuer.organisation) if issuer else profile.theme.organisation,
        "unit": shaper.plain(issuer.unit) if issuer else "",
        "provenance": shaper._(provenance),
        "page_label": before,
        "page_suffix": after,
        "page_counter_css": css_counter_text(shaper._(PAGE_X_OF_Y)),
        "date": info.as_of.format(shaper.locale),
        "date_iso": info.as_of.start.first_day.isoformat(),
        "keywords": ", ".join(info.keywords),
    }
    words["reference"] = (issuer and issuer.reference) or reference_number(
        info.id, audience, info.as_of.start.first_day
    )
    return words


def reference_number(dossier_id: str, audience: str, as_of: dt.date) -> str:
    """A brief's stable reference, 'AHO-DIP-20261127-5C1E': the same dossier, audience and
    as-of date always give the same number, and another of them gives another."""
    initials = "".join(part[0] for part in dossier_id.split("-") if part)[:6].upper()
    digest = hashlib.sha256(f"{dossier_id}/{audience}".encode()).hexdigest()[:4].upper()
    return f"{initials}-{audience[:3].upper()}-{as_of:%Y%m%d}-{digest}"


def compose_brief(
    dossier: Dossier,
    audience: str,
    profile: AudienceProfile,
    specs: Sequence[SectionDef],
    *,
    generator: str,
    logo: str = "",
    language: str | None = None,
    modified: dt.date | None = None,
    withheld: str = "",
    withheld_count: int = 0,
    dossier_digest: str = "",
    changes: Comparison | None = None,
    trim: int = 0,
) -> Brief:
    """The select stage: pick and shape what this audience's brief shows, in its language.
    ``dossier`` (and each edition ``changes`` compares) is cut to the profile's ceiling:
    nothing above it can be shown. Composed once; screen and print render this ``Brief``.
    ``trim``: items left out to fit its page budget (``trimming``; ``fitting.py`` asks)."""
    info = dossier.info
    shaper = make_shaper(dossier, profile, language, specs)
    shaper.changes = changes  # since an earlier edition, as cut for this reader
    shaper.use([info.marking or str(shaper.scheme.highest)])  # the title and subject
    sections = compose_sections(dossier, specs, shaper, trim)
    opening = lead(shaper, sections, info.as_of.format(shaper.locale))  # before the banner
    scheme = shaper.scheme
    banner = scheme.combine(shaper.used)
    if not scheme.releasable(banner, profile.marking):  # the cut makes this impossible
        raise AssertionError(f"banner {banner} above the ceiling {profile.marking}")
    words = _own_words(shaper, info, profile, audience)
    return Brief(
        **words,
        audience=audience,
        dossier_id=info.id,
        lang=html_lang(shaper.locale),
        sections=sections,
        toc=profile.toc,
        generator=generator,
        marking=banner.label,
        ceiling=profile.marking,
        portion_marks=profile.portion_marks == "always"
        or (profile.portion_marks == "auto" and banner != scheme.lowest),
        withheld=withheld,
        withheld_count=withheld_count,
        dossier_digest=dossier_digest,
        in_english=(len(shaper.in_english), len(shaper.shown)),
        coverage=shaper.coverage(),
        coverage_note=coverage_note(shaper),
        lead=opening,
        untranslated=untranslated_shown(dossier, shaper),
        marking_colour=scheme.colour(banner),
        marking_meaning=scheme.meaning(banner, shaper._),
        citations=profile.citations,
        theme=profile.theme.model_dump(),
        logo=logo,
        modified_iso=(modified or info.as_of.start.first_day).isoformat(),
        trimmable=shaper.trimmable,
    )
