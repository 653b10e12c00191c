"""The sample dossier holds every fact of the article, none invented, each grounded."""

from __future__ import annotations

import re

import pytest

from otsreport.load import split_paragraphs
from otsreport.models import Dossier
from otsreport.paths import sample_dossier_dir
from otsreport.validate import fold, load_dossier

from .conftest import SOURCE_ARTICLE


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(sample_dossier_dir())


def test_bundled_text_is_the_shared_article_verbatim(dossier: Dossier) -> None:
    if not SOURCE_ARTICLE.exists():
        pytest.skip(f"shared article not beside the checkout: {SOURCE_ARTICLE}")
    original = [line.strip() for line in SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines()]
    assert dossier.sources[0].paragraphs == [line for line in original if line]
    assert split_paragraphs("\n\n".join(original)) == dossier.sources[0].paragraphs


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.”])\s+(?=[A-Z“])", paragraph) if s]


def test_every_sentence_of_the_article_is_cited(dossier: Dossier) -> None:
    """Coverage: no sentence of the source is left out of the dossier."""
    quotes: dict[int, list[str]] = {}
    for collection in ("actors", "events", "statements", "positions", "assessments"):
        for record in getattr(dossier, collection):
            for citation in record.citations:
                quotes.setdefault(citation.paragraph, []).append(fold(citation.quote))
    paragraphs = dossier.sources[0].paragraphs or []
    uncited = [
        (number, sentence)
        for number, paragraph in enumerate(paragraphs, 1)
        for sentence in _sentences(fold(paragraph))
        if not any(q in sentence or sentence in q for q in quotes.get(number, []))
    ]
    assert uncited == []


def _by_id(dossier: Dossier, collection: str) -> dict[str, object]:
    return {r.id: r for r in getattr(dossier, collection)}


@pytest.mark.parametrize(
    ("event_id", "date", "kind"),
    [
        ("orban-visit-2010", "2010", "visit"),
        ("orban-visit-2012", "2012", "visit"),
        ("orban-visit-2016", "2016", "visit"),
        ("strategic-partnership-2014", "2014-11-11", "agreement"),
        ("ots-informal-meeting-shusha-2024", "2024", "summit"),
        ("ots-informal-summit-hungary-2025", "2025-05-20/2025-05-21", "summit"),
        ("enhanced-strategic-partnership-2023", "2023-01-30", "agreement"),
        ("azerbaijan-presidential-election-2024", "2024", "election"),
    ],
)
def test_dated_facts(dossier: Dossier, event_id: str, date: str, kind: str) -> None:
    event = _by_id(dossier, "events")[event_id]
    assert str(event.date) == date  # type: ignore[attr-defined]
    assert event.kind == kind  # type: ignore[attr-defined]


def test_the_facts_the_brief_must_carry(dossier: Dossier) -> None:
    events = _by_id(dossier, "events")
    assert events["ots-informal-meeting-shusha-2024"].place == "shusha"  # type: ignore[attr-defined]
    assert "viktor-orban" in events["ots-informal-meeting-shusha-2024"].participants  # type: ignore[attr-defined]
    assert "observer state" in events["ots-informal-summit-hungary-2025"].summary  # type: ignore[attr-defined]
    assert "ilham-aliyev" in events["aliyev-proposes-informal-meeting"].participants  # type: ignore[attr-defined]
    assert set(events["supreme-order-of-the-turkic-world"].participants) == {
        "ilham-aliyev",
        "viktor-orban",
    }  # type: ignore[attr-defined]
    assert events["kyrgyzstan-summit-declaration"].place == "kyrgyzstan"  # type: ignore[attr-defined]
    assert events["ots-office-budapest"].place == "budapest"  # type: ignore[attr-defined]
    assert events["energy-cooperation"].topics == ["energy"]  # type: ignore[attr-defined]
    assert "demining" in events["demining-reconstruction-aid"].summary  # type: ignore[attr-defined]
    positions = _by_id(dossier, "positions")
    assert positions["hungary-opposes-eu-aid-to-armenia"].stance == "opposes"  # type: ignore[attr-defined]
    assert "€10 million" in positions["hungary-opposes-eu-aid-to-armenia"].subject  # type: ignore[attr-defined]
    assert positions["hungary-supports-territorial-integrity"].holders == ["hungary"]  # type: ignore[attr-defined]
    shared = {p.id for p in dossier.positions if p.holders == ["azerbaijan", "hungary"]}
    assert {
        "shared-turkic-roots",
        "shared-transport-corridors",
        "shared-multi-vector-policy",
        "shared-ots-global-actor",
    } <= shared
    assert dossier.statements[0].quote == "Our family is the Turkic world; we have no other family."
    hungary = _by_id(dossier, "actors")["hungary"]
    assert {(m.organization, m.status) for m in hungary.memberships} == {  # type: ignore[attr-defined]
        ("european-union", "member"),
        ("ots", "observer"),
    }


def test_concluding_assessments_are_the_sources_not_facts(dossier: Dossier) -> None:
    forecasts = [a for a in dossier.assessments if a.kind == "forecast"]
    assert any("uniquely positioned to lead" in a.wording for a in forecasts)
    assert all(a.citations[0].paragraph == 7 for a in forecasts)
    fact_text = " ".join(e.summary for e in dossier.events)
    for assessment in dossier.assessments:
        assert fold(assessment.wording) not in fold(fact_text)


def test_loaded_wording_is_quoted_and_attributed(dossier: Dossier) -> None:
    demining = _by_id(dossier, "events")["demining-reconstruction-aid"]
    assert 'what the source calls "the liberation of Azerbaijani territories"' in demining.summary  # type: ignore[attr-defined]
