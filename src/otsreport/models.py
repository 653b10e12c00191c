"""The records of a dossier and of an audience profile.

Every model forbids unknown keys and refuses type coercion: a misspelt key or a quoted number
in a hand-edited YAML file is far more often a mistake than an intention, and a brief built on
a silently ignored field is a brief that lies. Cross-record checks (references, citations)
need the whole dossier and the source texts, so they live in ``validate.py``.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from otsreport.dates import DateSpan
from otsreport.i18n import FALLBACK

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


def _needs_english(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and FALLBACK not in value:
        raise ValueError(
            f"a translated text needs an '{FALLBACK}' entry to fall back to; "
            f"got {', '.join(sorted(value)) or 'none'}"
        )
    return value


Translatable = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    | dict[LanguageCode, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
    AfterValidator(_needs_english),
    Field(description="Text, or a mapping of language code to text: {en: ..., hu: ...}."),
]

RecordId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80),
    Field(description="A lower-case slug, unique within the dossier: 'ilse-marran'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Marking = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
CssColour = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$")]
FontFamilyName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 \-]+$", max_length=60)]


class Record(BaseModel):
    """Strict base: unknown keys and loose types are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Citation(Record):
    """Where in a source a record comes from: the paragraph and the words themselves."""

    source: RecordId
    paragraph: Annotated[int, Field(ge=1, description="1-based paragraph number in the text")]
    quote: Annotated[Text, Field(description="Verbatim words of that paragraph.")]


class Cited(Record):
    """A factual record: it must say where it comes from."""

    citations: Annotated[list[Citation], Field(min_length=1)]


class Source(Record):
    translatable: ClassVar = ("perspective", "note")

    id: RecordId
    title: Text
    short_title: Annotated[
        Text | None, Field(description="Label for citations; default: the title.")
    ] = None
    author: Text | None = None
    publisher: Text | None = None
    published: DateSpan | None = None
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
        Translatable, Field(description="Whose view the source gives, so readers can weigh it.")
    ]
    note: Translatable | None = None


class Membership(Record):
    organization: RecordId
    status: Literal["member", "observer", "candidate", "partner"]


class Actor(Cited):
    translatable: ClassVar = ("name", "short_name", "roles")

    id: RecordId
    kind: Literal["state", "organization", "person", "place"]
    name: Translatable
    short_name: Translatable | None = None
    aliases: list[Text] = []
    roles: list[Translatable] = []
    memberships: list[Membership] = []
    located_in: RecordId | None = None


class Topic(Record):
    translatable: ClassVar = ("name", "description")

    id: RecordId
    name: Translatable
    description: Translatable | None = None


Kind = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=40),
    Field(
        description="A built-in kind or stance (see `otsreport schema`), or one the dossier "
        "declares in dossier.yaml under event_kinds or stances."
    ),
]


class Event(Cited):
    translatable: ClassVar = ("title", "summary", "timing", "note")

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
        Text | None, Field(description="Full name of the instrument signed or adopted.")
    ] = None
    topics: list[RecordId] = []
    note: Translatable | None = None


class Statement(Cited):
    translatable: ClassVar = ("timing", "context")

    id: RecordId
    speaker: RecordId
    date: DateSpan | None = None
    timing: Translatable | None = None
    quote: Annotated[Text, Field(description="The speaker's words, verbatim.")]
    context: Translatable
    topics: list[RecordId] = []


class Position(Cited):
    translatable: ClassVar = ("subject", "reason")

    id: RecordId
    holders: Annotated[list[RecordId], Field(min_length=1)]
    stance: Kind
    subject: Translatable
    reason: Translatable | None = None
    date: DateSpan | None = None
    topics: list[RecordId] = []


class Assessment(Cited):
    """The source's own judgement or forecast: never printed as a fact."""

    translatable: ClassVar = ("gist",)

    id: RecordId
    kind: Literal["judgement", "forecast"]
    wording: Annotated[
        Text, Field(description="The source's words, verbatim; must occur in a cited paragraph.")
    ]
    gist: Annotated[Translatable | None, Field(description="A neutral one-line paraphrase.")] = None
    about: list[RecordId] = []
    topics: list[RecordId] = []


class KeyPoint(Record):
    """An analyst's bottom-line sentence, grounded through the records it rests on."""

    translatable: ClassVar = ("text",)

    text: Translatable
    refs: Annotated[list[RecordId], Field(min_length=1)]


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


RecordType = Literal["event", "statement", "position", "assessment", "actor"]
SectionKind = Literal["summary", "items", "timeline", "actors", "quotes", "judgments", "sources"]


class Where(Record):
    """Which records a section shows. Every key given narrows the selection; none: all the
    records the section's kind can show."""

    # 'from' and 'to' are Python keywords: the fields are named start and end, and read and
    # written under their aliases.
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
        "sources": (),
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


class DossierInfo(Record):
    translatable: ClassVar = ("title", "subject", "summary")

    id: RecordId
    title: Translatable
    subject: Translatable
    as_of: Annotated[DateSpan, Field(description="Date the dossier speaks for; printed on briefs.")]
    language: str = "en"
    keywords: list[Text] = []
    summary: Annotated[
        Translatable, Field(description="Bottom line up front, in the analyst's words.")
    ]
    key_points: list[KeyPoint] = []
    event_kinds: Annotated[
        list[KindLabel],
        Field(description="Event kinds beyond the built-in ones, with their labels."),
    ] = []
    stances: Annotated[
        list[StanceLabel],
        Field(description="Stances beyond the built-in ones, with their verbs."),
    ] = []
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


# -- audience profiles ---------------------------------------------------------------------


class Detail(Record):
    max_items: Annotated[
        int | None, Field(ge=1, description="Most items a list section shows; none: all.")
    ] = None
    summary_only: Annotated[
        bool, Field(description="Show one line per item, without summaries.")
    ] = False
    source_text: Annotated[
        bool, Field(description="Print the sources' full verbatim text in the sources section.")
    ] = False


class Theme(Record):
    organisation: Text = "otsreport"
    accent: CssColour = "#1f3a5f"
    accent_text: CssColour = "#ffffff"
    serif: FontFamilyName = "Noto Serif"
    sans: FontFamilyName = "Noto Sans"
    logo: Annotated[
        str | None,
        Field(description="PNG, JPEG or GIF file, relative to the audience folder."),
    ] = None
    logo_alt: Annotated[Text, Field(description="What the logo shows, for screen readers.")] = (
        "Logo"
    )


class AudienceProfile(Record):
    translatable: ClassVar = ("title", "description")

    title: Translatable
    description: Translatable
    sections: Annotated[
        list[RecordId | SectionDef],
        Field(
            min_length=1,
            description="Section ids from the catalogue (`otsreport sections`), "
            "'dossier-sections' for the dossier's own, or sections defined here inline.",
        ),
    ]
    detail: Detail = Detail()
    marking: Marking
    citations: Literal["footnotes", "inline", "none"]
    locale: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")]
    toc: Literal["auto", "always", "never"] = "auto"
    theme: Theme = Theme()
