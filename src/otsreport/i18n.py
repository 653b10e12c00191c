"""Briefs in the reader's language: gettext catalogs for fixed labels, translatable data fields.

Fixed labels (section titles, table headings, "Page X of Y", marking explanations) come from
the catalogs in ``otsreport/locale`` (Babel extracts and compiles them; see the README). Text
fields of records may carry translations as a mapping, ``title: {en: ..., hu: ...}``; English
is required and is what a missing translation falls back to.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Final

from babel.support import Translations
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

DOMAIN: Final = "otsreport"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
# The languages a brief can be built in, and the Babel locale each formats dates with.
LANGUAGES: Final = {"en": "en_GB", "hu": "hu", "az": "az", "tr": "tr"}
FALLBACK: Final = "en"

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


def _needs_english(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and FALLBACK not in value:
        raise ValueError(
            f"a translated text needs an '{FALLBACK}' entry to fall back to; "
            f"got {', '.join(sorted(value)) or 'none'}"
        )
    return value


Translatable = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    | dict[LanguageCode, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
    AfterValidator(_needs_english),
    Field(description="Text, or a mapping of language code to text: {en: ..., hu: ...}."),
]


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
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for ``language``; English is the source language itself."""
    if language == FALLBACK:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], domain=DOMAIN)


def gettext_for(language: str) -> Callable[[str], str]:
    return translations(language).gettext


def N_(message: str) -> str:  # the name gettext extractors look for
    """Marks a string for the catalog without translating it yet (translated when shown)."""
    return message


def untranslated(record: BaseModel, language: str, path: tuple[str, ...] = ()) -> Iterator[str]:
    """Dotted paths of the translatable fields of ``record`` that lack ``language``.

    A model names its translatable fields in a ``translatable`` class variable.
    """
    names: tuple[str, ...] = getattr(type(record), "translatable", ())
    for name, value in record:
        if isinstance(value, BaseModel):
            yield from untranslated(value, language, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from untranslated(item, language, (*path, name, str(index)))
                elif name in names and _lacks(item, language):
                    yield ".".join((*path, name, str(index)))
        elif name in names and value is not None and _lacks(value, language):
            yield ".".join((*path, name))


def _lacks(value: object, language: str) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and language not in value)
