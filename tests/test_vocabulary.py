"""Vocabularies as data: one file lists every closed field's words and labels; the models,
validate's did-you-mean, `otsreport vocabulary` and the briefs read it; a dossier adds its
own words under `vocabulary:`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from otsreport import vocabulary
from otsreport.models import Actor, Assessment, DossierInfo, Membership, Source
from otsreport.models.evidence import Dispute
from otsreport.models.sections import DossierVocabulary
from otsreport.registry import KINDS

from .conftest import OTHER_DOSSIER, edit, run

DIPLOMATIC = {
    "event_kinds": ["resolution", "report"],
    "stances": ["urges", "requests", "condemns", "welcomes"],
}


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    return folder


@pytest.mark.parametrize(
    ("model", "field", "name"),
    [
        (Actor, "kind", "actor_kinds"),
        (Source, "kind", "source_kinds"),
        (Membership, "status", "relations"),
        (Assessment, "kind", "assessment_kinds"),
        (Dispute, "field", "dispute_fields"),
    ],
)
def test_the_models_closed_fields_take_the_words_of_the_file(
    model: type, field: str, name: str
) -> None:
    schema = model.model_json_schema()["properties"][field]
    assert schema["enum"] == list(vocabulary.ids(name))


def test_the_diplomatic_words_are_built_in() -> None:
    for name, words in DIPLOMATIC.items():
        assert set(words) <= set(vocabulary.ids(name))


def test_the_vocabularies_a_dossier_may_extend_are_those_its_records_name() -> None:
    extendable = {v.name for v in vocabulary.built_in().values() if v.dossier}
    assert set(DossierVocabulary.model_fields) == extendable
    assert {spec.vocabulary[1] for spec in KINDS if spec.vocabulary} == extendable


def test_the_command_lists_every_vocabulary_and_the_dossiers_own_words(lake: Path) -> None:
    result = run("vocabulary")
    assert result.exit_code == 0
    for name in vocabulary.built_in():
        assert f"{name}:" in result.output
    assert "condemns / condemn" in result.output and "Resolution" in result.output
    own = run("vocabulary", "-d", str(lake))
    assert own.exit_code == 0
    [line] = [line for line in own.output.splitlines() if line.strip().startswith("chairmanship")]
    assert "Chairmanship" in line and "(this dossier's)" in line


def test_the_command_lists_a_dossiers_words_while_its_records_are_wrong(lake: Path) -> None:
    edit(lake / "events.yaml", "  kind: meeting\n", "  kind: meetign\n")
    result = run("vocabulary", "-d", str(lake))
    assert result.exit_code == 0 and "chairmanship" in result.output


def test_a_wrong_word_gets_a_did_you_mean_with_where_it_is(lake: Path) -> None:
    edit(lake / "events.yaml", "  kind: meeting\n", "  kind: resolutoin\n")
    edit(lake / "positions.yaml", "  stance: opposes\n", "  stance: condemn\n")
    result = run("validate", "-d", str(lake))
    assert result.exit_code == 1
    report = result.output
    assert "events.yaml:28: fisheries-conference-2025: kind:" in report
    assert "did you mean 'resolution'?" in report
    assert "positions.yaml:10: valdoria-quota: stance:" in report
    assert "did you mean 'condemns'?" in report


def test_an_unknown_word_says_where_to_declare_it(lake: Path) -> None:
    edit(lake / "events.yaml", "  kind: meeting\n", "  kind: plenary-session\n")
    result = run("validate", "-d", str(lake))
    assert result.exit_code == 1
    assert "under 'vocabulary: event_kinds'" in result.output
    assert "`otsreport vocabulary`" in result.output


def test_a_dossier_declares_words_under_vocabulary_or_at_the_top_as_before(lake: Path) -> None:
    edit(lake / "events.yaml", "  kind: meeting\n", "  kind: plenary-session\n")
    edit(
        lake / "dossier.yaml",
        "vocabulary:\n  event_kinds:\n",
        "vocabulary:\n  event_kinds:\n    - {id: plenary-session, label: Plenary session}\n",
    )
    assert run("validate", "-d", str(lake)).exit_code == 0
    info = (lake / "dossier.yaml").read_text()
    start = info.index("vocabulary:")
    end = info.index("sections:")
    older = info[start:end].replace("vocabulary:\n", "").replace("\n  ", "\n")
    (lake / "dossier.yaml").write_text(info[:start] + older.lstrip() + info[end:])
    assert "\nevent_kinds:\n" in (lake / "dossier.yaml").read_text()
    assert run("validate", "-d", str(lake)).exit_code == 0


def test_a_built_in_diplomatic_stance_is_printed_and_translated(lake: Path, tmp_path: Path) -> None:
    edit(lake / "positions.yaml", "  stance: opposes\n", "  stance: condemns\n")
    # Its subject in Hungarian too: an untranslated one is told whole in English, verb and all.
    edit(
        lake / "positions.yaml",
        "  subject: any quota before a new survey of fish stocks\n",
        "  subject:\n    en: any quota before a new survey of fish stocks\n"
        "    hu: minden kvótát a halállomány új felmérése előtt\n",
    )
    edit(lake / "positions.yaml", "  stance: commends\n", "  stance: welcomes\n")
    out = tmp_path / "out"
    for lang in ("en", "hu"):
        result = run(
            "build",
            "-d",
            str(lake),
            "-a",
            "research",
            "-f",
            "html",
            "-o",
            str(out / lang),
            "--lang",
            lang,
        )
        assert result.exit_code == 0, result.output
    english = (out / "en" / "research.en.html").read_text()
    assert "condemns" in english and "welcome " in english
    assert "elítéli" in (out / "hu" / "research.hu.html").read_text()


def test_declared_words_are_read_from_dossier_info() -> None:
    info = DossierInfo.model_validate(
        {
            "id": "x",
            "title": "X",
            "subject": "X",
            "as_of": "2026-01-01",
            "summary": "S.",
            "stances": [{"id": "praises", "label": "praises"}],
        },
        strict=False,
    )
    assert [s.id for s in info.vocabulary.stances] == ["praises"]
