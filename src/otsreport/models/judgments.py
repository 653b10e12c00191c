"""The analyst's own judgments, in the tradecraft's terms (ICD 203): kept apart from the
sources' assessments, each with a likelihood, a confidence and the facts it rests on."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from otsreport.models.base import Record, RecordId, Translatable
from otsreport.models.marked import Marked

Likelihood = Literal[
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even-chance",
    "likely",
    "very-likely",
    "almost-certain",
]


class Confidence(Record):
    """How sure the analyst is of the judgment, and why: separate from how likely it is."""

    translatable: ClassVar = ("reason",)

    level: Literal["low", "moderate", "high"]
    reason: Annotated[Translatable, Field(description="Why this confidence, in a line.")]


class Indicator(Record):
    """An observable signpost that would move the judgment."""

    translatable: ClassVar = ("text",)

    text: Translatable
    direction: Annotated[
        Literal["raises", "lowers"],
        Field(description="Whether seeing it makes the judgment more or less likely."),
    ]


class Judgment(Marked):
    """The analyst's estimate: what is likely, how sure, on what facts, and so what."""

    translatable: ClassVar = ("text", "implications")

    id: RecordId
    text: Annotated[Translatable, Field(description="The judgment, in one or two sentences.")]
    likelihood: Annotated[
        Likelihood,
        Field(
            description="ICD 203: almost-no-chance (01-05%), very-unlikely (05-20%), "
            "unlikely (20-45%), roughly-even-chance (45-55%), likely (55-80%), "
            "very-likely (80-95%), almost-certain (95-99%)."
        ),
    ]
    confidence: Confidence
    basis: Annotated[
        list[RecordId],
        Field(min_length=1, description="Ids of the records (facts, views) it rests on."),
    ]
    implications: Annotated[
        list[Translatable], Field(description="What it means for the reader.")
    ] = []
    indicators: list[Indicator] = []
    topics: list[RecordId] = []
