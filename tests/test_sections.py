from __future__ import annotations

import pytest
from markupsafe import Markup

from otsreport.load import load_dossier
from otsreport.models import AudienceProfile, Detail, Dossier
from otsreport.paths import sample_dossier_dir
from otsreport.sections import SECTIONS, build_sections, timeline_chart


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(sample_dossier_dir())


def profile(**changes: object) -> AudienceProfile:
    base: dict[str, object] = {
        "title": "T",
        "description": "D",
        "sections": list(SECTIONS),
        "marking": "TLP:GREEN",
        "citations": "footnotes",
        "locale": "en_GB",
    }
    return AudienceProfile.model_validate({**base, **changes})


def test_every_section_has_a_template_and_a_description() -> None:
    from otsreport.paths import builtin_templates_dir

    for spec in SECTIONS.values():
        assert (builtin_templates_dir() / spec.template).is_file(), spec.name
        assert spec.description and spec.title


def test_sections_come_in_the_order_asked(dossier: Dossier) -> None:
    names = ["quotes", "summary", "timeline"]
    assert [v.name for v in build_sections(dossier, profile(), names)] == names


def test_empty_sections_are_left_out(dossier: Dossier) -> None:
    no_quotes = dossier.model_copy(update={"statements": [], "assessments": []})
    names = [v.name for v in build_sections(no_quotes, profile(), list(SECTIONS))]
    assert "quotes" not in names and "key-judgments" not in names and "outlook" not in names
    assert "timeline" in names


def test_max_items_cuts_and_counts(dossier: Dossier) -> None:
    [view] = build_sections(dossier, profile(detail=Detail(max_items=3)), ["positions"])
    assert len(view.items) == 3
    assert view.omitted == len(dossier.positions) - 3


def test_summary_only_drops_summaries(dossier: Dossier) -> None:
    [view] = build_sections(dossier, profile(detail=Detail(summary_only=True)), ["agreements"])
    assert all(item.text == "" for item in view.items)


def test_timeline_is_chronological_and_undated_events_apart(dossier: Dossier) -> None:
    [view] = build_sections(dossier, profile(), ["timeline"])
    iso = [item.date_iso for item in view.items]
    assert iso[0] == "2010" and iso[-1] in {"2025", "2025-05-20"}
    assert all(item.date_iso == "" for item in view.undated)
    assert {i.id for i in view.items} | {i.id for i in view.undated} == {
        e.id for e in dossier.events
    }


def test_chart_marks_stay_inside_and_in_rows(dossier: Dossier) -> None:
    dated = sorted((e for e in dossier.events if e.date), key=lambda e: e.date.sort_key)  # type: ignore[union-attr]
    chart = timeline_chart(dated, "en_GB")
    assert chart is not None
    xs = [mark.x for mark in chart.marks]
    middles = [
        (e.date.start.first_day.toordinal() + e.date.end.last_day.toordinal()) / 2  # type: ignore[union-attr]
        for e in dated
    ]
    # Position follows the middle of each date's span: a year-only date sits mid-year.
    assert sorted(range(len(xs)), key=xs.__getitem__) == sorted(
        range(len(xs)), key=middles.__getitem__
    )
    assert all(0 < x < chart.width for x in xs)
    assert len({mark.y for mark in chart.marks}) == len(chart.marks)  # one row each
    assert max(mark.y for mark in chart.marks) < chart.height
    assert "20–21 May 2025, Second informal OTS summit, Hungary" in chart.description


def test_assessments_appear_only_as_the_sources_view(dossier: Dossier) -> None:
    views = build_sections(dossier, profile(), list(SECTIONS))
    wording = {a.wording for a in dossier.assessments}
    for view in views:
        if view.name in ("key-judgments", "outlook"):
            assert all(item.title in wording for item in view.items)
            continue
        for group in view.groups:
            for item in group.items:
                if item.title in wording:
                    assert group.title == "The source's view", (view.name, item.id)
        for item in view.items:
            assert item.title not in wording, (view.name, item.id)


def test_notes_are_numbered_in_reading_order(dossier: Dossier) -> None:
    views = build_sections(dossier, profile(), list(SECTIONS))
    numbers = [note.number for view in views for note in view.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert not any(
        view.notes for view in build_sections(dossier, profile(citations="none"), list(SECTIONS))
    )


def test_positions_read_as_sentences(dossier: Dossier) -> None:
    [view] = build_sections(dossier, profile(), ["positions"])
    # Item texts are ready-escaped HTML (Markup); unescape to compare with plain text.
    texts = {item.id: Markup(item.text).unescape() for item in view.items}
    assert (
        texts["hungary-opposes-eu-aid-to-armenia"]
        == "Hungary opposes the EU's unilateral aid of €10 million to Armenia"
    )
    assert texts["shared-turkic-roots"] == "Azerbaijan and Hungary embrace their Turkic roots"


def test_untranslated_data_is_marked_english_in_another_language(dossier: Dossier) -> None:
    [view] = build_sections(dossier, profile(), ["summary"], "hu")
    assert view.lead.startswith('<span lang="en">Azerbaijan and Hungary have built')
    [actors] = build_sections(dossier, profile(), ["actors"], "hu")
    hungary = next(i for g in actors.groups for i in g.items if i.id == "hungary")
    assert hungary.title == "Magyarország"  # translated: no mark
    assert "<span" not in hungary.extra and "megfigyelő" in hungary.extra
    shusha = next(i for g in actors.groups for i in g.items if i.id == "shusha")
    assert shusha.place == "Azerbajdzsán"
    [english] = build_sections(dossier, profile(), ["summary"], "en")
    assert "<span" not in english.lead
