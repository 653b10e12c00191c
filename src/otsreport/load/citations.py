"""Citations that leave out the paragraph: the quote itself says where it is.

Counting paragraphs by hand is where citations go wrong, so a citation may give only its
source and quote; when the quote (accents, case, quote marks and spacing aside) is in exactly
one paragraph of that source, that is its paragraph. A quote found nowhere, or in several
paragraphs, is left for ``validate`` to report with the closest passage.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from otsreport.matching import fold

Path_ = tuple[str | int, ...]
# The keys whose lists hold citations: a record's, and a dispute's for its two values.
CITATION_LISTS = frozenset({"citations", "record_citations"})


class Locator:
    """Finds quotes in the sources' paragraphs, folding each paragraph once."""

    def __init__(self, texts: Mapping[str, Sequence[str]]) -> None:
        self.texts = texts
        self._folded: dict[str, list[str]] = {}

    def paragraph_of(self, source: str, quote: str) -> int | None:
        """The one paragraph of ``source`` holding ``quote``, or None."""
        if source not in self.texts or not quote.strip():
            return None
        if source not in self._folded:
            self._folded[source] = [fold(p) for p in self.texts[source]]
        wanted = fold(quote)
        hits = [n for n, text in enumerate(self._folded[source], 1) if wanted in text]
        return hits[0] if len(hits) == 1 else None


def citations_in(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every citation mapping in a record file's value: the items of any list of citations."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in CITATION_LISTS and isinstance(child, list):
                for index, item in enumerate(child):
                    if isinstance(item, dict):
                        yield (*path, key, index), item
            else:
                yield from citations_in(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from citations_in(child, (*path, index))


def fill_paragraphs(value: Any, locator: Locator) -> tuple[Any, list[tuple[Path_, int]]]:
    """``value`` with the paragraph of each citation that lacks one, where its quote tells;
    the original is not changed (it may be shared with the parse cache)."""
    found = [
        (path, number)
        for path, citation in citations_in(value)
        if "paragraph" not in citation
        and isinstance(citation.get("source"), str)
        and isinstance(citation.get("quote"), str)
        and (number := locator.paragraph_of(citation["source"], citation["quote"])) is not None
    ]
    if not found:
        return value, []
    filled = copy.deepcopy(value)
    for path, number in found:
        target = filled
        for step in path:
            target = target[step]
        target["paragraph"] = number
    return filled, found
