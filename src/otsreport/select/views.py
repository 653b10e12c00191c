"""What a brief shows, decided before rendering: the select stage's output, the render
stage's only input. These are plain dataclasses of text and numbers, with no pydantic record
inside, so that a brief selected once can be kept (``cache.py``) and rendered again without
importing, let alone validating, the dossier's models: that makes an HTML rebuild instant.

Each item kind is a class of its own with a ``kind`` name, and each kind has its own partial
template (``items/<kind>.html.j2``, and ``rows/<kind>.html.j2`` where a section lays items out
as table rows), so no template has to guess what an item "really" is. Text fields hold
ready-escaped HTML (``Markup``) where the shaper composed them, plain text elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from otsreport.markings import Marking
from otsreport.select.chartviews import ChartMark, TimelineChart  # noqa: F401


@dataclass(frozen=True)
class Note:
    """One citation as printed: a footnote or an endnote, naming its source."""

    number: int
    source_title: str  # the source's short label: 'CRS', 'Varen Gazette'
    paragraph: int
    quote: str
    grade: str = ""  # Admiralty grade, 'B2', when the source is graded
    href: str = ""  # the paragraph in the sources appendix, else the source's URL
    # The note that first quoted this citation (0: this one does): a later call gets a note of
    # its own, short (source, paragraph, grade), so no note number is used twice in a brief.
    first: int = 0
    lang: str = ""  # the quote's language (its source's), where it is not the brief's
    quote_href: str = ""  # the source's URL opened at the quote (a text fragment), or ""


@dataclass(frozen=True)
class CitedSource:
    """One source of an item in an inline citation: '(CRS ¶2, 5 B2; Hürriyet ¶4)'."""

    label: str
    paragraphs: tuple[int, ...]
    grade: str
    href: str
    quotes: str  # the cited words, for a tooltip
    quote_href: str = ""  # the source's URL opened at the quotes (text fragments), or ""


@dataclass(frozen=True)
class Reading:
    value: str
    attribution: str  # 'Varen Gazette ¶4'


@dataclass(frozen=True)
class DisputeView:
    """Sources that disagree on one field of a record: every reading with its sources."""

    field: str  # 'date', translated
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Evidence:
    """What grounds an item: its notes, its sources, how many report it, where they differ."""

    notes: tuple[Note, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    corroboration: str = ""  # '3 sources', 'single source', or ''
    disputes: tuple[DisputeView, ...] = ()


@dataclass(frozen=True)
class _Item:
    kind: ClassVar[str] = ""

    id: str
    marking: Marking  # the most restrictive marking of what the item prints
    evidence: Evidence

    @property
    def anchor(self) -> str:
        """Where references to this record point: unique, since record ids are."""
        return f"item-{self.id}"

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.evidence.notes

    @property
    def portion(self) -> str:
        """The portion mark, as the scheme abbreviates the marking."""
        return self.marking.portion


@dataclass(frozen=True)
class EventItem(_Item):
    kind: ClassVar[str] = "event"

    title: str
    text: str  # the summary; empty when the profile asks for one line per item
    date: str
    date_iso: str
    place: str
    who: str
    document: str  # the instrument signed, when it is not the title itself
    kind_label: str
    note: str  # the editor's note on the record, where the profile shows notes


@dataclass(frozen=True)
class PositionItem(_Item):
    kind: ClassVar[str] = "position"

    sentence: str  # "Kestria supports a joint fisheries quota"
    who: str
    stance: str
    subject: str
    reason: str
    date: str


@dataclass(frozen=True)
class StatementItem(_Item):
    kind: ClassVar[str] = "statement"

    quote: str
    speaker: str
    context: str
    date: str
    lang: str = ""  # the quotation's language, where it is not the brief's


@dataclass(frozen=True)
class AssessmentItem(_Item):
    kind: ClassVar[str] = "assessment"

    wording: str
    gist: str
    attribution: str  # "The source judges:": a view is never printed as a fact
    lang: str = ""  # the wording's language, where it is not the brief's


@dataclass(frozen=True)
class ActorItem(_Item):
    kind: ClassVar[str] = "actor"

    name: str
    short_name: str
    description: str  # roles, memberships and location, joined
    kind_label: str
    aliases: str  # other names the sources use, where the profile shows notes


@dataclass(frozen=True)
class Link:
    """A record named in passing: its title, and where the brief tells it (or "")."""

    title: str
    href: str


@dataclass(frozen=True)
class JudgmentItem(_Item):
    """The analyst's judgment: likelihood and confidence visible, and what it rests on."""

    kind: ClassVar[str] = "judgment"

    label: str  # 'Key judgment 2': how indicators name it
    text: str
    likelihood: str  # 'likely', translated
    probability: str  # '55–80%'
    confidence: str  # 'moderate confidence', translated
    confidence_reason: str
    basis: tuple[Link, ...]
    implications: tuple[str, ...]  # empty where the brief has a section for them
    indicators: tuple[IndicatorItem, ...]


@dataclass(frozen=True)
class ImplicationItem(_Item):
    kind: ClassVar[str] = "implication"

    text: str
    judgment: str  # the judgment it follows from, in a line


@dataclass(frozen=True)
class IndicatorItem(_Item):
    kind: ClassVar[str] = "indicator"

    text: str
    effect: str  # 'would make it more likely that ...', translated
    judgment: str


@dataclass(frozen=True)
class KeyPointItem(_Item):
    kind: ClassVar[str] = "key-point"

    text: str


@dataclass(frozen=True)
class ChangeLine:
    """One thing that changed in a record: a field's words before and after, or an estimate
    or marking that moved ('Likelihood', 'likely', 'very likely')."""

    label: str  # 'Likelihood', 'Marking'; '' for a field's words
    before: str
    after: str


