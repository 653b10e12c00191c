"""Plain blocks of text, and each kind of item as blocks: what Markdown and plain text are
written from (``prose`` lays out the whole brief with them).

The same choices as the Word writer and the item templates, in the terms of a text file: a
source's view labelled as its view, a quotation in the reader's quotation marks, each item
opened by its portion mark where the brief prints them, citations as numbered notes (or
inline, as the profile says). Text is plain here: the composed brief's ready-escaped HTML
is reduced to its text, and each format escapes it for its own syntax. A note's call stands
in the text as a placeholder (``call``) that each format writes its own way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from markupsafe import Markup

from otsreport.i18n import gettext_for
from otsreport.markings import Marking
from otsreport.select.views import (
    ActorItem,
    AssessmentItem,
    ChangeItem,
    EventItem,
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

CALL: Final = re.compile("\x00(\\d+)\x00")


def call(number: int) -> str:
    """Where note ``number`` is called, until a format writes the call (``CALL``)."""
    return f"\x00{number}\x00"


def plain(text: str) -> str:
    """A composed field as one line of plain text: tags dropped and entities decoded where it
    is ready-escaped HTML, spacing collapsed, and no placeholder character let through."""
    if isinstance(text, Markup):
        text = text.striptags()
    return " ".join(text.replace("\x00", "").split())


@dataclass(frozen=True)
class Block:
    """One block: ``heading`` (with its ``level``), ``paragraph``, ``quote``, ``bullet``,
    ``fact`` (a ``label`` and its value) or ``table`` (``rows``, the first its headings)."""

    kind: str
    text: str = ""
    level: int = 0
    emphasis: str = ""  # "strong" or "em", for the whole block
    label: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass
class Prose:
    marking: str
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # number -> text, in calling order


def joined(blocks: list[Block], write: Callable[[Block], str]) -> list[str]:
    """Each block written, a run of bullets (or of facts) as one list: a blank line between
    two of its lines would make a loose list in Markdown, and a gappy one in an email."""
    parts: list[str] = []
    previous = ""
    for block in blocks:
        if block.kind in ("bullet", "fact") and block.kind == previous:
            parts[-1] += "\n" + write(block)
        else:
            parts.append(write(block))
        previous = block.kind
    return parts


class BlockWriter:
    """Appends blocks for one brief: its portion marks, its citations, each item kind."""

    def __init__(self, portion_marks: bool, citations: str, locale: str, marking: str) -> None:
        self.portion_marks = portion_marks
        self.citations = citations  # footnotes, inline or none
        self.locale = locale
        self._: Callable[[str], str] = gettext_for(locale)
        self.out = Prose(marking)

    def add(
        self,
        kind: str,
        text: str = "",
        *,
        level: int = 0,
        emphasis: str = "",
        label: str = "",
        rows: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        if text or rows:
            self.out.blocks.append(Block(kind, text, level, emphasis, label, rows))

    def portion(self, marking: Marking | None) -> str:
        return f"({marking.portion}) " if marking is not None and self.portion_marks else ""

    def cite(self, item: Item) -> str:
        """The item's note calls (or inline citations), and how many sources report it."""
        text = ""
        if self.citations == "footnotes":
            for note in item.notes:
                grade = f" ({note.grade})" if note.grade else ""
                # A citation quoted in an earlier note is given short, under its own number.
                quote = "." if note.first else ": " + quoted(plain(note.quote), self.locale)
                entry = f"{plain(note.source_title)}, ¶{note.paragraph}{grade}{quote}"
                self.out.notes.setdefault(note.number, entry)
                text += call(note.number)
        elif self.citations == "inline" and item.evidence.sources:
            cited = "; ".join(
                f"{plain(c.label)} ¶{', '.join(map(str, c.paragraphs))}"
                + (f" {c.grade}" if c.grade else "")
                for c in item.evidence.sources
            )
            text += f" ({cited})"
        if item.evidence.corroboration:
            text += f" [{plain(item.evidence.corroboration)}]"
        return text

    def item(self, item: Item) -> None:
        getattr(self, f"_{type(item).__name__}")(item)

    def _EventItem(self, item: EventItem) -> None:
        self.add("heading", self.portion(item.marking) + plain(item.title), level=4)
        meta = " · ".join(plain(p) for p in (item.kind_label, item.date, item.place, item.who) if p)
        self.add("paragraph", meta, emphasis="em")
        self.add("paragraph", plain(item.text or item.document) + self.cite(item))
        self._disputes(item)
        if item.note:
            note = self._("Note: %(note)s") % {"note": plain(item.note)}
            self.add("paragraph", note, emphasis="em")

    def _PositionItem(self, item: PositionItem) -> None:
        text = self.portion(item.marking) + plain(item.sentence)
        if item.date:
            text += f" ({plain(item.date)})"
        if item.reason:
            text += "; " + self._("reason given: %(reason)s") % {"reason": plain(item.reason)}
        self.add("paragraph", text + "." + self.cite(item))
        self._disputes(item)

    def _StatementItem(self, item: StatementItem) -> None:
        self.add("quote", quoted(plain(item.quote), self.locale))
        self.add("paragraph", plain(item.context), emphasis="em")
        speaker = plain(item.speaker) + (f", {plain(item.date)}" if item.date else "")
        self.add("paragraph", self.portion(item.marking) + speaker + self.cite(item))

    def _AssessmentItem(self, item: AssessmentItem) -> None:
        attribution = self.portion(item.marking) + plain(item.attribution)
        self.add("paragraph", attribution, emphasis="strong")
        self.add("quote", quoted(plain(item.wording), self.locale) + self.cite(item))
        if item.gist:
            self.add("paragraph", self._("In short: %(gist)s") % {"gist": plain(item.gist)})

    def _ActorItem(self, item: ActorItem) -> None:
        description = f": {plain(item.description)}" if item.description else ""
        text = self.portion(item.marking) + plain(item.name) + description
        self.add("paragraph", text + self.cite(item))

    def _KeyPointItem(self, item: KeyPointItem) -> None:
        self.add("bullet", self.portion(item.marking) + plain(item.text) + self.cite(item))

    def _JudgmentItem(self, item: JudgmentItem) -> None:
        estimate = (
            " · ".join((plain(item.label), f"{plain(item.likelihood)} ({item.probability})"))
            + f" · {plain(item.confidence)}"
        )
        self.add("heading", self.portion(item.marking) + estimate, level=4)
        self.add("paragraph", plain(item.text) + self.cite(item), emphasis="strong")
        self.add("paragraph", plain(item.confidence_reason), emphasis="em")
        if item.basis:
            basis = "; ".join(plain(link.title) for link in item.basis)
            self.add("paragraph", f"{self._('Rests on:')} {basis}")
        if item.implications:
            implications = " ".join(plain(text) for text in item.implications)
            self.add("paragraph", f"{self._('For us:')} {implications}")
        for indicator in item.indicators:
            self.add("bullet", f"{self._('Watch for:')} {plain(indicator.text)}")

    def _ImplicationItem(self, item: ImplicationItem) -> None:
        self.add("bullet", self.portion(item.marking) + plain(item.text))

    def _IndicatorItem(self, item: IndicatorItem) -> None:
        text = f"{plain(item.text)} ({plain(item.effect)})"
        self.add("bullet", self.portion(item.marking) + text)

    def _ChangeItem(self, item: ChangeItem) -> None:
        """A record added, withdrawn or changed (``build --since``): its title, then each
        change as 'earlier → later', the words of the group it is in saying which."""
        self.add("bullet", self.portion(item.marking) + plain(item.title))
        for line in item.lines:
            moved = " → ".join(plain(w) for w in (line.before, line.after) if w)
            self.add("bullet", f"{plain(line.label)}: {moved}" if line.label else moved)

    def _Reference(self, item: Reference) -> None:
        see = self._("see %(section)s") % {"section": plain(item.section_title)}
        date = f", {plain(item.date)}" if item.date else ""
        self.add("paragraph", f"{self.portion(item.marking)}{plain(item.title)}{date} ({see})")

    def _disputes(self, item: EventItem | PositionItem) -> None:
        for dispute in item.evidence.disputes:
            readings = "; ".join(
                f"{plain(r.value)} ({plain(r.attribution)})" for r in dispute.readings
            )
            lead = self._("Sources differ on the %(field)s:") % {"field": plain(dispute.field)}
            self.add("paragraph", f"{lead} {readings}", emphasis="em")
