"""Briefs in the reader's language: gettext catalogs for fixed labels, translatable data fields.

Fixed labels (section titles, table headings, "Page X of Y", marking explanations) come from
the catalogs in ``otsreport/locale`` (Babel extracts and compiles them; see the README; the
standard library reads them, so rendering needs neither Babel nor pydantic). Text fields of
records may carry translations as a mapping, ``title: {en: ..., hu: ...}`` (the
``Translatable`` type in ``models.py``); English is required and is what a missing
translation falls back to.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Final

DOMAIN: Final = "otsreport"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
# The languages a brief can be built in, and the Babel locale each formats dates with.
LANGUAGES: Final = {"en": "en_GB", "hu": "hu", "az": "az", "tr": "tr"}
FALLBACK: Final = "en"


def language_of(locale: str) -> str:
    """'en_GB' -> 'en', 'hu' -> 'hu': the catalog a locale's labels come from."""
    return locale.replace("-", "_").split("_")[0].lower()


def babel_locale(language: str, profile_locale: str) -> str:
    """The locale dates are formatted in: the profile's when it is of that language."""
    if language_of(profile_locale) == language:
        return profile_locale.replace("-", "_")
    return LANGUAGES.get(language, language)


def html_lang(babel_name: str) -> str:
    return babel_name.replace("_", "-")


def pick(value: str | dict[str, str] | None, language: str) -> str:
    """The text in ``language``, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(language) or value[FALLBACK]


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog for ``locale`` ('hu', 'en_US', 'en-GB'); English is the source
    language itself, spelled as its locale spells (``typography.spell``: 'judgement' in
    en_GB, the default, 'judgment' in en_US), so no brief mixes the two."""
    language = language_of(locale)
    if language == FALLBACK:
        return _Spelled(LANGUAGES[FALLBACK] if locale == FALLBACK else locale)
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


class _Spelled(gettext.NullTranslations):
    """The English labels (the catalog's message ids) in one locale's spelling, with
    typeset apostrophes (the sources’ view), as the other catalogs write them."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def gettext(self, message: str) -> str:
        return self._spell(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._spell(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self._spell(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._spell(msgid1 if n == 1 else msgid2)

    def _spell(self, text: str) -> str:
        from otsreport.typography import smart_apostrophes, spell

        return smart_apostrophes(spell(text, self.locale))


def gettext_for(locale: str) -> Callable[[str], str]:
    return translations(locale).gettext


def N_(message: str) -> str:  # the name gettext extractors look for
    """Marks a string for the catalog without translating it yet (translated when shown)."""
    return message


# The Magyar (hu) letters whose names begin with a vowel sound ("ef", "el", "em", "en", "er",
# "es", "iksz", "ipszilon"): an abbreviation read letter by letter after them takes "az".
_HU_VOWELS = "aáeéiíoóöőuúüű"
_HU_VOWEL_NAMED = "flmnrsxy"


def article(language: str, following: str) -> str:
    """The definite article a language puts before ``following``, where it depends on the
    word: in Magyar (hu) "az" before a vowel sound ("az 1.", "az 5.", "az ENSZ", "az MSZP"),
    else "a" ("a 2.", "a NATO"); "" for the languages whose article does not vary (or
    that have none). Catalogue entries use it as ``{article}``: "a(z)" never prints."""
    if language != "hu" or not following:
        return ""
    word = following.strip()
    if word[:1].isdigit():
        return "az" if _hu_number_starts_with_vowel(word) else "a"
    first = word[:1].lower()
    letters = word.split()[0]
    spelled = letters.isupper() and not any(c in _HU_VOWELS for c in letters.lower())
    if spelled and first in _HU_VOWEL_NAMED:  # read letter by letter: "az MSZP", "a NATO"
        return "az"
    return "az" if first in _HU_VOWELS else "a"


def _hu_number_starts_with_vowel(word: str) -> bool:
    """Whether a number, read in Magyar (hu), starts with a vowel: 1 (egy), 1000 (ezer),
    1 000 000 (egymillió), 5 (öt), 50 (ötven), 500 (ötszáz), but not 10 (tíz), 100 (száz)."""
    digits = ""
    for char in word:  # thousands may be spaced ("10 000"); a dot or comma ends the number
        if char.isdigit():
            digits += char
        elif char not in " \u00a0\u202f":
            break
    digits = digits.lstrip("0") or "0"
    leading = digits[: len(digits) % 3 or 3]  # the first group of three digits
    return leading == "1" or leading[0] == "5"
