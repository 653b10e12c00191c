from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from otsreport.dates import DateError, DateSpan


class Holder(BaseModel):
    date: DateSpan


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2016", "year", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2014-11-11", "day", dt.date(2014, 11, 11), dt.date(2014, 11, 11)),
    ],
)
def test_every_precision_parses_to_its_span(
    text: str, precision: str, first: dt.date, last: dt.date
) -> None:
    span = DateSpan.parse(text)
    assert span.start.precision == precision
    assert span.sort_key == (first, last)
    assert span.isoformat() == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016", "2016"),
        ("2025-05", "May 2025"),
        ("2014-11-11", "11 November 2014"),
        ("2025-05-20/2025-05-21", "20–21 May 2025"),
        ("2025-05-30/2025-06-02", "30 May\u2009–\u20092 Jun 2025"),
        ("2010/2012", "2010–2012"),
        ("2016~", "c.\u00a02016"),
    ],
)
def test_formats_as_a_reader_expects(text: str, expected: str) -> None:
    assert DateSpan.parse(text).format("en_GB") == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "February 2023 has 28 days"),
        ("2023-13", "month 13 does not exist"),
        ("2025-05-21/2025-05-20", "reversed interval"),
        ("May 2025", "expected YYYY"),
        ("0000", "no year 0"),
    ],
)
def test_impossible_dates_are_errors(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        DateSpan.parse(text)


def test_mixed_precisions_sort_in_time_order() -> None:
    texts = ["2025-05-20/2025-05-21", "2016", "2025", "2014-11-11", "2024", "2025-05"]
    ordered = sorted((DateSpan.parse(t) for t in texts), key=lambda s: s.sort_key)
    assert [s.isoformat() for s in ordered] == [
        "2014-11-11",
        "2016",
        "2024",
        "2025",
        "2025-05",
        "2025-05-20/2025-05-21",
    ]


def test_pydantic_accepts_year_integers_strings_and_mappings() -> None:
    assert Holder.model_validate({"date": 2016}).date.isoformat() == "2016"
    approx = Holder.model_validate({"date": {"value": "2016", "approximate": True}}).date
    assert approx.approximate
    assert Holder.model_validate({"date": "2016~"}).date == approx
    assert Holder(date=DateSpan.parse("2016")).model_dump(mode="json") == {"date": "2016"}


def test_pydantic_error_says_what_is_wrong() -> None:
    with pytest.raises(ValidationError, match="February 2023 has 28 days"):
        Holder.model_validate({"date": "2023-02-30"})
    with pytest.raises(ValidationError, match="expected a date"):
        Holder.model_validate({"date": 3.5})


@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9990, 1, 1)),
    st.integers(0, 400),
    st.booleans(),
)
def test_iso_round_trip(start: dt.date, length: int, approximate: bool) -> None:
    end = min(start + dt.timedelta(days=length), dt.date(9999, 12, 31))
    text = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    span = DateSpan.parse(text + ("~" if approximate else ""))
    assert DateSpan.parse(span.isoformat()) == span
    assert span.format("en_GB")


@pytest.mark.parametrize(
    ("locale", "day_range", "month", "day"),
    [
        ("hu", "2025. május 20–21.", "2025. május", "2014. november 11."),
        ("az", "20–21 may 2025", "may 2025", "11 noyabr 2014"),
        ("tr", "20–21 Mayıs 2025", "Mayıs 2025", "11 Kasım 2014"),
    ],
)
def test_formats_in_the_readers_locale(locale: str, day_range: str, month: str, day: str) -> None:
    assert DateSpan.parse("2025-05-20/2025-05-21").format(locale) == day_range
    assert DateSpan.parse("2025-05").format(locale) == month
    assert DateSpan.parse("2014-11-11").format(locale) == day
