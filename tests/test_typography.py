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
