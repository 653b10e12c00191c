"""Quotation marks per language, nested quotes, and straight quotes typeset."""

from __future__ import annotations

import pytest

from otsreport.typography import marks_for, quoted, smarten


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_GB", "“the ‘liberation’ of the shore”"),
        ("hu", "„the »liberation« of the shore”"),
        ("de-DE", "„the ‚liberation‘ of the shore“"),
        ("xx", "“the ‘liberation’ of the shore”"),  # unknown: English marks
    ],
)
def test_a_quote_inside_a_quote_takes_the_inner_marks(locale: str, expected: str) -> None:
    assert quoted("the “liberation” of the shore", locale) == expected
    assert quoted('the "liberation" of the shore', locale) == expected


def test_quotations_keep_the_sources_apostrophes() -> None:
    assert quoted("the lake's shore", "en") == "“the lake's shore”"


def test_own_text_gets_typeset_quotes_and_apostrophes() -> None:
    assert smarten("the states' \"joint\" view, it's 'firm' since the '90s", "en") == (
        "the states’ “joint” view, it’s ‘firm’ since the ’90s"
    )
    assert smarten('a "new" accord', "hu") == "a „new” accord"
    assert smarten("already “curly” and ’typed’", "en") == "already “curly” and ’typed’"


def test_marks_come_from_the_language_of_the_locale() -> None:
    assert marks_for("hu_HU").start == "„"
    assert marks_for("en-US") == marks_for("en_GB")


def test_one_english_spelling_per_locale_and_names_left_alone() -> None:
    from otsreport.typography import spell

    text = "Key judgments, the sources' own judgements; the Organization of Turkic States"
    assert spell(text, "en_US") == (
        "Key judgments, the sources' own judgments; the Organization of Turkic States"
    )
    assert spell(text, "en-GB") == (
        "Key judgments, the sources' own judgments; the Organization of Turkic States"
    )
    assert spell("organizations favored colors in Colorado", "en_GB") == (
        "organisations favoured colours in Colorado"
    )
    assert spell("judgment", "hu") == "judgment"
