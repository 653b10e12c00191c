from __future__ import annotations

import pytest

from otsreport.models import Dossier, Event, Where
from otsreport.paths import sample_dossier_dir
from otsreport.select.query import actors_of, select
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return load_dossier(sample_dossier_dir())


@pytest.fixture(scope="module")
def other() -> Dossier:
    return load_dossier(OTHER_DOSSIER)


def where(**keys: object) -> Where:
    return Where.model_validate(keys)


def ids(records: list[object]) -> list[str]:
    return [str(getattr(r, "id", "")) for r in records]


def test_topics_select_any_of_them(sample: Dossier) -> None:
    energy = {e.id for e in sample.events if "energy" in e.topics}
    assert energy and set(ids(select(sample, "items", where(topics=["energy"])))) >= energy
    chosen = select(sample, "items", where(records=["event"], topics=["energy", "security"]))
    assert {r.id for r in chosen} == {
        e.id for e in sample.events if {"energy", "security"} & set(e.topics)
    }


def test_each_key_narrows(other: Dossier) -> None:
    chosen = select(other, "items", where(topics=["fisheries"], records=["position"]))
    assert ids(chosen) == ["kestria-quota", "valdoria-quota", "both-commend-surveyors"]
    assert ids(select(other, "items", where(stances=["commends"]))) == ["both-commend-surveyors"]
    assert ids(select(other, "items", where(kinds=["chairmanship"]))) == [
        "valdoria-chairs-commission"
    ]


def test_actors_match_participants_holders_speakers_and_subjects(other: Dossier) -> None:
    chosen = ids(select(other, "items", where(actors=["kestria"])))
    assert chosen == [
        "accord-2024",
        "fisheries-conference-2025",
        "kestria-quota",
        "both-commend-surveyors",
        "joint-shores",  # a joint statement: each speaker counts
    ]
    assert ids(select(other, "quotes", where(actors=["ilse-marran"]))) == ["marran-border"]
    assert ids(select(other, "judgments", where(actors=["varen-commission"]))) == [
        "accord-needs-budget"
    ]
    assert set(actors_of(other.events[0])) == {"valdoria", "kestria", "port-elm"}


def test_date_range_keeps_overlapping_records_and_drops_undated(sample: Dossier) -> None:
    chosen = select(sample, "timeline", Where.model_validate({"from": 2023, "to": "2024-12"}))
    assert chosen and all(isinstance(r, Event) and r.date for r in chosen)
    years = {r.date.start.year for r in chosen if isinstance(r, Event) and r.date}
    assert years == {2023, 2024}


def test_facts_come_before_views_and_dated_events_in_order(sample: Dossier) -> None:
    chosen = select(sample, "items", Where())
    kinds = [type(r).__name__ for r in chosen]
    facts = [i for i, k in enumerate(kinds) if k != "Assessment"]
    assert "Assessment" in kinds and max(facts) < kinds.index("Assessment")
    events = [r for r in chosen if isinstance(r, Event)]
    dated = [e.date.sort_key for e in events if e.date]
    assert dated == sorted(dated)
    assert all(e.date is None for e in events[len(dated) :])


def test_a_kind_shows_only_its_records_by_default(sample: Dossier) -> None:
    assert {type(r).__name__ for r in select(sample, "timeline", Where())} == {"Event"}
    assert {type(r).__name__ for r in select(sample, "actors", Where())} == {"Actor"}
    assert select(sample, "summary", Where()) == []
