"""How a text brief (Markdown, plain text) says what it is, and how the check reads it back.

A text file has no metadata of its own, so it carries the same three declarations as the
HTML's meta elements, as ``key: value`` lines near its top where a reader sees them, and
prints its marking as its first and last lines: those lines are the places the release
check requires the declared marking to print. Only the lines just after the first are
read as declarations, so text further down (the dossier's own words) cannot declare
anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from otsreport.check.reading import DECLARED, Reading

if TYPE_CHECKING:
    from otsreport.select.views import Brief

HEADER_LINES: Final = 8  # the declarations stand within the file's first lines
FIRST_LINE: Final = "first line"
LAST_LINE: Final = "last line"


def declarations(brief: Brief) -> list[str]:
    """The brief's marking and dossier as ``key: value`` lines."""
    values = (brief.marking, brief.dossier_id, brief.dossier_digest)
    return [
        f"{key}: {_one_line(value)}" for key, value in zip(DECLARED, values, strict=True) if value
    ]


def _one_line(value: str) -> str:
    return " ".join(value.replace("--", "- -").split())


def read_declared(text: str, fmt: str, channels: dict[str, str]) -> Reading:
    """``text`` as the check reads it: ``channels`` (name -> text) for the passages, the
    declarations from its head, its first and last non-blank lines as where it prints."""
    reading = Reading(fmt)
    for name, channel in channels.items():
        reading.add(name, channel)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return reading
    reading.printed += [(FIRST_LINE, lines[0]), (LAST_LINE, lines[-1])]
    for line in lines[1:HEADER_LINES]:
        key, colon, value = line.partition(":")
        if colon and key.strip() in DECLARED:
            reading.declared.setdefault(key.strip(), value.strip())
    return reading
