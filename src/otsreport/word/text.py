"""Text of the composed brief into Word runs.

The select stage composes some fields as escaped HTML (``Markup``), where an English
fallback is wrapped in ``<span lang="en">``. Here that becomes runs: the English words get
their own language, so Word checks their spelling as English, and every other tag is dropped.
"""

from __future__ import annotations

import html
import re
from typing import Any, Final

from otsreport.word.ooxml import run_language

# An English fallback (``class="untranslated"``) or a source's English words: a span with
# lang="en" among its attributes.
_ENGLISH: Final = re.compile(r'<span(?: [a-z-]+="[^"]*")*? lang="en"[^>]*>(.*?)</span>', re.DOTALL)
_TAG: Final = re.compile(r"<[^>]*>")


def pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` as (plain text, is an English fallback) pieces, in order."""
    found: list[tuple[str, bool]] = []
    position = 0
    for match in _ENGLISH.finditer(text):
        found.append((_plain(text[position : match.start()]), False))
        found.append((_plain(match.group(1)), True))
        position = match.end()
    found.append((_plain(text[position:]), False))
    return [(piece, english) for piece, english in found if piece]


def _plain(fragment: str) -> str:
    """Tags dropped and entities decoded, spaces kept (they join the pieces)."""
    if "<" in fragment:
        fragment = _TAG.sub("", fragment)
    return html.unescape(fragment) if "&" in fragment else fragment


def plain(text: str) -> str:
    return "".join(piece for piece, _ in pieces(text))


def add_text(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """``text`` (plain or composed HTML) appended to ``paragraph`` as runs."""
    for piece, english in pieces(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.italic = italic or None
        if english:
            run_language(run, "en-GB")
