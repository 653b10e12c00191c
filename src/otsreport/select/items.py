"""Records into items, one builder per kind of record: what each item kind shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from markupsafe import Markup

from otsreport.dates import DateSpan
from otsreport.i18n import pick
from otsreport.models import (
    Actor,
    Assessment,
    Citation,
    Dispute,
    Event,
    KeyPoint,
    Marked,
    Position,
    Statement,
)
from otsreport.select.labels import ACTOR_KINDS, DISPUTE_FIELDS, MEMBERSHIP_LABELS
from otsreport.select.shaping import Shaper
from otsreport.select.views import (
    ActorItem,
    AssessmentItem,
    DisputeView,
    EventItem,
    Evidence,
    KeyPointItem,
    PositionItem,
    Reading,
    Reference,
    StatementItem,
)

Full = EventItem | PositionItem | StatementItem | AssessmentItem | ActorItem


def full(shaper: Shaper, record: Event | Position | Statement | Assessment | Actor) -> Full:
    """A record told in full, by the builder of its kind."""
    if isinstance(record, Event):
        return event(shaper, record)
    if isinstance(record, Position):
        return position(shaper, record)
    if isinstance(record, Statement):
        return statement(shaper, record)
    if isinstance(record, Assessment):
        return assessment(shaper, record)
    return actor(shaper, record)


def evidence(shaper: Shaper, record: Event | Position | Statement) -> Evidence:
    """Notes, sources and corroboration of a record, and where its sources disagree."""
    disputes = tuple(record.disputed)
    extra = [c for d in disputes for c in [*d.citations, *d.record_citations]]
    found = shaper.citer.evidence(record.citations, extra)
    if not disputes:
        return found
    views = []
    for field in sorted({d.field for d in disputes}, key=list(DISPUTE_FIELDS).index):
        others = [d for d in disputes if d.field == field]
        own = Reading(
            _value(shaper, record, field, None),
            shaper.citer.attribution(own_citations(record.citations, others)),
        )
        readings = [own] + [
            Reading(_value(shaper, record, field, d.value), shaper.citer.attribution(d.citations))
            for d in others
        ]
        views.append(DisputeView(shaper._(DISPUTE_FIELDS[field]), tuple(readings)))
    return replace(found, disputes=tuple(views))


def own_citations(citations: Sequence[Citation], disputes: Sequence[Dispute]) -> list[Citation]:
    """The citations that give a record's own value of a disputed field: those its disputes
    name (``record_citations``), else the record's own from sources that give no other
    value; a source cannot back two values of one field. When every source of the record
    gives another value, there is nothing left to say which gives its own: validation
    warns, and all the record's citations are named, as the record cites them."""
    named = [c for d in disputes for c in d.record_citations]
    if named:
        return list({(c.source, c.paragraph, c.quote): c for c in named}.values())
    others = {c.source for d in disputes for c in d.citations}
    return [c for c in citations if c.source not in others] or list(citations)


def _value(shaper: Shaper, record: Event | Position | Statement, field: str, other: object) -> str:
    """The record's own value of ``field`` (``other`` None), or another source's, as printed."""
    if field == "date":
        if other is not None:
            return shaper.date(DateSpan.parse(str(other)))
        return shaper.date(record.date, getattr(record, "timing", None))
    if field == "place":
        return shaper.place(str(other) if other is not None else getattr(record, "place", None))
    return str(other) if other is not None else shaper.t(getattr(record, "title", ""))


def event(shaper: Shaper, event: Event) -> EventItem:
    title = shaper.t(event.title)
    show_note = shaper.detail.notes and event.note is not None
    return EventItem(
        id=event.id,
        evidence=evidence(shaper, event),
        marking=shaper.marked(
            event, [*event.participants, event.place], ["note"] if show_note else []
        ),
        title=title,
        text=shaper.summary(event.summary),
        date=shaper.date(event.date, event.timing),
        date_iso=event.date.start.isoformat() if event.date else "",
        place=shaper.place(event.place),
        who=shaper.names(event.participants),
        # The instrument, when it is not the title itself (in any language: a translated
        # title beside the English document name would name the agreement twice).
        document=shaper.t(event.document)
        if event.document and pick(event.document, "en") != pick(event.title, "en")
        else "",
        kind_label=shaper.event_kind(event.kind),
        note=shaper.t(event.note) if show_note else Markup(""),
    )


def position(shaper: Shaper, position: Position) -> PositionItem:
    return PositionItem(
        id=position.id,
        evidence=evidence(shaper, position),
        marking=shaper.marked(position, position.holders, ["reason"]),
        sentence=shaper.position_line(position),
        who=shaper.names(position.holders, conjunction=True),
        stance=shaper.stance_verb(position.stance, len(position.holders)),
        subject=shaper.t(position.subject),
        reason=shaper.t(position.reason),
        date=shaper.date(position.date),
    )


