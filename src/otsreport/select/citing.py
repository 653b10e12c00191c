"""Citations as printed: each names its source, its paragraph and its grade, and links there.

One ``Citer`` serves one brief, so notes are numbered through the brief in reading order.
A fact cited by two or more sources says so; sources of one publisher count once, since a
wire story reprinted three times is still one report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from otsreport.i18n import FALLBACK, language_of, pick
from otsreport.models import Citation, Dossier, Source
from otsreport.select.anchors import at_quotes
from otsreport.select.views import CitedSource, Evidence, Note
from otsreport.typography import quoted

LABEL_WORDS: Final = 4


def source_label(source: Source, language: str = FALLBACK) -> str:
    """How citations name a source: its ``short`` label (in the reader's language), else its
    publisher, else the first words of its title."""
    if source.short:
        return pick(source.short, language)
    if source.publisher:
        return source.publisher
    words = source.title.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def paragraph_of(citation: Citation) -> int:
    """A loaded dossier's citations all have their paragraph: the loader finds it from the
    quote where it was left out, and validation rejects the rest."""
    if citation.paragraph is None:
        raise ValueError(f"citation of '{citation.source}' has no paragraph: validate first")
    return citation.paragraph


class Citer:
    """Numbers notes and groups citations by source for one brief."""

    def __init__(
        self,
        dossier: Dossier,
        ngettext: Callable[[str, str, int], str],
        gettext: Callable[[str], str],
        *,
        cite: bool,
        single_source: bool,
        anchors: str,  # 'paragraphs' (the appendix prints the text), 'sources' or 'none'
        locale: str = "en",
    ) -> None:
        self.locale = locale
        self.sources = {s.id: s for s in dossier.sources}
        self.labels = {s.id: source_label(s, language_of(locale)) for s in dossier.sources}
        self.ngettext = ngettext
        self._ = gettext
        self.cite = cite
        self.single_source = single_source
        self.anchors = anchors
        self.next_note = 1
        # Every call has a note of its own, numbered once through the brief; a quote cited
        # again gets a short note (source, paragraph, grade); ``numbered`` holds where each
        # quote was first given in full.
        self.numbered: dict[tuple[str, int, str], int] = {}

    def grade(self, citation: Citation) -> str:
        source = self.sources[citation.source]
        credibility = citation.credibility or source.credibility
        if source.reliability is None and credibility is None:
            return ""
        return f"{source.reliability or 'F'}{credibility or 6}"

    def href(self, citation: Citation, quotes: Sequence[str] = ()) -> str:
        """Where a citation links: the sources appendix when the brief has one, else the
        source's address opened at the quotes."""
        if self.anchors == "paragraphs":
            return f"#source-{citation.source}-p{citation.paragraph}"
        if self.anchors == "sources":
            return f"#source-{citation.source}"
        return self.at_quotes(citation.source, quotes or [citation.quote])

    def at_quotes(self, source: str, quotes: Sequence[str]) -> str:
        """The source's address with a text fragment for each quote ('' without one)."""
        return at_quotes(self.sources[source].url, quotes)

    def attribution(self, citations: Sequence[Citation]) -> str:
        """'Varen Gazette ¶4; Kestria Daily ¶2': who says it, for a reading of a dispute."""
        grouped: dict[str, list[int]] = {}
        for citation in citations:
            paragraphs = grouped.setdefault(citation.source, [])
            if paragraph_of(citation) not in paragraphs:
                paragraphs.append(paragraph_of(citation))
        return "; ".join(
            f"{self.labels[source]} ¶{', '.join(map(str, paragraphs))}"
            for source, paragraphs in grouped.items()
        )

    def evidence(
        self,
        citations: Sequence[Citation],
        extra: Sequence[Citation] = (),
        facts: Sequence[Sequence[Citation]] = (),
    ) -> Evidence:
        """Notes for ``citations`` (and ``extra``, the citations of disputed readings), the
        sources grouped for an inline citation, and the corroboration line: of the fact
        ``citations`` ground, or, for an item that tells several (``facts``, each one's
        citations), of the least corroborated of them."""
        everything = [*citations, *extra]
        notes: tuple[Note, ...] = ()
        sources: tuple[CitedSource, ...] = ()
        if self.cite:
            distinct = {(c.source, c.paragraph, c.quote): c for c in everything}
            notes = tuple(self._note(c) for c in distinct.values())
            sources = self._grouped(everything)
        told = [fact for fact in facts if fact] or [citations]
        return Evidence(notes, sources, self.corroboration(min(told, key=self.reporters)))

    def _note(self, citation: Citation) -> Note:
        key = (citation.source, paragraph_of(citation), citation.quote)
        number, self.next_note = self.next_note, self.next_note + 1
        first = self.numbered.setdefault(key, number)
        return Note(
            number,
            self.labels[citation.source],
            paragraph_of(citation),
            citation.quote,
            self.grade(citation),
            self.href(citation),
            0 if first == number else first,
            self.quote_language(citation),
            self.at_quotes(citation.source, [citation.quote]),
        )

    def quote_language(self, citation: Citation) -> str:
        """The quote's language (its source's), where it is not the reader's; else ""."""
        language = self.sources[citation.source].language
        return language if language_of(language) != language_of(self.locale) else ""

    def _grouped(self, citations: Sequence[Citation]) -> tuple[CitedSource, ...]:
        by_source: dict[str, list[Citation]] = {}
        for citation in citations:
            by_source.setdefault(citation.source, []).append(citation)
        return tuple(
            CitedSource(
                label=self.labels[source],
                paragraphs=tuple(sorted({paragraph_of(c) for c in cited})),
                grade=self.grade(cited[0]),
                href=self.href(cited[0], [c.quote for c in cited]),
                quotes=" ".join(quoted(c.quote, self.locale) for c in cited),
                quote_href=self.at_quotes(source, [c.quote for c in cited]),
            )
            for source, cited in by_source.items()
        )

    def reporters(self, citations: Sequence[Citation]) -> int:
        """How many independent sources report what ``citations`` ground: sources of one
        publisher count once."""
        return len({(self.sources[c.source].publisher or c.source).casefold() for c in citations})

    def corroboration(self, citations: Sequence[Citation]) -> str:
        """'3 sources' when independent sources report it (one publisher counts once)."""
        reporters = self.reporters(citations)
        if reporters > 1:
            return self.ngettext("%(num)d source", "%(num)d sources", reporters) % {
                "num": reporters
            }
        return self._("single source") if self.single_source else ""
