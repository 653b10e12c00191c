"""Leaving items out of a brief to fit its page budget, the fewest and least missed first.

A brief with a page budget (``max_pages``) is composed whole and fills its pages; only when
it runs over, with the tighter spacing the layout tries, does the build ask for it again with
``trim`` items left out (``fitting.py`` finds the fewest that fit). Each is taken from the
end of the longest list at that moment, so no section is emptied while another is long, and
a list keeps its first (most important) items. Each section then says how many it left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

# Sections that list what the rest of the brief rests on (the sources cited, what changed):
# leaving their items out would leave the brief's claims unsourced or its news untold.
KEPT_WHOLE: Final = frozenset({"sources", "changes"})


def trimmed_counts(counts: Sequence[int | None], trim: int) -> list[int | None]:
    """Each section's items after ``trim`` are left out, one at a time from the section with
    the most left (the later of equals, so the opening sections keep theirs longest); a
    section keeps at least one item, and None (a section kept whole) stays None."""
    left = list(counts)
    for _ in range(trim):
        longest = max(
            (index for index, count in enumerate(left) if count is not None and count > 1),
            key=lambda index: (left[index], index),
            default=None,
        )
        if longest is None:
            break
        left[longest] = (left[longest] or 0) - 1
    return left


def trimmable(counts: Sequence[int | None]) -> int:
    """How many items could be left out at most (every trimmed section keeping one)."""
    return sum(count - 1 for count in counts if count is not None and count > 1)
