"""The records of a dossier: sources, actors, events, statements, positions, the sources' own
assessments, and the dossier's own facts."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AliasChoices, Field, StringConstraints, model_validator

from otsreport.dates import DateSpan
from otsreport.models.base import (
    Marking,
    Record,
    RecordId,
    Text,
    Translatable,
)
from otsreport.models.evidence import (
    ActorKind,
    AssessmentKind,
    Credibility,
    Dispute,
    Holder,
    Relation,
    Reliability,
    SourceKind,
)
from otsreport.models.judgments import Judgment
from otsreport.models.marked import Cited, Marked
from otsreport.models.scheme import SchemeDef
from otsreport.models.sections import DossierVocabulary, SectionDef


class Source(Marked):
    translatable: ClassVar = ("short", "perspective", "note")
    markable: ClassVar[tuple[str, ...]] = ("perspective", "note", "reliability", "credibility")

    id: RecordId
    title: Text
    short: Annotated[
        Translatable | None,
        Field(
            description="Label for citations ('CRS'), translatable; default: the publisher, "
            "else the title.",
            validation_alias=AliasChoices("short", "short_title"),
        ),
    ] = None
    kind: SourceKind = "other"
    author: Text | None = None
    publisher: Text | None = None
    published: DateSpan | None = None
    url: Annotated[
        str | None,
        StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000),
        Field(description="Where the source can be read: an http(s) address."),
    ] = None
    accessed: Annotated[DateSpan | None, Field(description="When the URL was read.")] = None
    reliability: Reliability | None = None
    credibility: Annotated[
        Credibility | None, Field(description="Default credibility of what it reports.")
    ] = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
    text: Annotated[
        str | None,
        Field(description="Path of the verbatim text, relative to the dossier folder."),
    ] = None
    paragraphs: Annotated[
        list[str] | None,
        Field(
            description=(
                "The verbatim text, one string per paragraph. Filled in from 'text' when the "
                "dossier is loaded, so a dossier exported to JSON carries its evidence."
            )
        ),
    ] = None
    perspective: Annotated[
        Translatable | None,
        Field(
            description="Whose view the source gives, so readers can weigh it; `validate` "
            "warns while it is missing."
        ),
    ] = None
    note: Translatable | None = None


class Membership(Record):
    organization: RecordId
    status: Relation


class Actor(Cited):
    translatable: ClassVar = ("name", "short_name", "roles")
    markable: ClassVar[tuple[str, ...]] = ("roles", "memberships", "aliases")

    id: RecordId
    kind: ActorKind
    name: Translatable
    short_name: Translatable | None = None
    aliases: list[Text] = []
    roles: list[Translatable] = []
    memberships: list[Membership] = []
    located_in: RecordId | None = None


class Topic(Marked):
    translatable: ClassVar = ("name", "description")

    id: RecordId
    name: Translatable
    description: Translatable | None = None


Kind = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=40),
    Field(
        description="A built-in kind or stance (see `otsreport vocabulary`), or one the "
        "dossier declares in dossier.yaml under vocabulary: event_kinds or stances."
    ),
]


class Event(Cited):
    translatable: ClassVar = ("title", "summary", "timing", "note", "document")
    markable: ClassVar[tuple[str, ...]] = ("note",)

    id: RecordId
    date: DateSpan | None = None
    timing: Annotated[
        Translatable | None,
        Field(description="How the source places an undated event: 'after the 2016 visit'."),
    ] = None
    kind: Kind
    title: Translatable
    place: RecordId | None = None
    participants: list[RecordId] = []
    summary: Translatable
    document: Annotated[
        Translatable | None, Field(description="Full name of the instrument signed or adopted.")
    ] = None
    topics: list[RecordId] = []
    note: Translatable | None = None
    disputed: Annotated[
        list[Dispute], Field(description="Values other sources give differently, each cited.")
    ] = []


class Statement(Cited):
    translatable: ClassVar = ("timing", "context")
    markable: ClassVar[tuple[str, ...]] = ("context",)

    id: RecordId
    speaker: Annotated[RecordId | None, Field(description="Who said it (or 'speakers').")] = None
    speakers: Annotated[
        list[RecordId], Field(description="Several who said it together: a joint statement.")
    ] = []
    date: DateSpan | None = None
    timing: Translatable | None = None
    quote: Annotated[Text, Field(description="The speaker's words, verbatim.")]
    context: Translatable
    topics: list[RecordId] = []
    disputed: list[Dispute] = []

    @model_validator(mode="after")
    def _someone_said_it(self) -> Statement:
        if (self.speaker is None) == (not self.speakers):
            raise ValueError("give either 'speaker' or 'speakers' (a list), not both or neither")
        return self

    @property
    def all_speakers(self) -> list[str]:
        return [self.speaker] if self.speaker else list(self.speakers)


class Position(Cited):
    translatable: ClassVar = ("subject", "reason")
    markable: ClassVar[tuple[str, ...]] = ("reason",)

    id: RecordId
    holders: Annotated[list[RecordId], Field(min_length=1)]
    stance: Kind
    subject: Translatable
    reason: Translatable | None = None
    date: DateSpan | None = None
    topics: list[RecordId] = []
    disputed: list[Dispute] = []


class Assessment(Cited):
    """The source's own judgement or forecast: never printed as a fact."""

    translatable: ClassVar = ("gist",)

    id: RecordId
    kind: AssessmentKind
    wording: Annotated[
        Text, Field(description="The source's words, verbatim; must occur in a cited paragraph.")
    ]
    gist: Annotated[Translatable | None, Field(description="A neutral one-line paraphrase.")] = None
    holder: Annotated[
        Holder | None,
        Field(description="Whose view the source reports; none: the source's own view."),
    ] = None
    about: list[RecordId] = []
    topics: list[RecordId] = []


