"""How much of a brief is in its reader's language: counted in words of the record text it
shows, told in the build output and the colophon, and an error under
``build --require-translation``.

Labels come from the catalogue and are always translated; what may not be is the dossier's
own text, which a brief then quotes in English, marked (``Shaper.t``). The share is of
words, not of texts: one untranslated summary weighs more than one untranslated name.
"""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from otsreport.i18n import FALLBACK
from otsreport.models import Dossier
from otsreport.select.shaping import Shaper
from otsreport.translation import percent
from otsreport.typography import smarten, untranslated_cue
from otsreport.untranslated import untranslated_texts


def coverage_note(shaper: Shaper) -> str:
    """The colophon's sentence, or "" for a brief in the dossier's own language."""
    if shaper.language == FALLBACK:
        return ""
    words, total = shaper.coverage()
    locale = shaper.locale
    return shaper._(
        "Translation coverage: {percent} of the words of the dossier's text shown here "
        "({words} of {total}) are in the language of this brief; texts marked "
        "{cue} are quoted in English, untranslated."
    ).format(
        percent=format_percent(percent(words, total) / 100, locale=locale),
        words=format_decimal(words, locale=locale),
        total=format_decimal(total, locale=locale),
        cue=untranslated_cue(FALLBACK),
    )


def untranslated_shown(dossier: Dossier, shaper: Shaper) -> tuple[tuple[str, str, str], ...]:
    """(file, record, field) of every text the brief shows in English for want of a
    translation: what ``--require-translation`` names."""
    shown = shaper.in_english
    return tuple(
        (u.file, u.record, u.field)
        for u in untranslated_texts(dossier, shaper.language)
        if smarten(u.english, shaper.locale) in shown
    )
