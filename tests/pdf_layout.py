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
from typing import Any, Final

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


# --- The page rules (issue 30): read from the tagged PDF's structure tree, so a heading is
# known by its tag (H1-H6, a table's Caption or THead), not guessed from its type size.

HEADS: Final = ("H1", "H2", "H3", "H4", "H5", "H6")
SMALL_PT: Final = 8.0  # footnotes and the colophon are set smaller; note calls too
THIRD: Final = 1 / 3


@dataclass(frozen=True)
class Row:
    """One line of a laid-out page: its words' extent and what the structure tree says it is
    ('heading', 'caption', 'thead', 'figure' or 'text')."""

    top: float
    bottom: float
    role: str
    size: float
    text: str

    @property
    def heads(self) -> bool:
        return self.role in ("heading", "caption", "thead")


@dataclass(frozen=True)
class Sheet:
    """A page measured as a reviewer with a ruler would: rows of the main flow (graphics of
    figures included), the footnote area, and the text block's top and bottom."""

    number: int
    top: float
    bottom: float
    rows: list[Row]
    notes: list[Row]

    @property
    def usable(self) -> float:
        return self.bottom - self.top

    @property
    def foot_gap(self) -> float:
        """White space between the main flow's last row and the notes (or the page's foot)."""
        floor = self.notes[0].top if self.notes else self.bottom
        end = max((row.bottom for row in self.rows), default=self.top)
        return max(0.0, floor - end)

    @property
    def fill(self) -> float:
        """Share of the text block in use: 1 less the white space at its foot."""
        return 1 - self.foot_gap / self.usable

    def gaps(self) -> list[float]:
        """Each blank run between rows of the main flow, and the one at the foot."""
        runs, reach = [], self.top
        for row in sorted(self.rows, key=lambda r: r.top):
            runs.append(row.top - reach)
            reach = max(reach, row.bottom)
        return [*runs[1:], self.foot_gap]

    @property
    def lines(self) -> int:
        """Lines of body text (running heads, notes, the colophon and note calls aside)."""
        return sum(1 for row in self.rows if row.role != "figure" and row.size >= SMALL_PT)


def measure(pdf: Path) -> list[Sheet]:
    """Every page of ``pdf`` measured; the PDF must be tagged (the build's default)."""
    sheets = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            roles = _roles(page.structure_tree)
            top, bottom = _text_block(page)
            rows = _rows(page, roles, top, bottom)
            notes: list[Row] = []
            while rows and rows[-1].role == "text" and rows[-1].size < SMALL_PT:
                notes.insert(0, rows.pop())  # the footnote area: small type at the foot
            sheets.append(Sheet(number, top, bottom, rows, notes))
    return sheets


def _text_block(page: Any) -> tuple[float, float]:
    """The page's text block: the white box WeasyPrint paints under the page's content."""
    boxes = [r for r in page.rects if r["height"] > page.height / 2 and r.get("tag") == "Artifact"]
    if boxes:
        return float(boxes[0]["top"]), float(boxes[0]["bottom"])
    return MARGIN_PT, float(page.height) - MARGIN_PT  # pragma: no cover - an untagged PDF


def _roles(tree: list[dict[str, Any]]) -> dict[int, str]:
    """Each marked-content id's role, from the chain of structure types above it."""
    roles: dict[int, str] = {}

    def walk(node: dict[str, Any], chain: tuple[str, ...]) -> None:
        chain = (*chain, str(node.get("type")))
        for mcid in node.get("mcids") or ():
            roles[mcid] = _role(chain)
        for child in node.get("children", ()):
            walk(child, chain)

    for node in tree:
        walk(node, ())
    return roles


def _role(chain: tuple[str, ...]) -> str:
    if any(kind in HEADS for kind in chain):
        return "heading"
    if "Figure" in chain:
        return "figure"
    if "THead" in chain:
        return "thead"
    if "Caption" in chain and "Table" in chain[: chain.index("Caption")]:
        return "caption"
    return "text"


def _rows(page: Any, roles: dict[int, str], top: float, bottom: float) -> list[Row]:
    """The page's words gathered into lines, with the figures' drawings as rows of their own."""
    words = page.extract_words(extra_attrs=["size", "mcid"])
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for word in words:
        if top <= float(word["top"]) and float(word["bottom"]) <= bottom + 1:
            grouped[round(float(word["top"]) / 2.5)].append(word)
    rows = []
    for key in sorted(grouped):
        line = sorted(grouped[key], key=lambda w: float(w["x0"]))
        kinds = {roles.get(w["mcid"], "text") if w["mcid"] is not None else "text" for w in line}
        role = kinds.pop() if len(kinds) == 1 else ("figure" if "figure" in kinds else "text")
        rows.append(
            Row(
                top=min(float(w["top"]) for w in line),
                bottom=max(float(w["bottom"]) for w in line),
                role=role,
                size=max(float(w["size"]) for w in line),
                text=" ".join(str(w["text"]) for w in line),
            )
        )
    for shape in page.rects + page.lines + page.curves:
        if shape.get("tag") == "Figure" and top <= shape["top"] and shape["bottom"] <= bottom:
            rows.append(Row(float(shape["top"]), float(shape["bottom"]), "figure", 0.0, ""))
    return sorted(rows, key=lambda r: (r.top, r.bottom))


def stranded(sheets: list[Sheet], need: int = 2) -> list[str]:
    """Headings, table captions and table headers followed on their page by fewer than
    ``need`` lines of what they head (at the very end of the brief, nothing is owed)."""
    found = []
    for sheet in sheets[:-1]:
        text = [row for row in sheet.rows if row.role in ("text", "figure") and row.size != 0.0]
        for row in sheet.rows:
            if row.heads and sum(1 for other in text if other.top > row.top) < need:
                found.append(f"p{sheet.number}: {row.text!r} ({row.role})")
    return found


def first_block_height(sheet: Sheet) -> float:
    """Height of what opens ``sheet``: a figure taken whole; else a heading (or heading run)
    with the two lines owed to it, or two lines of text: what could not have moved back."""
    rows = sorted(sheet.rows, key=lambda r: r.top)
    if not rows:
        return 0.0
    if rows[0].role == "figure":
        figure = [r for r in rows if r.role == "figure"]
        return max(r.bottom for r in figure) - rows[0].top
    heads = 0
    while heads < len(rows) and rows[heads].heads:
        heads += 1
    taken = rows[: heads + 2]
    return taken[-1].bottom - rows[0].top


def blank_runs(sheets: list[Sheet]) -> list[str]:
    """Blank runs over a third of the text block that the next block would have fitted."""
    found = []
    for index, sheet in enumerate(sheets):
        runs = sheet.gaps()
        for at, run in enumerate(runs):
            if run <= THIRD * sheet.usable:
                continue
            at_foot = at == len(runs) - 1
            if at_foot and index == len(sheets) - 1:
                continue  # the end of the brief
            after = first_block_height(sheets[index + 1]) if at_foot else 0.0
            if after < run:
                found.append(f"p{sheet.number}: {run / sheet.usable:.0%} of the page blank")
    return found


def thin_pages(sheets: list[Sheet]) -> list[str]:
    """Pages under a third full (the last aside), and a last page of fewer than four lines."""
    found = [
        f"p{sheet.number}: {sheet.fill:.0%} full" for sheet in sheets[:-1] if sheet.fill < THIRD
    ]
    if len(sheets) > 1 and sheets[-1].lines < 4:
        found.append(f"p{sheets[-1].number} (last): {sheets[-1].lines} lines")
    return found
