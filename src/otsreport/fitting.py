"""A brief with a page budget fills it before anything is left out, and says what was.

An audience's ``max_pages`` (two pages for the executive brief) is a budget to fill, not a
reason to cut early: the brief is composed whole (up to ``detail.max_items``) and laid out
by the format whose pages the budget counts (the PDF), which first tries its own tighter
spacing. Only a brief still over its budget is composed again with items left out, one at
a time from the longest list (``select/trimming.py``); the fewest that fit are found by
bisection, so a brief over its budget costs a few layouts, once: the number found is kept in
the cache under everything the layout depends on, and a rebuild asks for that brief at once.
The same trimmed brief then goes to every format (HTML, Word), each section saying how many
items it left out, and the build saying which.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from otsreport import cache, formats
from otsreport.formats import Made, OutputFormat
from otsreport.manifest import tree_digest
from otsreport.select.selection import Selection


@dataclass(frozen=True)
class Fitted:
    """The brief that fits (or the whole one, when nothing left out would make it fit), and
    the file measured for it in the budget's format, which the build writes as it is."""

    selection: Selection
    made: Made | None = None
    measured: str = ""  # the format name of ``made``


def measuring_format() -> OutputFormat | None:
    """The format whose pages a budget counts: the first registered that says so."""
    return next((fmt for fmt in formats.registered() if fmt.fills_budget), None)


def fit(
    whole: Selection,
    reselect: Callable[[int], Selection],
    measure: Callable[[Selection], Made],
    layout_inputs: Sequence[str],
    measured: str,
) -> Fitted:
    """``whole`` fitted to its budget: ``reselect(n)`` composes it with ``n`` items left
    out, ``measure`` lays one out in the budget's format (named ``measured``);
    ``layout_inputs`` name everything the layout depends on (the brief, templates, the
    format's tools), for the cache."""
    budget = whole.max_pages
    if budget is None or not whole.brief.trimmable:
        return Fitted(whole)
    key = _key(whole, layout_inputs)
    remembered = cache.get_selection(key)
    if isinstance(remembered, int):
        return Fitted(reselect(remembered) if remembered else whole)
    made = measure(whole)
    trim, best = 0, (whole, made)
    if made.pages is not None and made.pages > budget:
        trim, best = _fewest(budget, whole.brief.trimmable, reselect, measure, (whole, made))
    cache.put_selection(key, trim)
    return Fitted(best[0], best[1], measured)


def _fewest(
    budget: int,
    most: int,
    reselect: Callable[[int], Selection],
    measure: Callable[[Selection], Made],
    whole: tuple[Selection, Made],
) -> tuple[int, tuple[Selection, Made]]:
    """The fewest items left out that bring the brief within ``budget`` pages (bisection:
    leaving more out never adds a page); the whole brief when even ``most`` do not, which
    is tried first, so a brief that cannot fit costs one layout more, not a search."""

    def fits(trim: int) -> tuple[Selection, Made] | None:
        selection = reselect(trim)
        made = measure(selection)
        return (selection, made) if made.pages is not None and made.pages <= budget else None

    shortest = fits(most)
    if shortest is None:
        return 0, whole
    low, high, found = 1, most - 1, (most, shortest)
    while low <= high:
        middle = (low + high) // 2
        fitted = fits(middle)
        if fitted is not None:
            found, high = (middle, fitted), middle - 1
        else:
            low = middle + 1
    return found


def _key(whole: Selection, layout_inputs: Sequence[str]) -> str:
    """The layout's inputs (the brief's digest among them), and the budget."""
    parts = ["fitted", f"budget={whole.max_pages}", *layout_inputs]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def templates_digest(search_path: Sequence[Path]) -> str:
    """Every template folder a layout may read, by content."""
    return ",".join(tree_digest(folder) for folder in search_path if folder.exists())


def left_out(audience: str, selection: Selection) -> str:
    """What the build says of a brief fitted to its budget: '' when nothing was left out."""
    brief = selection.brief
    dropped = [
        f"{view.fitted_out} from '{view.title}'" for view in brief.sections if view.fitted_out
    ]
    if not dropped:
        return ""
    budget = selection.max_pages
    return (
        f"audience '{audience}': left out to fit its budget of {budget} "
        f"{'page' if budget == 1 else 'pages'}: "
        + ", ".join(dropped)
        + " (each section says how many it left out; raise max_pages to keep them)"
    )
