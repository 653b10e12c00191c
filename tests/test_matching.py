"""Finding remembered words in the sources: accents, quotes, spacing and typos forgiven, the
source's own wording returned."""

from __future__ import annotations

from otsreport.matching import GOOD_ENOUGH, best_in, differences, search

PARAGRAPHS = [
    "The commission met in Port Elm.",
    "Its chair, Zoë Várkonyi, said the lake “belongs to those who live on its shores”, and "
    "the delegates agreed.",
]


def test_exact_words_score_100_and_come_back_as_written() -> None:
    score, text = best_in("said the lake", PARAGRAPHS[1])
    assert (score, text) == (100.0, "said the lake")


def test_accents_quotes_and_spacing_are_forgiven() -> None:
    score, text = best_in('Zoe  Varkonyi, said the lake "belongs', PARAGRAPHS[1])
    assert score == 100.0
    assert text == "Zoë Várkonyi, said the lake “belongs"


def test_a_typo_still_finds_the_passage_in_the_right_paragraph() -> None:
    [found] = search("the delagates agred", [("bulletin", PARAGRAPHS)])
    assert (found.source, found.paragraph) == ("bulletin", 2)
    assert found.text == "the delegates agreed."
    assert GOOD_ENOUGH <= found.score < 100


def test_unrelated_words_find_nothing() -> None:
    assert search("quarterly fish stock survey budget", [("bulletin", PARAGRAPHS)]) == []


def test_differences_name_the_changed_words() -> None:
    assert differences("the delagates agreed", "the delegates agreed") == (
        "'delagates' for 'delegates'"
    )
    assert "is not in the source" in differences("the new delegates", "the delegates")
