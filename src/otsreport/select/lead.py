"""The opening line of a brief that shows no bottom line (the press brief, whose reader may
not see the analyst's summary): what it tells and from which sources, in the reader's words.

Made from what the reader may see: the dossier's subject (with the title's marking) and the
titles of the released sources (with theirs), counted for the banner like any text printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from markupsafe import Markup

from otsreport.select.shaping import Shaper
from otsreport.select.views import SectionView

WORD: Final = re.compile(r"\w+")
# Articles a subject may open with, in the languages otsreport speaks ("A railway ...",
# "Az azerbajdzsáni ..."); lower-cased inside the lead's sentence.
LEADING_ARTICLES: Final = frozenset({"A", "An", "The", "Az", "Egy", "Bir"})


def lead(shaper: Shaper, sections: Sequence[SectionView], date: str) -> str:
    """ "This brief sets out what “Title” reports on SUBJECT, as of DATE.", or "" when the
    brief opens with the analyst's bottom line (a summary section) or names no source. A
    subject that only says again what its one source's title says is left out."""
    if any(section.kind == "summary" for section in sections):
        return ""
    info = shaper.dossier.info
    sources = shaper.dossier.sources
    if not sources:
        return ""
    titles = []
    for source in sources:
        shaper.use(shaper.source_markings(source))
        titles.append(shaper.original(shaper.quoted(source.title), source.language))
    if info.marking is not None:
        shaper.use([info.marking])
    named = shaper.names_joined(titles)
    subject = shaper.t(info.subject)
    if len(sources) == 1 and _repeats(sources[0].title, shaper.plain(info.subject)):
        sentence = shaper.ngettext(
            "This brief sets out what {sources} reports, as of {date}.",
            "This brief sets out what {sources} report, as of {date}.",
            len(titles),
        )
        return Markup(sentence).format(sources=named, date=date)
    sentence = shaper.ngettext(
        "This brief sets out what {sources} reports on {subject}, as of {date}.",
        "This brief sets out what {sources} report on {subject}, as of {date}.",
        len(titles),
    )
    if subject.endswith("."):  # the sentence ends it
        subject = Markup(subject[:-1])
    return Markup(sentence).format(sources=named, subject=_inside(subject), date=date)


def _repeats(title: str, subject: str) -> bool:
    """Whether every word of ``title`` is in ``subject``: the subject then tells nothing
    the title has not (an article's title made the dossier's subject)."""
    words = set(WORD.findall(subject.casefold()))
    return all(word in words for word in WORD.findall(title.casefold()))


def _inside(subject: Markup) -> Markup:
    """The subject inside a sentence: a leading article lower-cased ('A railway' reads 'a
    railway'); any other first word may be a name, and keeps its capital."""
    first, _, rest = str(subject).partition(" ")
    if rest and first in LEADING_ARTICLES:
        return Markup(first.lower() + " " + rest)
    return subject
