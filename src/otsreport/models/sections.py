"""Sections as data, and the words a dossier adds to the built-in vocabularies."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)

from otsreport.dates import DateSpan
from otsreport.models.base import Record, RecordId, Translatable


class KindLabel(Record):
    """An event kind a dossier adds to the built-in list: 'chairmanship'."""

    translatable: ClassVar = ("label",)

    id: RecordId
    label: Translatable


class StanceLabel(Record):
    """A stance a dossier adds: the verb for one holder and, where it differs, for several."""

    translatable: ClassVar = ("label", "plural")

    id: RecordId
    label: Annotated[Translatable, Field(description="The verb for one holder: 'commends'.")]
    plural: Annotated[
        Translatable | None, Field(description="The verb for several holders: 'commend'.")
    ] = None


class DossierVocabulary(Record):
    """Words a dossier adds to the built-in vocabularies (``otsreport vocabulary``): one list
    per vocabulary a dossier may extend, named as vocabulary.yaml names it."""

    event_kinds: Annotated[
        list[KindLabel], Field(description="Event kinds, each with its label: 'chairmanship'.")
    ] = []
    stances: Annotated[
        list[StanceLabel], Field(description="Stances, each with its verb: 'commends'.")
    ] = []


RecordType = Literal["event", "statement", "position", "assessment", "actor", "judgment"]
SectionKind = Literal[
    "summary",
    "items",
    "timeline",
    "actors",
    "quotes",
    "judgments",
    "estimates",
    "implications",
    "indicators",
    "sources",
    "changes",
]


class Where(Record):
    """Which records a section shows. Every key given narrows the selection; none: all the
    records the section's kind can show."""

    # 'from' and 'to' are Python keywords: read and written under these aliases.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, serialize_by_alias=True)

    records: Annotated[
        list[RecordType], Field(description="Record types: event, statement, position, ...")
    ] = []
    kinds: Annotated[
        list[RecordId],
        Field(description="Event, assessment or actor kinds; records with none are left out."),
    ] = []
    stances: Annotated[list[RecordId], Field(description="Stances of positions.")] = []
    topics: Annotated[list[RecordId], Field(description="Topic ids: any of them.")] = []
    actors: Annotated[
        list[RecordId],
        Field(description="Actor ids: any participant, place, holder, speaker or subject."),
    ] = []
    start: Annotated[
        DateSpan | None,
        Field(alias="from", description="Earliest date; undated records are left out."),
    ] = None
    end: Annotated[
        DateSpan | None,
        Field(alias="to", description="Latest date; undated records are left out."),
    ] = None


class SectionDef(Record):
    """One section as data: a kind of layout and the query that fills it."""

    translatable: ClassVar = ("title", "description", "lead")

    id: RecordId
    title: Translatable
    description: Translatable | None = None
    kind: SectionKind
    where: Where = Where()
    group_by: Annotated[
        Literal["none", "topic", "actor"],
        Field(description="Items sections: one group per topic or per actor."),
    ] = "none"
    home: Annotated[
        bool,
        Field(
            description="Records this section selects are told here in full, and other "
            "sections point here; otherwise the first section to select a record tells it."
        ),
    ] = False
    lead: Annotated[Translatable | None, Field(description="A line under the heading.")] = None

    # The record types each kind lays out; the default when ``where.records`` names none.
    KIND_RECORDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "summary": (),
        "items": ("event", "position", "statement", "assessment"),
        "timeline": ("event",),
        "actors": ("actor",),
        "quotes": ("statement",),
        "judgments": ("assessment",),
        "estimates": ("judgment",),
        "implications": ("judgment",),
        "indicators": ("judgment",),
        "sources": (),
        "changes": (),
    }

    @model_validator(mode="after")
    def _kind_shows_the_records(self) -> SectionDef:
        allowed = get_args(RecordType) if self.kind == "items" else self.KIND_RECORDS[self.kind]
        wrong = [r for r in self.where.records if r not in allowed]
        if wrong:
            can = ", ".join(allowed) or "no records"
            raise ValueError(
                f"a '{self.kind}' section cannot show {', '.join(wrong)}; it shows {can}"
            )
        return self
