"""The words of a brief: ids resolved to names, dates and labels in the reader's language,
and the markings of everything printed.

One ``Shaper`` serves one brief (its ``Citer`` numbers notes through the whole brief, and
``used`` collects markings for the banner); ``items.py`` builds the items with it. Every text
it returns is ready-escaped HTML (``Markup``): data fields are escaped, and an English
fallback inside a brief in another language is marked ``lang="en"``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from otsreport import vocabulary
from otsreport.dates import DateSpan
from otsreport.editions.compare import Comparison
from otsreport.i18n import FALLBACK, gettext_for, language_of, pick, translations
from otsreport.markings import Marking, Scheme, scheme_of
from otsreport.models import (
    COLLECTIONS,
    Actor,
    Assessment,
    Citation,
    Detail,
    Dossier,
    Event,
    Judgment,
    Marked,
    Position,
    Source,
    Statement,
    Topic,
)
from otsreport.registry import disputed_citations, kind_of
from otsreport.select.citing import Citer
from otsreport.select.labels import EVENT_KINDS
from otsreport.select.views import Evidence
from otsreport.typography import quoted, smarten, spell, untranslated_quote, word_count

Text = str | dict[str, str] | None
GRADE_FIELDS = ("reliability", "credibility")


def _disputed_places(record: Marked) -> list[str]:
    return [str(d.value) for d in getattr(record, "disputed", ()) if d.field == "place"]


def _effective(record: Marked) -> str:
    if record.marking is None:  # load fills every marking in; a bare record is a bug
        raise ValueError(f"record {getattr(record, 'id', '?')} has no effective marking")
    return record.marking


class Shaper:
    """Turns records into items for one brief."""

    def __init__(
        self,
        dossier: Dossier,
        language: str,
        locale: str,
        detail: Detail,
        cite: bool,
        scheme: Scheme | None = None,
        anchors: str = "none",
    ) -> None:
        self.dossier = dossier
        self.scheme = scheme or scheme_of(dossier.info.marking_scheme)
        self.separate_kinds: set[str] = set()  # kinds of section this brief has
        # What changed since an earlier edition, for this reader (``build --since``).
        self.changes: Comparison | None = None
        # Fitting to the page budget (``trimming``): items left out per section id, and how
        # many could be at most; set by ``compose_sections``.
        self.fitted_out: dict[str, int] = {}
        self.trimmable = 0
        # Every marking of what this brief prints, so its banner is the most restrictive
        # of them: a property of the content, not a label. The dossier is already cut to
        # the reader's ceiling, so only markings within it can be collected here.
        self.used: set[Marking] = set()
        self._depends: dict[int, list[str]] = {}
        self.language = language
        self.locale = locale
        # The texts this brief shows in English for want of a translation: the build warns.
        self.in_english: set[str] = set()
        self.shown: set[str] = set()
        self._ = gettext_for(locale)
        self.npgettext = translations(locale).npgettext
        self.ngettext = translations(locale).ngettext
        self.detail = detail
        self.actors: dict[str, Actor] = {a.id: a for a in dossier.actors}
        self.sources: dict[str, Source] = {s.id: s for s in dossier.sources}
        self.event_kinds = {k.id: k.label for k in dossier.info.vocabulary.event_kinds}
        self.stances = {s.id: s for s in dossier.info.vocabulary.stances}
        self.citer = Citer(
            dossier,
            translations(locale).ngettext,
            self._,
            cite=cite,
            single_source=detail.single_source,
            anchors=anchors,
            locale=locale,
        )

    # -- words ----------------------------------------------------------------------------

    def plain(self, value: Text) -> str:
        """A data field in the reader's language, as text (English when not translated), with
        typeset quotes and apostrophes where the analyst typed straight ones."""
        text = spell(smarten(pick(value, self.language), self.locale), self.locale)
        if text:
            self.shown.add(text)
            if not self.in_reader_language(value):
                self.in_english.add(text)
        return text

    def in_reader_language(self, value: Text) -> bool:
        return self.language == FALLBACK or (isinstance(value, dict) and self.language in value)

    def t(self, value: Text) -> Markup:
        """The same, ready for HTML. An English fallback is a marked quotation, never part of
        the sentence around it: in the reader's quotation marks, ``lang="en"`` (so screen
        readers voice it and hyphenation treats it as English) and a visible cue that it is
        not translated. Compose these with Markup operations only, which keep the mark-up
        and escape everything else."""
        text = self.plain(value)
        if text and not self.in_reader_language(value):
            return untranslated_quote(text, self.locale, self._("untranslated"))
        return escape(text)

    def proper(self, value: Text) -> Markup:
        """A name (an actor's): where it has no version in the reader's language it prints as
        the dossier gives it, marked with its language but neither quoted nor cued as
        untranslated: a name is not a sentence in another language, and it is not counted
        in the brief's translation coverage."""
        text = smarten(pick(value, self.language), self.locale)
        return self.original(text, "" if self.in_reader_language(value) else FALLBACK)

    def coverage(self) -> tuple[int, int]:
        """(words in the reader's language, words) of the record text this brief shows."""
        total = sum(word_count(text) for text in self.shown)
        return total - sum(word_count(text) for text in self.in_english), total

    def foreign(self, language: str | None) -> str:
        """``language`` (a source's) where it is not the reader's, else "": what a verbatim
        quotation or title is marked with (``lang``), so it is voiced as what it is."""
        if language and language_of(language) != self.language:
            return language
        return ""

    def quote_language(self, record: object) -> str:
        """The language a record's verbatim words are in: its first cited source's, marked
        only where it is not the reader's."""
        for citation in getattr(record, "citations", ()):
            source = self.sources.get(citation.source)
            if source is not None:
                return self.foreign(source.language)
        return ""

    def original(self, text: str, language: str | None) -> Markup:
        """Words as a source wrote them (its title), never translated: in their own language,
        marked so where it is not the reader's."""
        foreign = self.foreign(language)
        if foreign:
            return Markup('<span lang="{}">{}</span>').format(foreign, text)
        return escape(text)

    def verbatim(self, text: str, record: object) -> Markup:
        """A record's verbatim words, quoted, in the language of the source they are from."""
        return self.original(self.quoted(text), self.quote_language(record))

    def quoted(self, text: str) -> str:
        """A verbatim quotation in the reader's quotation marks."""
        return quoted(text, self.locale)

    def name(self, actor_id: str | None) -> Markup:
        return self.proper(self.actors[actor_id].name) if actor_id else Markup("")

    def short(self, actor_id: str) -> Markup:
        actor = self.actors[actor_id]
        return self.proper(actor.short_name) or self.proper(actor.name)

    def names(self, actor_ids: Iterable[str], *, conjunction: bool = False) -> Markup:
        names = [self.short(a) if conjunction else self.name(a) for a in actor_ids]
        if conjunction:
            return self.names_joined(names)
        return Markup(", ").join(names)

    def names_joined(self, names: Sequence[Markup]) -> Markup:
        """'A, B and C', the conjunction in the reader's language."""
        if len(names) > 1:
            return Markup(self._("{first} and {last}")).format(
                first=Markup(", ").join(names[:-1]), last=names[-1]
            )
        return Markup(", ").join(names)

    def place(self, actor_id: str | None) -> Markup:
        if actor_id is None:
            return Markup("")
        actor = self.actors[actor_id]
        if actor.located_in:
            return Markup("{}, {}").format(self.proper(actor.name), self.short(actor.located_in))
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

    @functools.cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.dossier.topics}

    @functools.cached_property
    def records(self) -> dict[str, Any]:
        """Every record of the brief's dossier by id: what key points and judgments name."""
        return {r.id: r for c in COLLECTIONS for r in getattr(self.dossier, c)}

    def grounding(self, refs: Sequence[str]) -> list[Citation]:
        """Citations of the records ``refs`` names, each once, in order: what grounds a key
        point or a judgment."""
        seen: dict[tuple[str, int, str], Citation] = {}
        for ref in refs:
            for citation in getattr(self.records.get(ref), "citations", []):
                seen.setdefault((citation.source, citation.paragraph, citation.quote), citation)
        return list(seen.values())

    def grounded(self, refs: Sequence[str]) -> Evidence:
        """The evidence of an item told from several records (a key point, a judgment):
        their citations, each once, as its notes; corroborated only as far as its least
        corroborated record is, since each record is a fact of its own."""
        facts = [list(getattr(self.records.get(ref), "citations", [])) for ref in refs]
        return self.citer.evidence(self.grounding(refs), facts=facts)

    def marked(
        self,
        record: Marked,
        actor_ids: Iterable[str | None] = (),
        fields: Iterable[str] = (),
        also: Iterable[str | Marking] = (),
    ) -> Marking:
        """The marking of a record as printed: itself, the actors it names, the sources it
        cites (and their grades, where shown), the fields of it shown, and ``also``.
        Recorded for the banner."""
        found: list[str | Marking] = [*self.depends(record), *also]
        found += [m for a in actor_ids if a for m in self.actor_markings(a)]
        found += [record.field_markings[f] for f in fields if f in record.field_markings]
        return self.use(found)

    def depends(self, record: Marked) -> list[str]:
        """The markings of all that a record cannot be told without, as the cut reads them
        from its kind's row (``registry``): itself, the sources it cites (and their grades),
        the actors it names, its topics, the records it rests on. So a banner computed from
        them always releases every record the brief prints."""
        key = id(record)
        if key not in self._depends:
            self._depends[key] = [_effective(record)]  # a basis that loops ends here
            spec = kind_of(record)
            found = [_effective(record)]
            for citation in [*spec.cites(record), *disputed_citations(record)]:
                found += self.source_markings(self.sources[citation.source])
            named = [*spec.names(record), *_disputed_places(record)]
            found += [m for a in named if a in self.actors for m in self.actor_markings(a)]
            topics = self.topics
            found += [_effective(topics[t]) for t in getattr(record, "topics", ()) if t in topics]
            for ref in spec.rests_on(record):
                if ref in self.records:
                    found += self.depends(self.records[ref])
            self._depends[key] = found
        return self._depends[key]

    def actor_markings(self, actor_id: str) -> list[str]:
        """An actor as a brief names it: itself, and where a place is, which ``place``
        prints beside it ('Grey Pier, Osk')."""
        actor = self.actors[actor_id]
        found = [_effective(actor)]
        if actor.located_in and actor.located_in in self.actors:
            found.append(_effective(self.actors[actor.located_in]))
        return found

    def source_markings(self, source: Source) -> list[str]:
        """A cited source's marking, and its grades' where the notes print them."""
        found = [_effective(source)]
        if self.citer.cite:
            found += [m for f, m in source.field_markings.items() if f in GRADE_FIELDS]
        return found

    def use(self, markings: Iterable[str | Marking]) -> Marking:
        """The combined marking of what one printed passage shows, counted for the banner."""
        marking = self.scheme.combine(markings)
        self.used.add(marking)
        return marking

    def title_of(self, record: object) -> Markup:
        """A record's name in one line, whatever its kind."""
        if isinstance(record, Event):
            return self.t(record.title)
        if isinstance(record, Position):
            return self.position_line(record)
        if isinstance(record, Statement):
            return Markup("{}: {}").format(
                self.names(record.all_speakers, conjunction=True),
                self.verbatim(record.quote, record),
            )
        if isinstance(record, Assessment):
            return self.verbatim(record.wording, record)
        if isinstance(record, Actor):
            return self.proper(record.name)
        if isinstance(record, Judgment):
            return self.t(record.text)
        return Markup("")

    def position_line(self, position: Position) -> Markup:
        """'Kestria supports a joint quota'. Where the subject has no version in the reader's
        language, the whole sentence is told in the dossier's language, as one marked
        quotation: no sentence runs on in two languages."""
        if not self.in_reader_language(position.subject):
            return self._untranslated_position(position)
        verb = self.stance_verb(position.stance, len(position.holders))
        return Markup(self._("{who} {verb} {subject}")).format(
            who=self.names(position.holders, conjunction=True),
            verb=verb,
            subject=self.t(position.subject),
        )

    def _untranslated_position(self, position: Position) -> Markup:
        """The position's sentence in the dossier's language (its names, verb and subject),
        quoted and cued as untranslated; the subject counts as text shown untranslated."""
        english = translations(FALLBACK)
        names = [
            pick(self.actors[a].short_name, FALLBACK) or pick(self.actors[a].name, FALLBACK)
            for a in position.holders
        ]
        who = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        declared = self.stances.get(position.stance)
        if declared is not None:
            form = declared.plural if len(names) > 1 and declared.plural else declared.label
            verb = pick(form, FALLBACK)
        else:
            verb = _builtin_stance_verb(english.npgettext, position.stance, len(names))
        self.plain(position.subject)  # shown in English: counted against the coverage
        sentence = smarten(f"{who} {verb} {pick(position.subject, FALLBACK)}", self.locale)
        return untranslated_quote(sentence, self.locale, self._("untranslated"))


def _builtin_stance_verb(
    npgettext: Callable[[str, str, str, int], str], stance: str, holders: int
) -> str:
    """The verb for one holder or several, so each language can make it agree (the catalogue
    has both forms of every built-in stance, from vocabulary.yaml)."""
    term = vocabulary.built_in()["stances"].term(stance)
    if term is None:
        return stance
    return npgettext(vocabulary.STANCE_CONTEXT, term.label, term.plural or term.label, holders)
