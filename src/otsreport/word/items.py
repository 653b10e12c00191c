"""Each kind of item as Word paragraphs, and the timeline and actors as tables.

The same choices as the item templates (``templates/items``), in Word's terms: a source's
view is labelled as its view, a quotation set in the Quote style with the reader's quotation
marks, citations as footnotes holding the verbatim excerpt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from otsreport.markings import Marking
from otsreport.select.views import (
    ActorItem,
    AssessmentItem,
    ChangeItem,
    EventItem,
    Group,
    ImplicationItem,
    IndicatorItem,
    Item,
    JudgmentItem,
    KeyPointItem,
    PositionItem,
    Reference,
    StatementItem,
)
from otsreport.typography import quoted
from otsreport.word.ooxml import cant_split, repeat_header_row
from otsreport.word.page import shares
from otsreport.word.styles import DETAILS, TABLE_STYLE
from otsreport.word.text import add_text, plain

# Shares of the text column taken by each column a table may have (cm in the default
# 14.6 cm column); a table leaves out the optional ones (place, role) nothing fills, and the
# others share the width in these proportions.
COLUMN_SHARES: Final = {"name": 4.5, "role": 10.1, "date": 3.2, "event": 8.6, "place": 2.8}


def _widths(table: Any, document: Any, columns: Sequence[str]) -> None:
    """Columns sized to fill the reference's text column, in the grid and in every cell."""
    widths = shares(document, tuple(COLUMN_SHARES[column] for column in columns))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