@dataclass(frozen=True)
class ChangeItem(_Item):
    """A record added, withdrawn or changed since the earlier edition, as its reader may see
    it (``editions.for_audience``)."""

    kind: ClassVar[str] = "change"

    what: str  # 'added', 'withdrawn' or 'changed': a class name for the stylesheet
    title: str
    lines: tuple[ChangeLine, ...] = ()


@dataclass(frozen=True)
class Reference(_Item):
    """A record told in full in another section of the same brief: one line pointing there."""

    kind: ClassVar[str] = "reference"

    title: str
    date: str
    date_iso: str
    section_title: str
    target: str  # the anchor of the full item

    @property
    def href(self) -> str:
        return f"#{self.target}"


Item = (
    EventItem
    | PositionItem
    | StatementItem
    | AssessmentItem
    | ActorItem
    | KeyPointItem
    | JudgmentItem
    | ImplicationItem
    | IndicatorItem
    | Reference
    | ChangeItem
)


@dataclass(frozen=True)
class Group:
    """A run of items under one (optional) heading: a topic, an actor, dated events."""

    title: str
    items: tuple[Item, ...]
    description: str = ""
    role: str = ""  # a class name for the stylesheet: 'dated', 'undated'
    date_heading: str = ""  # a table's date column: 'Date', or 'When, per the sources'
    # The optional columns of the group's table with something to print ('place', 'role'):
    # decided here, so a template never prints a column that is empty all the way down.
    columns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SourceView:
    id: str
    marking: Marking  # of what the entry prints: the source, its grade, perspective, note
    title: str
    label: str  # how citations name it
    kind: str  # 'News', 'Official', ... translated
    byline: str
    published: str
    url: str
    accessed: str
    grade: str  # 'B' or 'B2'
    perspective: str
    note: str
    paragraphs: tuple[str, ...]
    lang: str = ""  # the source's language (its title, its text), where it is not the brief's
    reference: str = ""  # the entry as the profile's CSL style formats it, or ""


@dataclass
class SectionView:
    """What one section of a brief shows. Templates read these fields and nothing else."""

    id: str
    kind: str
    title: str
    lead: str = ""
    lead_marking: Marking | None = None  # the bottom line's, for its portion mark
    groups: list[Group] = field(default_factory=list)
    chart: TimelineChart | None = None
    sources: list[SourceView] = field(default_factory=list)
    omitted: int = 0  # items not shown: past detail.max_items, or left out to fit (below)
    fitted_out: int = 0  # items left out to fit the brief to its page budget (``trimming``)
    legend: str = ""  # a scale explained once: the sources' grades, the likelihood scale

    @property
    def anchor(self) -> str:
        return f"section-{self.id}"

    @property
    def templates(self) -> list[str]:
        """Most specific first: a template for this very section, then for its kind, then
        the generic list of items (which quotes and judgments use unless overridden)."""
        return [
            f"sections/{self.id}.html.j2",
            f"sections/{self.kind}.html.j2",
            "sections/items.html.j2",
        ]

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def columns(self) -> frozenset[str]:
        """The optional columns of a table that runs through every group (the actors')."""
        return frozenset().union(*(group.columns for group in self.groups))

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.sources)

    @property
    def notes(self) -> list[Note]:
        """The section's notes in number order, for the on-screen endnote list."""
        seen = {note.number: note for item in self.items for note in item.notes}
        return [seen[number] for number in sorted(seen)]


@dataclass(frozen=True)
class Brief:
    """Everything a brief template may print: composed once per audience and language, then
    rendered for the screen and for print."""

    audience: str
    title: str
    subject: str
    audience_title: str
    dossier_id: str
    date: str
    date_iso: str
    lang: str
    keywords: str
    sections: list[SectionView]
    toc: str  # the profile's rule: auto, always or never
    generator: str
    marking: str  # the banner: the most restrictive marking of what the brief shows
    ceiling: str  # the audience's ceiling: nothing above it is in the brief
    portion_marks: bool  # print each item's marking before it
    withheld: str  # what was left out above the ceiling, or "" (the analyst's build output)
    reference: str  # the stable reference number in the masthead
    organisation: str  # the issuer (the dossier's, else the profile theme's), or ""
    unit: str  # the issuer's unit, or ""
    distribution: str  # who receives it, or ""
    in_english: tuple[int, int]  # (texts shown in English for want of a translation, shown)
    coverage: tuple[int, int]  # (words of the dossier's text in the brief's language, words)
    coverage_note: str  # the colophon's sentence on it; "" in the dossier's own language
    provenance: str  # the colophon's sentence on citations, true of this brief
    lead: str  # what a brief without a bottom line tells, from which sources; or ""
    untranslated: tuple[tuple[str, str, str], ...]  # (file, record, field) shown in English
    marking_colour: str
    marking_meaning: str
    citations: str  # footnotes, inline or none
    theme: dict[str, Any]  # the profile's theme values; templates read them as theme.accent
    page_counter_css: str
    page_label: str  # what comes before a page number in a cross-reference: "p. "
    page_suffix: str  # and after it: ". o." in Magyar, hu ('6. o.'), "" in English
    logo: str = ""  # data: URI of the theme's logo, or empty
    modified_iso: str = ""
    withheld_count: int = 0  # records left out for the ceiling: the brief says how many
    dossier_digest: str = ""  # of the dossier's files: check-release ties the brief to it
    # Its catalogue record (``select/metadata.py``): Dublin Core pairs, schema.org JSON-LD.
    dublin_core: tuple[tuple[str, str], ...] = ()
    linked_data: dict[str, Any] = field(default_factory=dict)
    trimmable: int = 0  # items fitting could leave out at most, to meet the page budget
