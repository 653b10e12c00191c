"""Quotation marks, apostrophes and English spelling as each language and locale prints them.

A German brief quotes „like this“ with ‚inner‘ quotes, an English one “like this” with
‘inner’ ones; the analyst types straight quotes, which a typeset brief should not show. The
marks are CLDR's ``delimiters`` (Babel does not carry them), for the languages briefs are
built in and a few neighbours; any other language gets English marks.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from markupsafe import Markup


class QuoteMarks(NamedTuple):
    start: str
    end: str
    inner_start: str
    inner_end: str


ENGLISH: Final = QuoteMarks("“", "”", "‘", "’")
# CLDR 46, common/main/*.xml <delimiters>.
MARKS: Final[dict[str, QuoteMarks]] = {
    "en": ENGLISH,
    "hu": QuoteMarks("„", "”", "»", "«"),
    "az": QuoteMarks("“", "”", "‘", "’"),
    "tr": QuoteMarks("“", "”", "‘", "’"),
    "de": QuoteMarks("„", "“", "‚", "‘"),
    "fr": QuoteMarks("«\u202f", "\u202f»", "«\u202f", "\u202f»"),
    "ru": QuoteMarks("«", "»", "„", "“"),
    "pl": QuoteMarks("„", "”", "«", "»"),
}

# Every typographic quotation mark and prime, as the straight one a keyboard types: for
# comparing a quote with its source whichever marks each uses (validate, find).
STRAIGHT_QUOTES: Final[dict[str, str]] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
}

# A quotation inside a text: straight double quotes, or any of the curly double styles.
_INNER_DOUBLE: Final = re.compile(r'"([^"\n]+)"|[“„«»]\u202f?([^“”„«»\n]+?)\u202f?[”“»«]')
_STRAIGHT_DOUBLE: Final = re.compile(r'"([^"\n]+)"')
_APOSTROPHE: Final = re.compile(r"(?<=\w)'|'(?=\d\ds\b)")  # it's, states', the '90s
_STRAIGHT_SINGLE: Final = re.compile(r"(?<![\w'])'([^'\n]+)'(?!\w)")


def marks_for(locale: str) -> QuoteMarks:
    """The quotation marks of ``locale`` ('hu', 'en_GB', 'en-GB'); English if unknown."""
    language = locale.replace("-", "_").split("_")[0].lower()
    return MARKS.get(language, ENGLISH)


def quoted(text: str, locale: str) -> str:
    """``text`` as a quotation in ``locale``: outer marks around it, and the quotations inside
    it turned to the inner marks, so "the “liberation”" never prints as ``“the “liberation””``."""
    marks = marks_for(locale)

    def inner(match: re.Match[str]) -> str:
        return f"{marks.inner_start}{match.group(1) or match.group(2)}{marks.inner_end}"

    # Apostrophes are left as the source typed them: a quotation is verbatim.
    return f"{marks.start}{_INNER_DOUBLE.sub(inner, text)}{marks.end}"


def smarten(text: str, locale: str) -> str:
    """The analyst's own text with typeset quotes: "x" -> “x”, 'x' -> ‘x’, it's -> it’s.

    Curly quotes already in the text are left as typed.
    """
    if "'" not in text and '"' not in text:
        return text
    marks = marks_for(locale)
    text = _STRAIGHT_DOUBLE.sub(lambda m: f"{marks.start}{m.group(1)}{marks.end}", text)
    text = _STRAIGHT_SINGLE.sub(lambda m: f"{marks.inner_start}{m.group(1)}{marks.inner_end}", text)
    return smart_apostrophes(text)


def smart_apostrophes(text: str) -> str:
    return _APOSTROPHE.sub("’", text) if "'" in text else text


_WORD: Final = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words as a reader counts them (numbers too): what translation coverage is measured in."""
    return len(_WORD.findall(text))


def untranslated_quote(text: str, locale: str, meaning: str, source_language: str = "en") -> Markup:
    """Text that has no version in the brief's language, as a quotation in its own language:
    the reader's quotation marks, ``lang`` so it is voiced and hyphenated as what it is, and
    a visible cue, the language's code ('[EN]'; ``meaning``, "untranslated" in the reader's
    language, on hover; the colophon explains it), so it never reads as part of the
    sentence around it."""
    return Markup(
        '<span class="untranslated" lang="{lang}" title="{meaning}">{text}</span>'
        '<sup class="untranslated-cue" title="{meaning}">{cue}</sup>'
    ).format(
        lang=source_language,
        meaning=meaning,
        text=quoted(text, locale),
        cue=untranslated_cue(source_language),
    )


def untranslated_cue(source_language: str = "en") -> str:
    """The mark after an untranslated text: its language's code, '[EN]' (bracketed, so it
    stays apart from the quotation in plain text and Markdown too)."""
    return f"[{source_language.upper()}]"


# One English spelling per brief: the words that differ between British (en_GB, the default)
# and American (en_US) spelling and that briefs use, as (British, American) stems; a stem
# matches a whole word, bare or with a common ending ('judgements', 'organisations'), so a
# name that merely starts like one ('Colorado') is left alone.
SPELLINGS: Final = (
    ("judgement", "judgment"),
    ("organisation", "organization"),
    ("organise", "organize"),
    ("favour", "favor"),
    ("colour", "color"),
    ("behaviour", "behavior"),
    ("neighbour", "neighbor"),
    ("labelled", "labeled"),
    ("labelling", "labeling"),
    ("analyse", "analyze"),
    ("criticise", "criticize"),
    ("recognise", "recognize"),
    ("emphasise", "emphasize"),
)
_ENDINGS: Final = "s|es|d|ed|ing|al|ally|ful|less|r|rs|er|ers|able|ite|ites|ation|ations"
_AMERICAN: Final = ("en_US", "en_PH", "en_PR", "en_UM", "en_VI", "en_AS", "en_GU", "en_MP")


def _speller(pairs: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(pairs)
    stems = "|".join(sorted(table, key=len, reverse=True))
    # Lower case only: a capitalised word may be a name ('World Health Organization').
    pattern = re.compile(rf"\b({stems})(?=(?:{_ENDINGS})?\b)")
    return pattern, table


_TO_AMERICAN: Final = _speller([(gb, us) for gb, us in SPELLINGS])
# "judgment", as the intelligence community and British law spell it, in every English.
_TO_BRITISH: Final = _speller(
    [(us, gb) for gb, us in SPELLINGS if gb != "judgement"] + [("judgement", "judgment")]
)


def spell(text: str, locale: str) -> str:
    """``text`` (otsreport's labels, the analyst's own words; never a quotation) in the
    spelling of an English ``locale``: 'organization' in en_US, 'organisation' in en_GB and
    every other English ('judgment' in all of them); unchanged in other languages. Only
    words in lower case change: a capitalised one may be part of a name."""
    normal = locale.replace("-", "_")
    if not normal.lower().startswith("en") or not text:
        return text
    pattern, table = _TO_AMERICAN if normal in _AMERICAN else _TO_BRITISH

    return pattern.sub(lambda match: table[match.group(1)], text)