class ItemWriter:
    """Writes items into a python-docx document (or table cell) for one brief."""

    def __init__(
        self,
        *,
        gettext: Callable[[str], str],
        locale: str,
        portion_marks: bool,
        cite: Callable[[Any, Item], None],
        styles: Callable[[str, str], str],
    ) -> None:
        self._ = gettext
        self.locale = locale
        self.portion_marks = portion_marks
        self.cite = cite  # adds the item's citations (footnotes or inline) to a paragraph
        self.style = styles  # a style name, or its fallback when the reference lacks it

    def paragraph(self, container: Any, style: str = "Normal", item: Item | None = None) -> Any:
        paragraph = container.add_paragraph(style=self.style(style, "Normal"))
        if item is not None:
            self.portion(paragraph, item.marking)
        return paragraph

    def portion(self, paragraph: Any, marking: Marking | None) -> None:
        """The portion mark that opens a passage, where the brief prints them."""
        if marking is not None and self.portion_marks:
            run = paragraph.add_run(f"({marking.portion}) ")
            run.bold, run.font.small_caps = True, True

    def item(self, container: Any, item: Item) -> None:
        write = getattr(self, f"_{type(item).__name__}", None)
        if write is not None:
            write(container, item)

    def _EventItem(self, container: Any, item: EventItem) -> None:
        title = self.paragraph(container, "Heading 3", item)
        add_text(title, item.title)
        meta = " · ".join(p for p in (item.kind_label, item.date, item.place, item.who) if p)
        add_text(self.paragraph(container, DETAILS), meta, italic=True)
        body = self.paragraph(container)
        add_text(body, item.text or item.document)
        self.cite(body, item)
        self._disputes(container, item)
        if item.note:
            add_text(
                self.paragraph(container),
                self._("Note: %(note)s") % {"note": item.note},
                italic=True,
            )

    def _PositionItem(self, container: Any, item: PositionItem) -> None:
        paragraph = self.paragraph(container, item=item)
        add_text(paragraph, item.sentence)
        if item.date:
            paragraph.add_run(f" ({item.date})")
        if item.reason:
            add_text(paragraph, "; " + self._("reason given: %(reason)s") % {"reason": item.reason})
        paragraph.add_run(".")
        self.cite(paragraph, item)
        self._disputes(container, item)

    def _StatementItem(self, container: Any, item: StatementItem) -> None:
        add_text(self.paragraph(container, "Quote"), quoted(plain(item.quote), self.locale))
        if item.context:
            add_text(self.paragraph(container), item.context, italic=True)
        speaker = self.paragraph(container, item=item)
        add_text(speaker, item.speaker + (f", {item.date}" if item.date else ""))
        self.cite(speaker, item)

    def _AssessmentItem(self, container: Any, item: AssessmentItem) -> None:
        add_text(self.paragraph(container, item=item), item.attribution, bold=True)
        wording = self.paragraph(container, "Quote")
        add_text(wording, quoted(plain(item.wording), self.locale))
        self.cite(wording, item)
        if item.gist:
            add_text(self.paragraph(container), self._("In short: %(gist)s") % {"gist": item.gist})

    def _ActorItem(self, container: Any, item: ActorItem) -> None:
        paragraph = self.paragraph(container, item=item)
        add_text(paragraph, item.name, bold=True)
        if item.description:
            add_text(paragraph, ": " + item.description)
        self.cite(paragraph, item)

    def _KeyPointItem(self, container: Any, item: KeyPointItem) -> None:
        paragraph = self.paragraph(container, "List Bullet", item)
        add_text(paragraph, item.text)
        self.cite(paragraph, item)

    def _JudgmentItem(self, container: Any, item: JudgmentItem) -> None:
        estimate = f"{item.label} · {item.likelihood} ({item.probability}) · {item.confidence}"
        add_text(self.paragraph(container, "Heading 3", item), estimate)
        text = self.paragraph(container)
        add_text(text, item.text, bold=True)
        self.cite(text, item)
        add_text(self.paragraph(container), item.confidence_reason, italic=True)
        if item.basis:
            basis = "; ".join(plain(link.title) for link in item.basis)
            add_text(self.paragraph(container), f"{self._('Rests on:')} {basis}")
        if item.implications:
            implications = self.paragraph(container)
            add_text(implications, self._("For us:") + " ", bold=True)
            add_text(implications, " ".join(item.implications))
        for indicator in item.indicators:
            watch = f"{self._('Watch for:')} {indicator.text}"
            add_text(self.paragraph(container, "List Bullet"), watch)

    def _ImplicationItem(self, container: Any, item: ImplicationItem) -> None:
        add_text(self.paragraph(container, "List Bullet", item), item.text)

    def _IndicatorItem(self, container: Any, item: IndicatorItem) -> None:
        paragraph = self.paragraph(container, "List Bullet", item)
        add_text(paragraph, item.text, bold=True)
        add_text(paragraph, f" ({item.effect})")

    def _Reference(self, container: Any, item: Reference) -> None:
        see = self._("see %(section)s") % {"section": item.section_title}
        date = f", {item.date}" if item.date else ""
        add_text(self.paragraph(container, item=item), f"{item.title}{date}: {see}")

    def _ChangeItem(self, container: Any, item: ChangeItem) -> None:
        """A change since the earlier edition: earlier words struck through, later ones
        underlined, as the HTML marks them with <del> and <ins>."""
        title = self.paragraph(container, "List Bullet", item)
        title.add_run(plain(item.title)).font.strike = item.what == "withdrawn" or None
        for line in item.lines:
            paragraph = self.paragraph(container)
            if line.label:
                paragraph.add_run(f"{line.label}: ")
            if line.before:
                paragraph.add_run(plain(line.before)).font.strike = True
            if line.before and line.after:
                paragraph.add_run(" → ")
            if line.after:
                paragraph.add_run(plain(line.after)).underline = True

    def _disputes(self, container: Any, item: EventItem | PositionItem) -> None:
        for dispute in item.evidence.disputes:
            readings = "; ".join(f"{r.value} ({r.attribution})" for r in dispute.readings)
            lead = self._("Sources differ on the %(field)s:") % {"field": dispute.field}
            add_text(self.paragraph(container), f"{lead} {readings}", italic=True)

    def table(
        self, document: Any, columns: dict[str, str], groups: list[Group], caption: str
    ) -> None:
        """One table for all groups (a group's title a spanning row), header repeated on
        every page, rows kept whole. ``columns``: each column's name and heading."""
        headings = list(columns.values())
        if caption:
            add_text(self.paragraph(document, "Caption"), caption)
        table = document.add_table(rows=1, cols=len(headings))
        table.style = self.style(TABLE_STYLE, "Normal Table")
        table.autofit = False
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            add_text(cell.paragraphs[0], heading, bold=True)
        repeat_header_row(table.rows[0])
        for group in groups:
            if group.title and len(groups) > 1:
                row = table.add_row()
                merged = row.cells[0].merge(row.cells[-1])
                add_text(merged.paragraphs[0], group.title, bold=True)
            for item in group.items:
                self._row(table.add_row(), item)
        _widths(table, document, list(columns))

    def _row(self, row: Any, item: Item) -> None:
        cant_split(row)
        cells = row.cells
        self.portion(
            cells[0].paragraphs[0] if isinstance(item, ActorItem) else cells[1].paragraphs[0],
            item.marking,
        )
        if isinstance(item, ActorItem):
            add_text(cells[0].paragraphs[0], item.name, bold=True)
            if len(cells) > 1:
                add_text(cells[1].paragraphs[0], item.description)
            # The citation follows the last words it grounds: the name, when no role is told.
            told = cells[1] if len(cells) > 1 and item.description else cells[0]
            self.cite(told.paragraphs[0], item)
            return
        date = getattr(item, "date", "")
        add_text(cells[0].paragraphs[0], date)
        first = cells[1].paragraphs[0]
        if isinstance(item, Reference):
            see = self._("see %(section)s") % {"section": item.section_title}
            add_text(first, f"{item.title}: {see}")
            return
        if isinstance(item, EventItem):
            add_text(first, item.title, bold=True)
            if item.text:
                add_text(cells[1].add_paragraph(), item.text)
            self.cite(cells[1].paragraphs[-1], item)
            if len(cells) > 2:
                add_text(cells[2].paragraphs[0], item.place)
