"""What reading a source document yields, whatever its format.

The numbered paragraphs are the article's body only: its title, byline, headings, page
furniture and the site's boilerplate are kept out of them, because citations count paragraphs
and a heading counted as one would shift every number after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

# Words that mark a block as the site's or the printer's, not the article's: consent
# banners, navigation, subscription pleas, legal footers. Matched as whole words, any case.
BOILERPLATE: Final = re.compile(
    r"\b(cookies?|consent|subscribe|newsletter|sign (?:in|up)|log ?in|all rights reserved"
    r"|privacy (?:policy|notice)|terms (?:of|and) (?:use|service|conditions)|advertisement"
    r"|share (?:this|on)|follow us|most read|read more|related (?:articles|stories))\b|©",
    re.IGNORECASE,
)
BYLINE: Final = re.compile(r"^(?:by|von|par|por|szerző:?|yazar:?)\s+(.+)$", re.IGNORECASE)
MIN_WORDS: Final = 6  # a body paragraph has at least this many words, or ends a sentence
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
    if not words or BOILERPLATE.search(text):
        return False
    return len(words) >= MIN_WORDS or bool(_SENTENCE_END.search(text))


def byline_author(text: str) -> str | None:
    """'By Mira Tolvanen · 4 March 2026' -> 'Mira Tolvanen'."""
    match = BYLINE.match(text.strip())
    if match is None or len(text.split()) > 12:
        return None
    return re.split(r"\s+[·|•—–-]\s+|,\s*\d", match.group(1))[0].strip() or None


def clean(text: str) -> str:
    """One paragraph on one line: runs of white space (and soft hyphens) folded."""
    return " ".join(text.replace("\u00ad", "").split())
