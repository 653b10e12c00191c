"""The analyst's judgments in a brief: the estimates themselves (likelihood and confidence in
view, the scale explained once), what they mean for the reader, and what to watch.

Implications and indicators are told with their judgment unless the brief has sections of
their own for them; those sections derive their items from the judgments and tell no record,
so they never turn a judgment into a cross-reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Protocol

from otsreport.i18n import N_, article
from otsreport.models import Judgment, SectionDef
from otsreport.select.shaping import Shaper
from otsreport.select.views import (
    Group,
    ImplicationItem,
    IndicatorItem,
    JudgmentItem,
    Link,
    SectionView,
)
from otsreport.tradecraft import CONFIDENCE_LABELS, SCALE

DERIVED_KINDS: Final = ("implications", "indicators")  # sections that tell no record
SCALE_LEGEND: Final = N_(
    "Likelihood follows the ICD 203 scale: {scale}. Confidence (low, moderate, high) says how "
    "sound the evidence is, not how likely the outcome."
)
RAISES: Final = N_("would make key judgment {number} more likely")
LOWERS: Final = N_("would make key judgment {number} less likely")
NUMBERED: Final = N_("Key judgment {number}")


class Teller(Protocol):
    shaper: Shaper
    home: dict[str, int]

    def item(self, record: Any) -> Any: ...


def _view(shaper: Shaper, spec: SectionDef, groups: list[Group], legend: str = "") -> SectionView:
    return SectionView(
        id=spec.id,
        kind=spec.kind,
        title=shaper.t(spec.title),
        lead=shaper.t(spec.lead),
        groups=[g for g in groups if g.items],
        legend=legend,
    )


def scale_legend(shaper: Shaper) -> str:
    bands = "; ".join(f"{shaper._(label)} ({band})" for label, band, _ in SCALE.values())
    return shaper._(SCALE_LEGEND).format(scale=bands)


def estimates(teller: Teller, spec: SectionDef, records: Sequence[Any]) -> SectionView:
    shaper = teller.shaper
    items = tuple(teller.item(j) for j in records if isinstance(j, Judgment))
    return _view(shaper, spec, [Group("", items)], scale_legend(shaper) if items else "")


def implications(teller: Teller, spec: SectionDef, records: Sequence[Any]) -> SectionView:
    shaper = teller.shaper
    items = tuple(
        ImplicationItem(
            id=f"{j.id}-implication-{n}",
            marking=shaper.marked(j),
            evidence=shaper.citer.evidence([]),
            text=shaper.t(text),
            judgment=shaper.t(j.text),
        )
        for j in records
        if isinstance(j, Judgment)
        for n, text in enumerate(j.implications, 1)
    )
    return _view(shaper, spec, [Group("", items)])


def indicators(teller: Teller, spec: SectionDef, records: Sequence[Any]) -> SectionView:
    shaper = teller.shaper
    items = tuple(
        _indicator(shaper, j, n)
        for j in records
        if isinstance(j, Judgment)
        for n in range(len(j.indicators))
    )
    return _view(shaper, spec, [Group("", items)])


def _indicator(shaper: Shaper, judgment: Judgment, index: int) -> IndicatorItem:
    indicator = judgment.indicators[index]
    effect = RAISES if indicator.direction == "raises" else LOWERS
    return IndicatorItem(
        id=f"{judgment.id}-indicator-{index + 1}",
        marking=shaper.marked(judgment),
        evidence=shaper.citer.evidence([]),
        text=shaper.t(indicator.text),
        effect=shaper._(effect).format(
            number=(number := _number(shaper, judgment)),
            article=article(shaper.language, str(number)),
        ),
        judgment=shaper.t(judgment.text),
    )


def _number(shaper: Shaper, judgment: Judgment) -> int:
    """A judgment's number: its place in the dossier, the same in every brief."""
    return [j.id for j in shaper.dossier.judgments].index(judgment.id) + 1


def judgment_item(teller: Teller, judgment: Judgment) -> JudgmentItem:
    shaper = teller.shaper
    marking = shaper.marked(judgment)
    basis = [shaper.records[ref] for ref in judgment.basis if ref in shaper.records]
    label, probability, _ = SCALE[judgment.likelihood]
    separate = shaper.separate_kinds
    return JudgmentItem(
        id=judgment.id,
        marking=marking,
        label=shaper._(NUMBERED).format(number=_number(shaper, judgment)),
        evidence=shaper.grounded(judgment.basis),
        text=shaper.t(judgment.text),
        likelihood=shaper._(label),
        probability=probability,
        confidence=shaper._(CONFIDENCE_LABELS[judgment.confidence.level]),
        confidence_reason=shaper.t(judgment.confidence.reason),
        basis=tuple(
            Link(shaper.title_of(r), f"#item-{r.id}" if r.id in teller.home else "") for r in basis
        ),
        implications=()
        if "implications" in separate
        else tuple(shaper.t(text) for text in judgment.implications),
        indicators=()
        if "indicators" in separate
        else tuple(_indicator(shaper, judgment, n) for n in range(len(judgment.indicators))),
    )
