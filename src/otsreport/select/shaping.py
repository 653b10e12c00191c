"""Records into items: ids resolved to names, dates formatted, notes numbered, in the
reader's language.

One ``Shaper`` serves one brief, so note numbers run through the whole brief in reading
order. Every text it returns is ready-escaped HTML (``Markup``): data fields are escaped,
and an English fallback inside a brief in another language is marked ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from otsreport.dates import DateSpan
from otsreport.i18n import FALLBACK, gettext_for, pick, translations
from otsreport.models import (
    Actor,
    Assessment,
    Citation,
    Detail,
    Dossier,
    Event,
    KeyPoint,
    Marked,
    Position,
    Source,
    Statement,
)
from otsreport.release import most_restrictive
from otsreport.select.labels import ACTOR_KINDS, EVENT_KINDS, MEMBERSHIP_LABELS
from otsreport.select.views import (
    ActorItem,
    AssessmentItem,
    EventItem,
    KeyPointItem,
    Note,
    PositionItem,
    Reference,
    StatementItem,
)

Text = str | dict[str, str] | None


class Shaper:
    """Turns records into items for one brief."""

    def __init__(
        self,
        dossier: Dossier,
        language: str,
        locale: str,
        detail: Detail,
        cite: bool,
        ceiling: str = "TLP:RED",
    ) -> None:
        self.dossier = dossier
        self.ceiling = ceiling
        # Every marking of what this brief prints, so its banner is the most restrictive
        # of them: a property of the content, not a label.
        self.used: set[str] = set()
        self.language = language
        self.locale = locale
        self._ = gettext_for(language)
        self.npgettext = translations(language).npgettext
        self.detail = detail
        self.cite = cite
        self.actors: dict[str, Actor] = {a.id: a for a in dossier.actors}
        self.sources: dict[str, Source] = {s.id: s for s in dossier.sources}
        self.event_kinds = {k.id: k.label for k in dossier.info.event_kinds}
        self.stances = {s.id: s for s in dossier.info.stances}
        self.next_note = 1

    # -- words ----------------------------------------------------------------------------

    def plain(self, value: Text) -> str:
        """A data field in the reader's language, as text (English when not translated)."""
        return pick(value, self.language)

    def t(self, value: Text) -> Markup:
        """The same, ready for HTML, with an English fallback marked ``lang="en"`` so screen
        readers voice it and hyphenation treats it as English. Compose these with Markup
        operations only, which keep the mark-up and escape everything else."""
        text = self.plain(value)
        in_reader_language = self.language == FALLBACK or (
            isinstance(value, dict) and self.language in value
        )
        if text and not in_reader_language:
            return Markup('<span lang="en">{}</span>').format(text)
        return escape(text)

    def name(self, actor_id: str | None) -> Markup:
        return self.t(self.actors[actor_id].name) if actor_id else Markup("")

    def short(self, actor_id: str) -> Markup:
        actor = self.actors[actor_id]
        return self.t(actor.short_name) or self.t(actor.name)

    def names(self, actor_ids: Iterable[str], *, conjunction: bool = False) -> Markup:
        names = [self.short(a) if conjunction else self.name(a) for a in actor_ids]
        if conjunction and len(names) > 1:
            return Markup(self._("{first} and {last}")).format(
                first=Markup(", ").join(names[:-1]), last=names[-1]
            )
        return Markup(", ").join(names)

    def place(self, actor_id: str | None) -> Markup:
        if actor_id is None:
            return Markup("")
        actor = self.actors[actor_id]
        if actor.located_in:
            return Markup("{}, {}").format(self.t(actor.name), self.short(actor.located_in))
        return self.short(actor_id)

    def date(self, span: DateSpan | None, timing: Text = None) -> Markup:
        if span is not None:
            return escape(span.format(self.locale, approximate_prefix=self._("c.")))
        return self.t(timing)

    def event_kind(self, kind: str) -> Markup:
        if kind in self.event_kinds:
            return self.t(self.event_kinds[kind])
        return escape(self._(EVENT_KINDS.get(kind, kind)))

    def stance_verb(self, stance: str, holders: int) -> Markup:
        declared = self.stances.get(stance)
        if declared is not None:
            form = declared.plural if holders > 1 and declared.plural else declared.label
            return self.t(form)
        return escape(_builtin_stance_verb(self.npgettext, stance, holders))

    def summary(self, text: Text) -> Markup:
        return Markup("") if self.detail.summary_only else self.t(text)

    def notes(self, citations: Sequence[Citation]) -> tuple[Note, ...]:
        if not self.cite:
            return ()
        notes = []
        for citation in citations:
            source = self.sources[citation.source]
            label = source.short_title or source.title
            notes.append(Note(self.next_note, label, citation.paragraph, citation.quote))
            self.next_note += 1
        return tuple(notes)

    def marked(
        self, record: Marked, actor_ids: Iterable[str | None] = (), fields: Iterable[str] = ()
    ) -> str:
        """The most restrictive marking of a record as printed: itself, the actors it names,
        the sources it cites and the fields of it shown. Recorded for the banner."""
        found = [record.marking or "TLP:RED"]
        found += [self.actors[a].marking or "TLP:RED" for a in actor_ids if a]
        found += [record.field_markings[f] for f in fields if f in record.field_markings]
        for citation in getattr(record, "citations", ()):
            found.append(self.sources[citation.source].marking or "TLP:RED")
        marking = most_restrictive(found)
        self.used.add(marking)
        return marking

    # -- items ----------------------------------------------------------------------------

    def event(self, event: Event) -> EventItem:
        title = self.t(event.title)
        return EventItem(
            id=event.id,
            notes=self.notes(event.citations),
            marking=self.marked(event, [*event.participants, event.place]),
            title=title,
            text=self.summary(event.summary),
            date=self.date(event.date, event.timing),
            date_iso=event.date.start.isoformat() if event.date else "",
            place=self.place(event.place),
            who=self.names(event.participants),
            document=event.document if event.document and event.document != title else "",
            kind_label=self.event_kind(event.kind),
        )

    def position(self, position: Position) -> PositionItem:
        return PositionItem(
            id=position.id,
            notes=self.notes(position.citations),
            marking=self.marked(position, position.holders, ["reason"]),
            sentence=self.position_line(position),
            who=self.names(position.holders, conjunction=True),
            stance=self.stance_verb(position.stance, len(position.holders)),
            subject=self.t(position.subject),
            reason=self.t(position.reason),
            date=self.date(position.date),
        )

    def statement(self, statement: Statement) -> StatementItem:
        speaker = self.actors[statement.speaker]
        role = Markup(", ") + self.t(speaker.roles[0]) if speaker.roles else Markup("")
        return StatementItem(
            id=statement.id,
            notes=self.notes(statement.citations),
            marking=self.marked(statement, [statement.speaker], ["context"]),
            quote=statement.quote,
            speaker=self.t(speaker.name) + role,
            context=self.summary(statement.context),
            date=self.date(statement.date, statement.timing),
        )

    def assessment(self, assessment: Assessment) -> AssessmentItem:
        forecast = assessment.kind == "forecast"
        return AssessmentItem(
            id=assessment.id,
            notes=self.notes(assessment.citations),
            marking=self.marked(assessment),
            wording=assessment.wording,
            gist=self.summary(assessment.gist),
            attribution=self._("The source forecasts:")
            if forecast
            else self._("The source judges:"),
        )

    def actor(self, actor: Actor) -> ActorItem:
        memberships = [
            Markup(self._("{organisation}: {status}")).format(
                organisation=self.short(m.organization), status=self._(MEMBERSHIP_LABELS[m.status])
            )
            for m in actor.memberships
        ]
        parts = [self.t(role) for role in actor.roles] + memberships
        if actor.located_in:
            parts.append(self.place(actor.located_in))
        short = self.t(actor.short_name)
        organisations = [m.organization for m in actor.memberships]
        return ActorItem(
            id=actor.id,
            notes=self.notes(actor.citations),
            marking=self.marked(
                actor, [actor.located_in, *organisations], ["roles", "memberships"]
            ),
            name=self.t(actor.name),
            short_name=short if short != self.t(actor.name) else Markup(""),
            description=Markup("; ").join(parts),
            kind_label=self._(ACTOR_KINDS[actor.kind]),
        )

    def key_point(
        self, number: int, point: KeyPoint, citations: Sequence[Citation]
    ) -> KeyPointItem:
        found = [point.marking or "TLP:RED"]
        found += [self.sources[c.source].marking or "TLP:RED" for c in citations]
        marking = most_restrictive(found)
        self.used.add(marking)
        return KeyPointItem(
            id=f"key-point-{number}",
            notes=self.notes(citations),
            marking=marking,
            text=self.t(point.text),
        )

    def reference(self, record: Marked, section_title: str, target: str) -> Reference:
        """One line for a record told in full elsewhere in the brief."""
        span: DateSpan | None = getattr(record, "date", None)
        named = [getattr(record, "speaker", None), *getattr(record, "holders", ())]
        return Reference(
            id=str(getattr(record, "id", "")),
            notes=(),
            marking=self.marked(record, named),
            title=self.title_of(record),
            date=self.date(span, getattr(record, "timing", None)),
            date_iso=span.start.isoformat() if span else "",
            section_title=section_title,
            target=target,
        )

    def title_of(self, record: object) -> Markup:
        """A record's name in one line, whatever its kind."""
        if isinstance(record, Event):
            return self.t(record.title)
        if isinstance(record, Position):
            return self.position_line(record)
        if isinstance(record, Statement):
            return Markup("{}: “{}”").format(self.name(record.speaker), record.quote)
        if isinstance(record, Assessment):
            return Markup("“{}”").format(record.wording)
        if isinstance(record, Actor):
            return self.t(record.name)
        return Markup("")

    def position_line(self, position: Position) -> Markup:
        verb = self.stance_verb(position.stance, len(position.holders))
        return Markup(self._("{who} {verb} {subject}")).format(
            who=self.names(position.holders, conjunction=True),
            verb=verb,
            subject=self.t(position.subject),
        )


def _builtin_stance_verb(
    npgettext: Callable[[str, str, str, int], str], stance: str, holders: int
) -> str:
    """The verb for one holder or several, so each language can make it agree. Written out
    call by call so the catalog extractor finds every form."""
    forms = {
        "supports": npgettext("stance verb", "supports", "support", holders),
        "opposes": npgettext("stance verb", "opposes", "oppose", holders),
        "pursues": npgettext("stance verb", "pursues", "pursue", holders),
        "embraces": npgettext("stance verb", "embraces", "embrace", holders),
        "seeks": npgettext("stance verb", "seeks", "seek", holders),
    }
    return forms.get(stance, stance)
