from __future__ import annotations

import pytest
from markupsafe import Markup

from otsreport.models import Dossier, Event
from otsreport.paths import sample_dossier_dir
from otsreport.select.catalogue import load_catalogue
from otsreport.select.views import Reference, SectionView
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER
from .helpers import EVERYTHING, compose


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return load_dossier(sample_dossier_dir())


def full_ids(views: list[SectionView]) -> list[str]:
    return [i.id for v in views for i in v.items if not isinstance(i, Reference)]


def test_each_record_is_told_in_full_once_and_referred_to_elsewhere(sample: Dossier) -> None:
    views = compose(sample, EVERYTHING)
    told = [i for i in full_ids(views) if not i.startswith("key-point-")]
    assert len(told) == len(set(told))
    anchors = {i.anchor for v in views for i in v.items if not isinstance(i, Reference)}
    references = [i for v in views for i in v.items if isinstance(i, Reference)]
    assert references and all(ref.target in anchors for ref in references)
    records = {
        r.id
        for c in ("events", "statements", "positions", "assessments")
        for r in getattr(sample, c)
    }
    assert records <= set(told)  # every fact and view still reaches the brief


def test_a_home_section_tells_what_an_earlier_section_only_points_to(sample: Dossier) -> None:
    timeline, agreements = compose(sample, ["timeline", "agreements"])
    agreement_ids = {e.id for e in sample.events if e.kind == "agreement"}
    in_timeline = {i.id: i for i in timeline.items}
    assert all(isinstance(in_timeline[i], Reference) for i in agreement_ids)
    assert {i.id for i in agreements.items if not isinstance(i, Reference)} == agreement_ids
    ref = in_timeline[next(iter(agreement_ids))]
    assert isinstance(ref, Reference) and ref.section_title == "Agreements"


def test_without_a_home_the_first_section_tells_it(sample: Dossier) -> None:
    spec = {
        "id": "bilateral",
        "title": "Bilateral",
        "kind": "items",
        "where": {"topics": ["bilateral-relations"]},
    }
    first, timeline = compose(sample, [spec, "timeline"])
    assert not any(isinstance(i, Reference) for i in first.items)
    assert {i.id for i in timeline.items if isinstance(i, Reference)} == {
        e.id for e in sample.events if "bilateral-relations" in e.topics and e.date
    } | {e.id for e in sample.events if "bilateral-relations" in e.topics and not e.date}


def test_a_record_with_several_topics_is_under_each_told_once(sample: Dossier) -> None:
    [view] = compose(sample, ["by-topic"])
    several = next(e for e in sample.events if len(e.topics) > 1)
    places = [
        (g.title, type(i).__name__) for g in view.groups for i in g.items if i.id == several.id
    ]
    assert len(places) == len(several.topics)
    assert [kind for _, kind in places].count("EventItem") == 1


def test_sources_views_are_kept_apart_from_facts(sample: Dossier) -> None:
    [view] = compose(sample, ["eu-relations"])
    titles = [g.title for g in view.groups]
    assert titles == ["Facts", "The sources’ view"]
    assert all(type(i).__name__ == "AssessmentItem" for i in view.groups[1].items)
    assert not any(type(i).__name__ == "AssessmentItem" for i in view.groups[0].items)


def test_empty_sections_are_left_out_and_order_is_kept(sample: Dossier) -> None:
    no_views = sample.model_copy(update={"statements": [], "assessments": []})
    names = [v.id for v in compose(no_views, EVERYTHING)]
    assert "quotes" not in names and "key-judgments" not in names and "outlook" not in names
    assert [v.id for v in compose(sample, ["quotes", "summary", "timeline"])] == [
        "quotes",
        "summary",
        "timeline",
    ]


def test_max_items_cuts_and_counts(sample: Dossier) -> None:
    [view] = compose(sample, ["positions"], detail={"max_items": 3})
    assert len(view.items) == 3
    assert view.omitted == len(sample.positions) - 3


def test_summary_only_drops_summaries(sample: Dossier) -> None:
    [view] = compose(sample, ["agreements"], detail={"summary_only": True})
    assert all(getattr(item, "text", None) == "" for item in view.items)


def test_notes_are_numbered_in_reading_order(sample: Dossier) -> None:
    views = compose(sample, EVERYTHING)
    numbers = [note.number for view in views for note in view.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert not any(view.notes for view in compose(sample, EVERYTHING, citations="none"))


@pytest.mark.parametrize(
    "dossier_dir", [sample_dossier_dir(), OTHER_DOSSIER], ids=["sample", "other"]
)
def test_no_section_of_the_catalogue_is_empty_or_mislabelled(dossier_dir: object) -> None:
    dossier = load_dossier(dossier_dir)  # type: ignore[arg-type]
    names = list(load_catalogue())
    for view in compose(dossier, names):
        assert view.items or view.sources, view.id
        title = load_catalogue()[view.id].spec.title["en"]  # type: ignore[index]
        assert Markup(view.title).unescape().replace("’", "'") == title


def test_timeline_is_chronological_with_undated_events_apart(sample: Dossier) -> None:
    [view] = compose(sample, ["timeline"])
    dated, undated = view.groups
    assert (dated.role, undated.role) == ("dated", "undated")
    events = {e.id: e for e in sample.events if isinstance(e, Event)}
    keys = [events[i.id].date.sort_key for i in dated.items]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    assert all(events[i.id].date is None for i in undated.items)
    assert {i.id for i in view.items} == set(events)
