"""Errors that point at the fix: the intended id, the source's real wording, one message for
one root cause, YAML slips and choices in plain words."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit, run


def problems(dossier: Path) -> list[str]:
    result = run("validate", "-d", str(dossier))
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if ".yaml:" in line]


def test_a_typo_in_an_actor_id_names_the_intended_one(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "events.yaml", "participants: [viktor-orban,", "participants: [viktor-orbn,"
    )
    [first, *_] = problems(dossier_copy)
    assert "unknown actor 'viktor-orbn'; did you mean 'viktor-orban'?" in first


def test_one_changed_word_in_a_quote_shows_the_sources_wording(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "positions.yaml", "opposed the EU's unilateral", "opposed the EU's one-sided"
    )
    found = [p for p in problems(dossier_copy) if "one-sided" in p]
    assert found
    assert 'reads "' in found[0] and "unilateral" in found[0]
    assert "'one-sided' for 'unilateral'" in found[0]


def test_a_wrong_source_text_path_is_one_problem(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "sources.yaml",
        "text: sources/azerbaijan-hungary-ots.txt",
        "text: sources/azerbaijan-hungary.txt",
    )
    found = problems(dossier_copy)
    assert 1 <= len(found) <= 2, found
    assert "not found" in found[0]


def test_an_unknown_key_is_one_problem_not_a_cascade(dossier_copy: Path) -> None:
    edit(dossier_copy / "events.yaml", "  kind: visit\n", "  kind: visit\n  colour: red\n")
    found = problems(dossier_copy)
    assert len(found) == 1 and "colour: unknown key" in found[0]


def test_an_unquoted_colon_gets_a_hint(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "events.yaml",
        "  title: Orbán visits Azerbaijan\n",
        "  title: Orbán visits: Azerbaijan\n",
    )
    [found] = problems(dossier_copy)
    assert "must be quoted" in found


def test_a_wrong_choice_lists_the_choices_in_plain_words(dossier_copy: Path) -> None:
    edit(dossier_copy / "sources.yaml", "  language: en\n", "  language: en\n  kind: newspaper\n")
    [found] = problems(dossier_copy)
    assert "'newspaper' is not one of the choices: news, official" in found
    assert "did you mean 'news'?" in found and "Input should be" not in found
