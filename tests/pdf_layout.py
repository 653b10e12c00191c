"""Reading a brief's layout back from its PDF, as a reviewer with a ruler would.

pdfplumber gives every word with its font and size; words are gathered into lines, and lines
are sorted into the running heads and feet (the page margins), footnotes (small type at the
foot), headings (larger or bold sans type) and body text.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MARGIN_PT = 62  # running heads and feet live within this distance of the page's edge
NOTE_MAX_PT = 8.0  # footnotes and the colophon are set smaller than this
BODY_MIN_PT = 9.0  # body text, table cells and captions are at least this


@dataclass(frozen=True)
class Line:
    top: float
    size: float
    bold: bool
    text: str

    @property
    def is_heading(self) -> bool:
        """Section and subsection headings: larger than body type (13 and 11 pt)."""
        return self.size >= 10.9 and self.bold


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    lines: list[Line]
    words: list[dict[str, object]]

    @property
    def body(self) -> list[Line]:
        return [
            line
            for line in self.lines
            if MARGIN_PT < line.top < self.height - MARGIN_PT and line.size >= BODY_MIN_PT
        ]

    @property
    def footnotes(self) -> list[Line]:
        return [
            line
            for line in self.lines
            if MARGIN_PT < line.top < self.height - MARGIN_PT and line.size < NOTE_MAX_PT
        ]


def read_pages(pdf: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            words = page.extract_words(extra_attrs=["size", "fontname"])
            pages.append(Page(number, float(page.height), _lines(words), words))
    return pages


def _lines(words: list[dict[str, object]]) -> list[Line]:
    rows: dict[int, list[dict[str, object]]] = defaultdict(list)
    for word in words:
        rows[round(float(word["top"]) / 2.5)].append(word)  # type: ignore[arg-type]
    lines = []
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        lines.append(
            Line(
                top=float(row[0]["top"]),  # type: ignore[arg-type]
                size=max(float(w["size"]) for w in row),  # type: ignore[arg-type]
                bold=all("Bold" in str(w["fontname"]) for w in row),
                text=" ".join(str(w["text"]) for w in row),
            )
        )
    return lines


def median_body_line(pages: list[Page]) -> float:
    """Median characters per line of body text, over the whole brief."""
    return statistics.median(len(line.text) for page in pages for line in page.body)


def footnote_texts(pages: list[Page]) -> list[str]:
    """Each footnote's text, without its number, continuation lines joined."""
    notes: list[str] = []
    for page in pages:
        for line in page.footnotes:
            head, _, rest = line.text.partition(". ")
            if head.isdigit() and rest:
                notes.append(rest)
            elif notes:
                notes[-1] += " " + line.text
    return notes
