from __future__ import annotations

from pathlib import Path

import pytest

from otsreport.errors import UserError
from otsreport.paths import sample_dossier_dir
from otsreport.validate import check_dossier, fold, load_dossier

from .conftest import edit, load_report


def test_quote_not_in_source_names_record_file_line_and_quote(dossier_copy: Path) -> None:
    events = dossier_copy / "events.yaml"
    edit(
        events,
        'signed a \\"Joint Declaration on the Establishment',
        'signed a \\"Joint Treaty on the Establishment',
    )
    text = load_report(dossier_copy)
    assert "events.yaml:" in text
    assert "strategic-partnership-2014: citations.0.quote: quote not found in paragraph 1" in text
    assert "Joint Treaty on the Establishment" in text


def test_quote_in_another_paragraph_says_where_it_is(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "actors.yaml",
        'paragraph: 4, quote: "The final declaration',
        'paragraph: 2, quote: "The final declaration',
    )
    assert "(it is in paragraph 4)" in load_report(dossier_copy)


def test_paragraph_out_of_range(dossier_copy: Path) -> None:
    edit(dossier_copy / "statements.yaml", "paragraph: 3", "paragraph: 12")
    assert (
        "paragraph 12 is out of range: source 'azerbaijan-hungary-ots' has 7 paragraphs"
        in load_report(dossier_copy)
    )


def test_dangling_reference_and_wrong_kind(dossier_copy: Path) -> None:
    edit(dossier_copy / "statements.yaml", "speaker: ilham-aliyev", "speaker: ilham-aliev")
    edit(dossier_copy / "actors.yaml", "organization: european-union", "organization: armenia")
    text = load_report(dossier_copy)
    assert "aliyev-turkic-family: speaker: unknown actor 'ilham-aliev'" in text
    assert "'armenia' is a state; expected a organization" in text


def test_duplicate_id_points_at_the_first(dossier_copy: Path) -> None:
    edit(dossier_copy / "positions.yaml", "id: shared-turkic-roots", "id: orban-visit-2010")
    text = load_report(dossier_copy)
    assert "positions.yaml:" in text
    assert "orban-visit-2010: id: duplicate id; first used at" in text
    assert "events.yaml:" in text


def test_assessment_wording_must_be_verbatim(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "assessments.yaml",
        "wording: Hungary plays a pivotal role",
        "wording: Hungary plays a crucial role",
    )
    assert "wording is not verbatim in any cited paragraph" in load_report(dossier_copy)


def test_event_without_date_or_timing(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "events.yaml",
        "  timing: not dated by the source\n  kind: conflict\n",
        "  kind: conflict\n",
    )
    assert "russia-ukraine-war: date: an event needs a 'date'" in load_report(dossier_copy)


def test_key_point_refs_must_exist(dossier_copy: Path) -> None:
    edit(dossier_copy / "dossier.yaml", "refs: [energy-cooperation,", "refs: [energy-co-operation,")
    assert "dossier.yaml:" in load_report(dossier_copy)


def test_folding_ignores_spacing_and_typographic_quotes() -> None:
    assert fold("“Our  family”\n is ‘the’ world") == "\"Our family\" is 'the' world"


def test_a_dossier_rebuilt_from_json_is_checked_too() -> None:
    dossier = load_dossier(sample_dossier_dir())
    check_dossier(dossier)  # sound as loaded
    statement = dossier.statements[0].model_copy(update={"quote": "We have many families."})
    broken = dossier.model_copy(update={"statements": [statement]})
    with pytest.raises(UserError, match="aliyev-turkic-family: quote: quote is not verbatim"):
        check_dossier(broken)
