"""What reading a source document yields, whatever its format.

The numbered paragraphs are the article's body only: its title, byline, headings, page
furniture and the site's boilerplate are kept out of them, because citations count paragraphs
and a heading counted as one would shift every number after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

# Phrases that mark a short block as the site's or the printer's, not the article's: cookie
# banners, navigation, subscription pleas, legal footers. Matched as whole words, any case,
# and only in blocks shorter than BOILERPLATE_WORDS (an article may mention a newsletter).
BOILERPLATE: Final = re.compile(
    r"\b(cookies?|accept all|subscribe to|newsletter|sign (?:in|up)|log ?in"
    r"|all rights reserved|privacy (?:policy|notice)|terms (?:of|and) (?:use|service|conditions)"
    r"|advertisement|share (?:this|on)|follow us|most read|read more"
    r"|related (?:articles|stories))\b|©",
    re.IGNORECASE,
)
BOILERPLATE_WORDS: Final = 60
BYLINE: Final = re.compile(r"^(?:by|von|par|por|szerző:?|yazar:?)\s+(.+)$", re.IGNORECASE)
# A body paragraph ends a sentence, or runs this long (a list of headlines does neither).
MIN_WORDS: Final = 20
_SENTENCE_END: Final = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


@dataclass
class Document:
    """A source as read from its file: body paragraphs and what its metadata told."""

    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)  # what was left out, for the user


def is_body(text: str) -> bool:
    """A paragraph of running text: long enough or a whole sentence, and not boilerplate."""
    words = text.split()
    if not words or (len(words) < BOILERPLATE_WORDS and BOILERPLATE.search(text)):
        return False
    return bool(_SENTENCE_END.search(text)) or len(words) >= MIN_WORDS


def byline_author(text: str) -> str | None:
    """'By Mira Tolvanen · 4 March 2026' or 'Mira Tolvanen, 4 March 2026' -> 'Mira Tolvanen'.

    A short line under the title that starts 'By', or that is a name followed by a date.
    """
    text = text.strip()
    if len(text.split()) > 12:
        return None
    match = BYLINE.match(text)
    if match is not None:
        return _name_part(match.group(1))
    name, separator, rest = _split_name(text)
    if separator and _DATE_LIKE.search(rest) and _NAME.fullmatch(name):
        return name
    return None


def _split_name(text: str) -> tuple[str, str, str]:
    parts = re.split(r"(\s+[·|•—–-]\s+|,\s*)", text, maxsplit=1)
    return (parts[0].strip(), parts[1], parts[2]) if len(parts) == 3 else (text, "", "")


def _name_part(text: str) -> str | None:
    name = _split_name(text)[0]
    return name if name[:1].isupper() else None


_NAME: Final = re.compile(r"(?:[A-ZÀ-ÝŐŰ][\w'’.-]+\s+){1,3}[A-ZÀ-ÝŐŰ][\w'’-]+")
_DATE_LIKE: Final = re.compile(r"\b(?:1[89]|20)\d\d\b")


def slug(text: str, words: int | None = None) -> str:
    """'Zoë's survey, 2026' -> 'zoe-s-survey-2026': an id from a name (its first ``words``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:words])


def clean(text: str) -> str:
    """One paragraph on one line: runs of white space (and soft hyphens) folded."""
    return " ".join(text.replace("\u00ad", "").split())
