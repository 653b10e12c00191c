"""What the check looks for, as plain data: a build keeps it with the brief it selected
(``select.stage.Selection``, cached without the dossier's models) and checks the files it
renders against it without loading the dossier again."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from otsreport.typography import STRAIGHT_QUOTES

_STRAIGHT: Final = str.maketrans(STRAIGHT_QUOTES)
_LINE_END_HYPHEN: Final = re.compile(r"[\u2010\u00ad-]\s*\n\s*")
# Characters that print as nothing: soft hyphen, zero-width spaces and joiners, BOM.
_INVISIBLE: Final = str.maketrans(dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff")))


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
    labels: tuple[str, ...]  # every level label of the scheme, to read printed markings
    passages: tuple[Passage, ...]


def fold(text: str) -> str:
    """What differs between a passage and its printed form: hyphenation at line ends, soft
    hyphens and invisible characters, spacing, typographic quotes, Unicode composition and
    letter case (a heading may print in capitals)."""
    text = _LINE_END_HYPHEN.sub("", unicodedata.normalize("NFC", text)).translate(_INVISIBLE)
    return " ".join(text.translate(_STRAIGHT).casefold().split())


def found_in(text: str, probes: Iterable[str], words: Iterable[str] = ()) -> set[str]:
    """Which of ``probes`` occur in ``text``, and which of ``words`` occur there as whole
    words: one pass over the text, however many there are (Aho-Corasick)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    wanted = dict.fromkeys(probes, False) | dict.fromkeys(words, True)
    for probe, word in wanted.items():
        if probe:
            automaton.add_word(probe, (probe, word))
    if not len(automaton):
        return set()
    automaton.make_automaton()
    found: set[str] = set()
    for end, (probe, word) in automaton.iter(text):
        start = end - len(probe) + 1
        if word and not _bounded(text, start, end):
            continue
        found.add(probe)
    return found


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return not (before.isalnum() or after.isalnum())
