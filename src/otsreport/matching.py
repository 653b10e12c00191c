"""Finding words in a dossier's sources the way an analyst remembers them.

A quote typed from memory or from a printout differs from the source in small ways: an accent
dropped ("Zoe" for "Zoë"), straight quotes for curly ones, a doubled space, a typo. Texts are
compared after folding those away (accents, case, quote and dash styles, spacing), with
RapidFuzz's partial alignment scoring how well the words fit a stretch of each paragraph. What
is reported back is always the source's own wording, cut at word boundaries, ready to paste.
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from otsreport.typography import STRAIGHT_QUOTES

# Below this score (0-100) a passage is not offered as what the analyst meant.
GOOD_ENOUGH: Final = 80.0

_LOOKALIKES: Final = str.maketrans(
    {
        **STRAIGHT_QUOTES,
        "`": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)  # quote styles, dashes and hard spaces, as typed


@dataclass(frozen=True)
class Passage:
    """A stretch of a source paragraph that matches what was looked for."""

    source: str
    paragraph: int  # 1-based, as citations count
    text: str  # the source's own words
    score: float  # 0-100; 100: the same words once accents, case, quotes and spacing are folded

    @property
    def percent(self) -> int:
        """The score in whole percent, rounded down: only the same words say 100%."""
        return math.floor(self.score)


@dataclass(frozen=True)
class _Folded:
    text: str
    origin: list[int]  # for each folded character, the index of the original it came from


def _fold(text: str) -> _Folded:
    """Accents, case, quote styles and runs of spaces folded away; keeps where each folded
    character came from, so a match can be cut from the original text."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char.translate(_LOOKALIKES)):
            if unicodedata.combining(piece):
                continue
            piece = " " if piece.isspace() else piece.casefold()
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(index)
    return _Folded("".join(out), origin)


def fold(text: str) -> str:
    return _fold(text).text.strip()


def best_in(query: str, paragraph: str) -> tuple[float, str]:
    """How well ``query``, all of it, fits its best stretch of ``paragraph``, and that
    stretch as the source words it (whole words)."""
    wanted = fold(query)
    folded = _fold(paragraph)
    if not wanted or not folded.text:
        return 0.0, ""
    if wanted in folded.text:  # the usual case, and exact
        start = folded.text.index(wanted)
        return 100.0, _cut(paragraph, folded, start, start + len(wanted))
    alignment = fuzz.partial_ratio_alignment(wanted, folded.text)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return 0.0, ""
    stretch = _cut(paragraph, folded, alignment.dest_start, alignment.dest_end)
    # The partial alignment scores how well the shorter text fits into the longer: a
    # one-word heading fits perfectly into a whole sentence. What was looked for is the
    # whole query, so the score is how much of it the stretch found holds (an Indel ratio
    # of the two): 100 only for the same words.
    return fuzz.ratio(wanted, fold(stretch)), stretch


def span_of(quote: str, paragraph: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``paragraph`` (its first occurrence, accents, case, quotes
    and spacing aside), as (start, end) of the paragraph's own text; None if it does not."""
    wanted = fold(quote)
    folded = _fold(paragraph)
    start = folded.text.find(wanted) if wanted else -1
    if start < 0:
        return None
    return folded.origin[start], folded.origin[start + len(wanted) - 1] + 1


def _cut(paragraph: str, folded: _Folded, start: int, end: int) -> str:
    """The original text under folded[start:end], widened to whole words."""
    first = folded.origin[start]
    last = folded.origin[min(end, len(folded.origin)) - 1] + 1
    while first > 0 and not paragraph[first - 1].isspace():
        first -= 1
    while last < len(paragraph) and not paragraph[last].isspace():
        last += 1
    return paragraph[first:last].strip(" ,;:")


def search(
    query: str, sources: Iterable[tuple[str, Sequence[str]]], limit: int = 3
) -> list[Passage]:
    """The passages of ``sources`` (id, paragraphs) that best match ``query``, best first."""
    found = []
    for source, paragraphs in sources:
        for number, paragraph in enumerate(paragraphs, 1):
            score, text = best_in(query, paragraph)
            if score >= GOOD_ENOUGH:
                found.append(Passage(source, number, text, score))
    found.sort(key=lambda p: (-p.score, p.source, p.paragraph))
    return found[:limit]


def differences(typed: str, source: str) -> str:
    """Where a typed quote departs from the source's words: "'Zoe' for 'Zoë'; 'its' for
    'it's'"; at most four, in reading order."""
    mine, theirs = typed.split(), source.split()
    changes = []
    matcher = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        typed_words, source_words = " ".join(mine[a1:a2]), " ".join(theirs[b1:b2])
        if tag == "replace":
            changes.append(f"'{typed_words}' for '{source_words}'")
        elif tag == "delete":
            changes.append(f"'{typed_words}' is not in the source")
        else:
            changes.append(f"the source adds '{source_words}'")
    return "; ".join(changes[:4]) + ("; …" if len(changes) > 4 else "")
