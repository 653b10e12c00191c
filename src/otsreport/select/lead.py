"""The opening line of a brief that shows no bottom line (the press brief, whose reader may
not see the analyst's summary): what it tells and from which sources, in the reader's words.

Made from what the reader may see: the dossier's subject (with the title's marking) and the
titles of the released sources (with theirs), counted for the banner like any text printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from otsreport.select.shaping import Shaper
from otsreport.select.views import SectionView


def lead(shaper: Shaper, sections: Sequence[SectionView], date: str) -> str:
    """ "This brief sets out what “Title” reports on SUBJECT, as of DATE.", or "" when the
    brief opens with the analyst's bottom line (a summary section) or names no source."""
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
    sentence = shaper.ngettext(
        "This brief sets out what {sources} reports on {subject}, as of {date}.",
        "This brief sets out what {sources} report on {subject}, as of {date}.",
        len(titles),
    )
    subject = shaper.t(info.subject)
    if subject.endswith("."):  # the sentence ends it
        subject = Markup(subject[:-1])
    return Markup(sentence).format(sources=named, subject=subject, date=date)
