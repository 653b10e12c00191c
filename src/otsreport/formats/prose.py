"""The whole composed brief as plain blocks (``blocks``): cover, contents, every section with
its tables and sources, the colophon; what Markdown and plain text are written from, so both
carry the same sections, the same cut and the same words as the HTML."""

from __future__ import annotations

from typing import Final

from otsreport.formats.blocks import BlockWriter, Prose, plain
from otsreport.i18n import translations
from otsreport.select.views import (
    ActorItem,
    Brief,
    EventItem,
    Group,
    Item,
    Reference,
    SectionView,
)

# The colophon's count of what the cut left out: the HTML's singular and plural, already in
# the catalogue (a plain string here: the template is where they are extracted from).
WITHHELD_ONE: Final = (
    "%(num)d record of the dossier is withheld from this brief: it is marked above what this "
    "audience may see, or rests on what is."
)
WITHHELD_MANY: Final = (
    "%(num)d records of the dossier are withheld from this brief: they are marked above what "
    "this audience may see, or rest on what is."
)


def prose(brief: Brief) -> Prose:
    """The brief as blocks, its notes apart."""
    writer = _Writer(brief)
    writer.cover()
    for section in brief.sections:
        writer.section(section)
    writer.colophon()
    return writer.out


class _Writer(BlockWriter):
    def __init__(self, brief: Brief) -> None:
        super().__init__(brief.portion_marks, brief.citations, brief.lang, brief.marking)
        self.brief = brief

    def cover(self) -> None:
        brief, _ = self.brief, self._
        if brief.organisation:
            issuer = ", ".join(plain(p) for p in (brief.organisation, brief.unit) if p)
            self.add("paragraph", issuer, emphasis="strong")
        self.add("heading", plain(brief.title), level=1)
        self.add("paragraph", plain(brief.subject), emphasis="em")
        for label, value in (
            (_("Audience"), brief.audience_title),
            (_("Reference"), brief.reference),
            (_("Date"), brief.date),
            (_("Distribution"), brief.distribution),
            (_("Handling"), brief.marking_meaning),
        ):
            self.add("fact", plain(value), label=label)
        if brief.toc != "never":
            self.add("heading", _("Contents"), level=2)
            for section in brief.sections:
                self.add("bullet", plain(section.title))
        if brief.lead:
            self.add("paragraph", plain(brief.lead))

    def section(self, section: SectionView) -> None:
        _ = self._
        self.add("heading", plain(section.title), level=2)
        if section.lead:
            self.add("paragraph", self.portion(section.lead_marking) + plain(section.lead))
        self.add("paragraph", plain(section.legend), emphasis="em")
        if section.kind == "sources":
            self.sources(section)
        for group in section.groups:
            self.add("heading", plain(group.title), level=3)
            self.add("paragraph", plain(group.description), emphasis="em")
            if section.kind == "timeline":
                where = [_("Where")] if "place" in group.columns else []
                self.table([group.date_heading or _("Date"), _("Event"), *where], group)
            elif section.kind == "actors":
                role = [_("Role or status")] if "role" in section.columns else []
                self.table([_("Name"), *role], group)
            else:
                for item in group.items:
                    self.item(item)
        if section.omitted:
            more = _("%(num)d more in the full dossier.") % {"num": section.omitted}
            self.add("paragraph", more, emphasis="em")

    def sources(self, section: SectionView) -> None:
        _ = self._
        for source in section.sources:
            self.add("heading", self.portion(source.marking) + plain(source.title), level=3)
            for label, value in (
                (_("Cited as"), f"{plain(source.label)} · {plain(source.kind)}"),
                (_("By"), source.byline),
                (_("Published"), source.published),
                (_("Address"), source.url),
                (_("Perspective"), source.perspective),
                (_("Note"), source.note),
            ):
                self.add("fact", plain(value), label=label)
            for number, text in enumerate(source.paragraphs, 1):
                self.add("paragraph", f"¶{number} {plain(text)}")

    def table(self, headings: list[str], group: Group) -> None:
        rows = [tuple(headings), *(self._row(item, len(headings)) for item in group.items)]
        self.add("table", rows=tuple(rows))

    def _row(self, item: Item, columns: int) -> tuple[str, ...]:
        """An item as a table row, its portion mark first: (name, role) for an actor, else
        (date, event, place), the optional last column left out when ``columns`` says so; a
        record told elsewhere points there."""
        mark, cited = self.portion(item.marking), self.cite(item)
        if isinstance(item, ActorItem):
            if columns == 1:
                return (mark + plain(item.name) + cited,)
            return (mark + plain(item.name), plain(item.description) + cited)
        if isinstance(item, EventItem):
            text = f": {plain(item.text)}" if item.text else ""
            event = mark + plain(item.title) + text + cited
            return (plain(item.date), event, plain(item.place))[:columns]
        if isinstance(item, Reference):
            see = self._("see %(section)s") % {"section": plain(item.section_title)}
            return (plain(item.date), f"{mark}{plain(item.title)}: {see}", "")[:columns]
        first = ("", mark + plain(getattr(item, "text", "")) + cited, "")
        return first[:columns]

    def colophon(self) -> None:
        brief = self.brief
        text = self._("Dossier %(dossier)s, as of %(date)s; made with %(generator)s.") % {
            "dossier": brief.dossier_id,
            "date": plain(brief.date),
            "generator": brief.generator,
        }
        if brief.coverage_note:
            text += " " + brief.coverage_note
        if brief.withheld_count:
            ngettext = translations(brief.lang).ngettext
            text += " " + ngettext(WITHHELD_ONE, WITHHELD_MANY, brief.withheld_count) % {
                "num": brief.withheld_count
            }
        self.add("paragraph", text, emphasis="em")
