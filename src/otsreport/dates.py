"""Dates as analysts write them: a year, a month, a day, or an interval of those.

Sources rarely give full dates ("in 2016", "this year", "on 20-21 May"), so a brief must be able
to carry a year-only date without pretending to know the day. The syntax is ISO 8601-2 / EDTF
level 0 (``2016``, ``2016-05``, ``2016-05-20``, ``2025-05-20/2025-05-21``), plus EDTF level 1's
trailing ``~`` for "approximately". A mapping ``{value: "2016", approximate: true}`` says the
same thing for people who prefer explicit keys.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from babel.dates import format_interval, format_skeleton
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

Precision = Literal["year", "month", "day"]

_SKELETONS: dict[Precision, str] = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
_POINT = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
# Babel follows CLDR, which spaces the dash in "20 – 21 May"; house style (and the Oxford and
# Chicago manuals) close it up between bare numbers: "20–21 May 2025".
_SPACED_DASH_BETWEEN_NUMBERS = re.compile(r"(?<=\d)[\s\u2009\u202f]*\u2013[\s\u2009\u202f]*(?=\d)")
DATE_PATTERN = (
    r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?~?$"  # documented in the JSON Schema
)


class DateError(ValueError):
    """A date string that cannot name a real day, month or year."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """One calendar point known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _POINT.match(text)
        if match is None:
            raise DateError(
                f"'{text}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD "
                "(for example 2016, 2025-05 or 2025-05-20)"
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' is not a date: month {month} does not exist")
        if month is not None and day is not None and not 1 <= day <= 28:
            days_in_month = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days_in_month:
                raise DateError(
                    f"'{text}' is not a date: {calendar.month_name[month]} {year} "
                    f"has {days_in_month} days"
                )
        if year == 0:
            raise DateError(f"'{text}' is not a date: there is no year 0")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A single partial date or an interval of two; the type every record's ``date`` uses.

    A single date is an interval whose ends coincide, so sorting, overlap and formatting need
    one code path instead of two.
    """

    start: PartialDate
    end: PartialDate
    approximate: bool = False

    @classmethod
    def parse(cls, text: str, *, approximate: bool = False) -> DateSpan:
        text = text.strip()
        if text.endswith("~"):
            text, approximate = text[:-1], True
        first, sep, second = text.partition("/")
        start = PartialDate.parse(first)
        if not sep:
            return cls(start, start, approximate)
        end = PartialDate.parse(second)
        if end.last_day < start.first_day:
            raise DateError(
                f"'{text}' is a reversed interval: it ends ({end.isoformat()}) "
                f"before it starts ({start.isoformat()})"
            )
        return cls(start, end, approximate)

    @property
    def is_interval(self) -> bool:
        return self.start != self.end

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Earlier first; of two spans starting together, the shorter (more precise) first."""
        return (self.start.first_day, self.end.last_day)

    def isoformat(self) -> str:
        text = self.start.isoformat()
        if self.is_interval:
            text += "/" + self.end.isoformat()
        return text + ("~" if self.approximate else "")

    def __str__(self) -> str:
        return self.isoformat()

    def format(self, locale: str = "en_GB", approximate_prefix: str = "c.") -> str:
        """Human form in the reader's locale: '2016', 'May 2025', '20–21 May 2025'."""
        text = self._format_bare(locale)
        return f"{approximate_prefix}\u00a0{text}" if self.approximate else text

    def _format_bare(self, locale: str) -> str:
        start, end = self.start, self.end
        if not self.is_interval:
            return format_skeleton(_SKELETONS[start.precision], start.first_day, locale=locale)
        if (
            start.precision == "day" == end.precision
            and start.day != end.day
            and ((start.year, start.month) == (end.year, end.month))
        ):
            # Days of one month: the full date of the first day with its day number widened
            # to a range keeps the locale's full month name ("2025. május 20–21."), which
            # CLDR's interval patterns abbreviate in several locales.
            full = format_skeleton("yMMMMd", start.first_day, locale=locale)
            return re.sub(
                rf"(?<!\d)0?{start.day}(?!\d)", f"{start.day}\u2013{end.day}", full, count=1
            )
        if start.precision == end.precision:
            text = format_interval(
                start.first_day, end.first_day, _SKELETONS[start.precision], locale=locale
            )
            return _SPACED_DASH_BETWEEN_NUMBERS.sub("\u2013", text)
        # Mixed precision ("2024/2025-05"): no CLDR pattern exists, so join two plain dates.
        return (
            format_skeleton(_SKELETONS[start.precision], start.first_day, locale=locale)
            + " \u2013 "
            + format_skeleton(_SKELETONS[end.precision], end.first_day, locale=locale)
        )

    # -- pydantic integration -------------------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _coerce_date_span,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda span: span.isoformat(), when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "description": (
                "EDTF level 0 date or interval: 2016, 2025-05, 2025-05-20, "
                "2025-05-20/2025-05-21; a trailing ~ marks it approximate."
            ),
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
                {
                    "type": "object",
                    "properties": {
                        "value": {"type": ["string", "integer"]},
                        "approximate": {"type": "boolean"},
                    },
                    "required": ["value"],
                    "additionalProperties": False,
                },
            ],
        }


def _coerce_date_span(value: object) -> DateSpan:
    if isinstance(value, DateSpan):
        return value
    approximate = False
    if isinstance(value, dict):
        unknown = set(value) - {"value", "approximate"}
        if unknown or "value" not in value:
            raise PydanticCustomError(
                "date_mapping",
                "a date mapping takes 'value' and optionally 'approximate'; got {keys}",
                {"keys": ", ".join(sorted(map(str, value)))},
            )
        approximate = value.get("approximate") is True
        value = value["value"]
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_type",
            "expected a date such as 2016, '2025-05-20' or '2025-05-20/2025-05-21', got {kind}",
            {"kind": type(value).__name__},
        )
    try:
        return DateSpan.parse(value, approximate=approximate)
    except DateError as error:
        raise PydanticCustomError("date_value", "{reason}", {"reason": str(error)}) from None
