"""Plain text: paragraphs are separated by blank lines (or, with none, one per line).

The first line, when it stands alone as a headline does (one line, not a long sentence), is
the title, and a 'By …' line under it the byline; neither is numbered. The notes say which
line became the title, so an analyst whose text had no headline sees it at once.
"""

from __future__ import annotations

from otsreport.authoring.document import Document, byline_author, clean

TITLE_WORDS = 16  # a headline this short is one even with a full stop
MAX_TITLE_WORDS = 40  # and none is longer


def read_plain(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    blocks = [clean(block) for block in text.split("\n\n")]
    if len([b for b in blocks if b]) <= 1:
        blocks = [clean(line) for line in text.split("\n")]
    blocks = [block for block in blocks if block]
    first_line = clean(text.strip().split("\n", 1)[0])
    title = author = None
    notes: list[str] = []
    if len(blocks) > 1 and blocks[0] == first_line and _headline(first_line):
        title = blocks.pop(0)
        notes.append(f"title: the first line of the text, '{title}' (not numbered)")
    if blocks and byline_author(blocks[0]):
        author = byline_author(blocks.pop(0))
    return Document(blocks, title=title, author=author, notes=notes)


def _headline(line: str) -> bool:
    """A line that reads as a headline: short, or not ending a sentence."""
    words = len(line.split())
    return words <= TITLE_WORDS or (words <= MAX_TITLE_WORDS and not line.endswith((".", "!")))