def statement(shaper: Shaper, statement: Statement) -> StatementItem:
    speakers = statement.all_speakers
    shown: list[str] = []  # the markings of an actor's fields printed beside its name
    if len(speakers) == 1:
        first = shaper.actors[speakers[0]]
        role = Markup(", ") + shaper.t(first.roles[0]) if first.roles else Markup("")
        who = shaper.proper(first.name) + role
        shown += [first.field_markings["roles"]] if role and "roles" in first.field_markings else []
    else:
        who = shaper.names(speakers, conjunction=True)
    return StatementItem(
        id=statement.id,
        evidence=evidence(shaper, statement),
        marking=shaper.marked(statement, speakers, ["context"], also=shown),
        quote=statement.quote,
        speaker=who,
        context=shaper.summary(statement.context),
        date=shaper.date(statement.date, statement.timing),
        lang=shaper.quote_language(statement),
    )


def assessment(shaper: Shaper, assessment: Assessment) -> AssessmentItem:
    """A view, labelled with whose it is: the source's own, or one the source reports."""
    _ = shaper._
    labels = _labels(shaper, assessment.citations)
    source = labels[0]
    if len(labels) > 1:
        source = _("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])
    forecast = assessment.kind == "forecast"
    holder = assessment.holder
    named: list[str | None] = []
    if holder is None:
        label = _("%(source)s forecasts:") if forecast else _("%(source)s judges:")
        attribution = label % {"source": source}
    else:
        named = [holder.actor]
        who = shaper.plain(shaper.actors[holder.actor].name if holder.actor else holder.text)
        label = (
            _("%(source)s reports this forecast by %(holder)s:")
            if forecast
            else _("%(source)s reports this view of %(holder)s:")
        )
        attribution = label % {"source": source, "holder": who}
    return AssessmentItem(
        id=assessment.id,
        evidence=shaper.citer.evidence(assessment.citations),
        marking=shaper.marked(assessment, named),
        wording=assessment.wording,
        gist=shaper.summary(assessment.gist),
        attribution=attribution,
        lang=shaper.quote_language(assessment),
    )


def _labels(shaper: Shaper, citations: Sequence[Citation]) -> list[str]:
    return list(dict.fromkeys(shaper.citer.labels[c.source] for c in citations))


def actor(shaper: Shaper, actor: Actor) -> ActorItem:
    _ = shaper._
    memberships = [
        Markup(_("{organisation}: {status}")).format(
            organisation=shaper.short(m.organization), status=_(MEMBERSHIP_LABELS[m.status])
        )
        for m in actor.memberships
    ]
    parts = [shaper.t(role) for role in actor.roles] + memberships
    if actor.located_in:
        parts.append(shaper.place(actor.located_in))
    short = shaper.proper(actor.short_name)
    organisations = [m.organization for m in actor.memberships]
    show_aliases = shaper.detail.notes and bool(actor.aliases)
    fields = ["roles", "memberships"] + (["aliases"] if show_aliases else [])
    return ActorItem(
        id=actor.id,
        evidence=shaper.citer.evidence(actor.citations),
        marking=shaper.marked(actor, [actor.located_in, *organisations], fields),
        name=shaper.proper(actor.name),
        short_name=short if short != shaper.proper(actor.name) else Markup(""),
        description=Markup("; ").join(parts),
        kind_label=_(ACTOR_KINDS[actor.kind]),
        aliases=Markup(", ").join(actor.aliases) if show_aliases else Markup(""),
    )


def key_point(shaper: Shaper, number: int, point: KeyPoint) -> KeyPointItem:
    return KeyPointItem(
        id=f"key-point-{number}",
        evidence=shaper.grounded(point.refs),
        marking=shaper.marked(point),
        text=shaper.t(point.text),
    )


def reference(shaper: Shaper, record: Marked, section_title: str, target: str) -> Reference:
    """One line for a record told in full elsewhere in the brief."""
    span: DateSpan | None = getattr(record, "date", None)
    named = [*getattr(record, "all_speakers", ()), *getattr(record, "holders", ())]
    return Reference(
        id=str(getattr(record, "id", "")),
        evidence=Evidence(),
        marking=shaper.marked(record, named),
        title=shaper.title_of(record),
        date=shaper.date(span, getattr(record, "timing", None)),
        date_iso=span.start.isoformat() if span else "",
        section_title=section_title,
        target=target,
    )
