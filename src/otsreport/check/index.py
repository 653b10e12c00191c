"""What the check looks for, as plain data: a build keeps it with the brief it selected
(``select.selection.Selection``, cached without the dossier's models) and checks the files it
renders against it without loading the dossier again."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from otsreport.typography import STRAIGHT_QUOTES

_LINE_END_HYPHEN: Final = re.compile(r"[\u2010\u00ad-]\s*\n\s*")
# Characters that print as nothing: soft hyphen, zero-width spaces and joiners, BOM. Replaced
# by regular expressions, not str.translate, which is slow on long non-ASCII text.
_INVISIBLE_RE: Final = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SINGLE_RE: Final = re.compile(
    "[" + "".join(k for k, v in STRAIGHT_QUOTES.items() if v == "'") + "]"
)
_DOUBLE_RE: Final = re.compile(
    "[" + "".join(k for k, v in STRAIGHT_QUOTES.items() if v == '"') + "]"
)


@dataclass(frozen=True)
class Passage:
    """A text the brief must not carry, and whose it is."""

    record: str
    kind: str
    field: str
    marking: str
    probe: str  # what is looked for: the folded text, or a window of it
    word: bool = False  # sought as a whole word (a name), not anywhere


@dataclass(frozen=True)
class Index:
    """Everything the check needs of a dossier for one banner."""

    banner: str
    dossier: str  # the dossier's id
    passages: tuple[Passage, ...]


def fold(text: str) -> str:
    """What differs between a passage and its printed form: hyphenation at line ends, soft
    hyphens and invisible characters, spacing, typographic quotes, Unicode composition and
    letter case (a heading may print in capitals)."""
    if not text.isascii():  # ASCII has none of these, and is NFC already
        text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
        text = _DOUBLE_RE.sub('"', _SINGLE_RE.sub("'", text))
    return " ".join(_LINE_END_HYPHEN.sub("", text).casefold().split())


class Matcher:
    """Finds many probes in a text in one pass over it, however many there are
    (Aho-Corasick); ``words`` only where they stand as whole words. Built once, used on
    every channel of a brief."""

    def __init__(self, probes: Iterable[str], words: Iterable[str] = ()) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        wanted = dict.fromkeys(probes, False) | dict.fromkeys(words, True)
        for probe, word in wanted.items():
            if probe:
                self.automaton.add_word(probe, (probe, word))
        self.empty = not len(self.automaton)
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> set[str]:
        found: set[str] = set()
        if self.empty:
            return found
        for end, (probe, word) in self.automaton.iter(text):
            if not word or _bounded(text, end - len(probe) + 1, end):
                found.add(probe)
        return found


def found_in(text: str, probes: Iterable[str], words: Iterable[str] = ()) -> set[str]:
    """Which of ``probes`` occur in ``text``, and which of ``words`` as whole words."""
    return Matcher(probes, words).find(text)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return not (before.isalnum() or after.isalnum())
