"""PDFs, including web pages printed to PDF: pypdfium2 reads the text with its geometry.

A PDF knows lines, not paragraphs. Lines are read in the order the page draws them (for a
printed web page that is the page's own order: the article before its sidebar), each with
its position and type size, then joined into paragraphs where the spacing, size or column
says one continues; a word hyphenated at a line end is joined whole. The article's body is
the run of paragraphs in its most common type size after the title (the largest type on the
first page); the browser's print header and footer, repeated on every page, and the site's
boilerplate are left out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from otsreport.authoring.document import Document, byline_author, clean, is_body
from otsreport.errors import Problem, UserError

LINE_STEP: Final = 1.3  # a step this much over the usual line height starts a paragraph
EDGE: Final = 0.07  # share of the page height at top and bottom where print furniture sits
_URL: Final = re.compile(r"https?://\S+")
_PAGE_NUMBER: Final = re.compile(r"^\s*(?:page\s*)?\d+\s*(?:/|of)\s*\d+\s*$", re.IGNORECASE)
_HYPHENS: Final = ("-", "\u00ad", "\u2010", "\x02")


@dataclass(frozen=True)
class _Line:
    page: int
    text: str
    left: float
    top: float  # from the top of the page, in points
    bottom: float
    size: float
    page_height: float

    @property
    def at_edge(self) -> bool:
        edge = self.page_height * EDGE
        return self.top < edge or self.bottom > self.page_height - edge


def read_pdf(file: Path) -> Document:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(file)
    except pypdfium2.PdfiumError as error:
        raise UserError(Problem(f"not a readable PDF: {error}", file)) from None
    try:
        metadata = pdf.get_metadata_dict()
        lines = [line for index in range(len(pdf)) for line in _page_lines(pdf[index], index)]
    finally:
        pdf.close()
    if not lines:
        raise UserError(Problem("the PDF has no text layer (a scan?): run OCR on it first", file))
    url = next(
        (m.group() for line in lines if line.at_edge for m in _URL.finditer(line.text)), None
    )
    body_lines = _without_furniture(lines)
    blocks = _blocks(body_lines)
    return _document(blocks, metadata, url)


def _page_lines(page: Any, index: int) -> list[_Line]:
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    height = page.get_height()
    text = textpage.get_text_range()
    lines = []
    start = 0
    for raw in text.split("\r\n"):
        end = start + len(raw)
        if raw.strip():
            boxes = [textpage.get_charbox(i) for i in range(start, end)]
            sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(start, end)]
            lines.append(
                _Line(
                    page=index,
                    text=raw,
                    left=min(box[0] for box in boxes),
                    top=height - max(box[3] for box in boxes),
                    bottom=height - min(box[1] for box in boxes),
                    size=round(Counter(sizes).most_common(1)[0][0], 1),
                    page_height=height,
                )
            )
        start = end + 2
    return lines


def _without_furniture(lines: list[_Line]) -> list[_Line]:
    """Drop print headers and footers: lines at a page edge that repeat on other pages (digits
    aside), carry the page's address, or are a page number."""
    pages = len({line.page for line in lines})

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.strip())

    repeats = Counter(shape(line.text) for line in lines if line.at_edge)
    return [
        line
        for line in lines
        if not (
            line.at_edge
            and (
                (pages > 1 and repeats[shape(line.text)] > 1)
                or _URL.search(line.text)
                or _PAGE_NUMBER.match(line.text)
                or re.match(r"^\d{1,2}/\d{1,2}/\d{2,4},? ", line.text)  # the print date
            )
        )
    ]


def _blocks(lines: list[_Line]) -> list[tuple[float, str]]:
    """Lines joined into paragraphs: (type size, text)."""
    usual = _usual_steps(lines)
    blocks: list[tuple[float, list[_Line]]] = []
    for line in lines:
        if blocks and _continues(blocks[-1][1][-1], line, usual):
            blocks[-1][1].append(line)
        else:
            blocks.append((line.size, [line]))
    return [(size, _join(group)) for size, group in blocks]


def _step(previous: _Line, line: _Line) -> float:
    """Line to line, at the glyphs' tops and at their bottoms, whichever is less (a line of
    small letters is shorter than one with capitals and descenders)."""
    return min(line.top - previous.top, line.bottom - previous.bottom)


def _usual_steps(lines: list[_Line]) -> dict[float, float]:
    """The most common line-to-line step for each type size: the line height, which a
    paragraph break exceeds by its margin."""
    steps: dict[float, Counter[float]] = {}
    for previous, line in itertools.pairwise(lines):
        step = _step(previous, line)
        if previous.page == line.page and previous.size == line.size and 0 < step < 3 * line.size:
            steps.setdefault(line.size, Counter())[round(step)] += 1
    return {size: float(counter.most_common(1)[0][0]) for size, counter in steps.items()}


def _continues(previous: _Line, line: _Line, usual: dict[float, float]) -> bool:
    """Does ``line`` carry on the paragraph that ``previous`` ends?"""
    if abs(previous.size - line.size) > 0.6:
        return False
    if previous.page != line.page:
        return not re.search(r"[.!?:”\"]$", previous.text.strip())
    step = _step(previous, line)
    line_height = usual.get(line.size, line.size * 1.2)
    same_column = abs(previous.left - line.left) < 3 * line.size
    return same_column and 0 < step <= line_height * LINE_STEP


def _join(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        piece = line.text.strip()
        if text.endswith(_HYPHENS) and piece[:1].islower():
            text = text[:-1] + piece  # a word hyphenated at the line end
        else:
            text = f"{text} {piece}" if text else piece
    return clean(text.replace("\x02", ""))


def _document(
    blocks: list[tuple[float, str]], metadata: dict[str, str], url: str | None
) -> Document:
    if not blocks:
        return Document([])
    title_at = max(range(len(blocks)), key=lambda i: (blocks[i][0], -i))
    title = blocks[title_at][1]
    after = blocks[title_at + 1 :] or blocks
    author = metadata.get("Author") or None
    body_size = Counter(size for size, text in after for _ in range(len(text))).most_common(1)[0][0]
    paragraphs: list[str] = []
    byline = ""
    for size, text in after:
        if not paragraphs and byline_author(text):
            author, byline = author or byline_author(text), text
        elif abs(size - body_size) <= 0.6 and is_body(text):
            paragraphs.append(text)
    meta_title = (metadata.get("Title") or "").split(" | ")[0].strip()
    return Document(
        paragraphs,
        title=title or meta_title or None,
        author=author,
        # The file's own dates say when it was printed, not when the article appeared.
        published=_date_in(byline) if byline else None,
        url=url,
    )


def _date_in(text: str) -> str | None:
    """A date written in a byline ('4 March 2026', 'March 4, 2026'), found by htmldate."""
    import htmldate
    from markupsafe import escape

    found = htmldate.find_date(
        f"<html><body><p>{escape(text)}</p></body></html>",
        extensive_search=True,
        original_date=True,
        outputformat="%Y-%m-%d",
    )
    return str(found) if found else None
