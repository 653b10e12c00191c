"""Evidence: where a record comes from, how far its source is trusted, who holds a view, and
what other sources say differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from otsreport import vocabulary
from otsreport.models.base import Record, RecordId, Text, Translatable

# The Admiralty (NATO AJP-2.1) grading: a source's reliability, an item's credibility.
Reliability = Annotated[
    Literal["A", "B", "C", "D", "E", "F"],
    Field(
        description="A completely reliable, B usually reliable, C fairly reliable, "
        "D not usually reliable, E unreliable, F reliability cannot be judged."
    ),
]
Credibility = Annotated[
    Literal[1, 2, 3, 4, 5, 6],
    Field(
        description="1 confirmed by other sources, 2 probably true, 3 possibly true, "
        "4 doubtful, 5 improbable, 6 truth cannot be judged."
    ),
]
# Closed vocabularies: their words are data (otsreport/vocabulary.yaml, `otsreport vocabulary`).
if TYPE_CHECKING:
    SourceKind = str
    DisputeField = str
    ActorKind = str
    Relation = str
    AssessmentKind = str
else:
    SourceKind = vocabulary.closed("source_kinds")
    DisputeField = vocabulary.closed("dispute_fields")
    ActorKind = vocabulary.closed("actor_kinds")
    Relation = vocabulary.closed("relations")
    AssessmentKind = vocabulary.closed("assessment_kinds")


class QuoteSelector(Record):
    """Where a quote stands in its paragraph, as a W3C Web Annotation TextQuoteSelector: the
    exact words and a little text either side. The build writes it into the dossier a brief
    carries (from the text as cut for its reader), for tools that open a source at a quote."""

    type: Literal["TextQuoteSelector"] = "TextQuoteSelector"
    exact: Text
    prefix: str = ""
    suffix: str = ""


class Citation(Record):
    """Where in a source a record comes from: the paragraph and the words themselves."""

    source: RecordId
    paragraph: Annotated[
        int | None,
        Field(
            ge=1,
            description="1-based paragraph number in the text. May be left out: the quote "
            "then says where it is, and `validate --fix` writes the number in.",
        ),
    ] = None
    quote: Annotated[Text, Field(description="Verbatim words of that paragraph.")]
    credibility: Annotated[
        Credibility | None, Field(description="This item's credibility; default: the source's.")
    ] = None
    selector: Annotated[
        QuoteSelector | None,
        Field(
            description="Written by otsreport into the JSON a brief carries (W3C Web "
            "Annotation TextQuoteSelector); leave it out."
        ),
    ] = None


class Holder(Record):
    """Whose view an assessment is, when it is not the source's own: an actor of the dossier,
    or free text for the unnamed ('some observers')."""

    actor: RecordId | None = None
    text: Translatable | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Holder:
        if (self.actor is None) == (self.text is None):
            raise ValueError("give either 'actor' (an actor id) or 'text' ('some observers')")
        return self


class Dispute(Record):
    """A value another source gives for one field of a record, with the citation that says
    so: the brief prints both, each with its own sources.

    Which of the record's citations give the record's own value is ``record_citations``
    when said; else every citation of the record whose source gives no other value of the
    field here (a source that reports the event but dates it otherwise backs its date only).
    """

    field: Annotated[DisputeField, Field(description="The field the sources disagree on.")]
    value: Annotated[
        str | int,
        Field(description="The other value: a date (2025-05-21), an actor id, or a title."),
    ]
    citations: Annotated[
        list[Citation],
        Field(min_length=1, description="Where the other value is said: its sources."),
    ]
    record_citations: Annotated[
        list[Citation],
        Field(
            description="Where the record's own value of the field is said, when not all "
            "of the record's citations say it (default: the record's citations from sources "
            "that give no other value of the field)."
        ),
    ] = []
