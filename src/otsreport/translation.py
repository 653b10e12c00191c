"""What the build says and enforces about a brief's translation (``select.coverage`` counts
it): kept apart from the select stage so an HTML rebuild from the cache imports neither the
models nor Babel."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from otsreport.errors import Problem, UserError

if TYPE_CHECKING:
    from otsreport.select.selection import Selection


def percent(words: int, total: int) -> int:
    """Whole percent, rounded down: 99.6% is not yet all of it."""
    return 100 if total == 0 else words * 100 // total


def coverage_warning(name: str, selection: Selection) -> str:
    language = selection.language
    words, total = selection.brief.coverage
    return (
        f"{name}: translation coverage {percent(words, total)}% ({words} of {total} words "
        f"in '{language}'); the rest is quoted in English, marked untranslated; "
        f"`otsreport translate export -l {language}` writes it out for a translator"
    )


def require_translation(selections: Mapping[str, Selection]) -> None:
    """``--require-translation``: any brief short of 100% stops the build, naming every
    record text it would quote in English."""
    shown: dict[tuple[str, str, str], str] = {}
    for name, selection in selections.items():
        for where in selection.brief.untranslated:
            shown.setdefault(where, f"no '{selection.language}' translation (brief '{name}')")
    if shown:
        raise UserError(
            Problem(message, Path(file), None, record, field)
            for (file, record, field), message in shown.items()
        )
