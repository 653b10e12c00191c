"""The text column of the page the body is set on, read from the document itself.

The page setup is the reference document's (its margins, its paper), so nothing sized in the
body may assume ours: a picture or a table is fitted to the width the reference leaves between
its margins, or an institution's narrower column would have the chart run into the margin.
"""

from __future__ import annotations

from typing import Any, Final

from docx.shared import Cm, Length

# Used only when the reference's section says nothing of its page (no w:pgSz or w:pgMar):
# A4 with 3.2 cm margins, the page of the package's own reference document.
FALLBACK_TEXT_WIDTH: Final = Cm(14.6)


def text_width(document: Any) -> Length:
    """The width between the margins (and gutter) of the section the body ends in: the one
    the brief's content is written into."""
    section = document.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:
        return FALLBACK_TEXT_WIDTH
    width = page - left - right - (section.gutter or 0)
    return Length(width) if width > 0 else FALLBACK_TEXT_WIDTH


def fitted(width: Length, document: Any) -> Length:
    """``width``, or the text column's width when that is narrower."""
    return Length(min(int(width), int(text_width(document))))


def shares(document: Any, proportions: tuple[float, ...]) -> list[Length]:
    """Column widths that fill the text column in the given proportions."""
    total = sum(proportions)
    column = int(text_width(document))
    return [Length(int(column * part / total)) for part in proportions]