class KeyPoint(Marked):
    """An analyst's bottom-line sentence, grounded through the records it rests on."""

    translatable: ClassVar = ("text",)

    text: Translatable
    refs: Annotated[list[RecordId], Field(min_length=1)]


class Issuer(Record):
    """Who issues the briefs: the masthead, the colophon, the metadata and Word's properties
    name it. Dossier text: it goes with the title through the release cut."""

    translatable: ClassVar = ("organisation", "unit")

    organisation: Annotated[Translatable, Field(description="The issuing organisation.")]
    unit: Annotated[Translatable | None, Field(description="Its unit or department.")] = None
    reference: Annotated[
        Text | None,
        Field(description="The document reference number; default: one made from the dossier."),
    ] = None
    logo: Annotated[
        str | None,
        Field(description="A PNG, JPEG or GIF file in the dossier folder, for the masthead."),
    ] = None


class DossierInfo(Record):
    translatable: ClassVar = ("title", "subject", "summary")

    @model_validator(mode="before")
    @classmethod
    def _vocabulary_at_the_top(cls, data: Any) -> Any:
        """``event_kinds:`` and ``stances:`` at the top of dossier.yaml, as written before
        they moved under ``vocabulary:``, still read."""
        if isinstance(data, dict) and ({"event_kinds", "stances"} & data.keys()):
            data = dict(data)
            words = dict(data.get("vocabulary") or {})
            for name in ("event_kinds", "stances"):
                if name in data:
                    words[name] = [*words.get(name, []), *data.pop(name)]
            data["vocabulary"] = words
        return data

    id: RecordId
    title: Translatable
    subject: Translatable
    as_of: Annotated[DateSpan, Field(description="Date the dossier speaks for; printed on briefs.")]
    language: str = "en"
    issuer: Issuer | None = None
    keywords: list[Text] = []
    summary: Annotated[
        Translatable, Field(description="Bottom line up front, in the analyst's words.")
    ]
    key_points: list[KeyPoint] = []
    marking: Annotated[
        Marking | None,
        Field(
            description="Marking of the title, subject and keywords; default: the scheme's "
            "for facts."
        ),
    ] = None
    summary_marking: Annotated[
        Marking | None, Field(description="Marking of the summary; default: 'summary' below.")
    ] = None
    markings: Annotated[
        dict[str, Marking],
        Field(
            description="Default markings per kind of record (events, assessments, "
            "key_points, ...), of the summary, and of fields (sources.perspective)."
        ),
    ] = {}
    marking_scheme: Annotated[
        str | SchemeDef | None,
        Field(
            description="The marking scheme: a built-in one by name (tlp-2.0, the default; "
            "official-rel), or a scheme of the dossier's own (levels, caveats, defaults)."
        ),
    ] = None
    vocabulary: Annotated[
        DossierVocabulary,
        Field(
            description="Words beyond the built-in vocabularies (`otsreport vocabulary`): "
            "event kinds and stances, each with the label the brief prints."
        ),
    ] = DossierVocabulary()
    sections: Annotated[
        list[SectionDef],
        Field(
            description="The dossier's own sections (and replacements of catalogue sections); "
            "profiles place them with the name 'dossier-sections'."
        ),
    ] = []


class Dossier(Record):
    info: DossierInfo
    sources: list[Source]
    topics: list[Topic] = []
    actors: list[Actor] = []
    events: list[Event] = []
    statements: list[Statement] = []
    positions: list[Position] = []
    assessments: list[Assessment] = []
    judgments: list[Judgment] = []


# The record collections of a dossier, in the order of its fields: every module that walks
# all records takes this list rather than writing its own.
COLLECTIONS: tuple[str, ...] = tuple(name for name in Dossier.model_fields if name != "info")
