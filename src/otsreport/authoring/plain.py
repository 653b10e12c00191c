"""Plain text: paragraphs are separated by blank lines (or, with none, one per line).

A short first paragraph without a full stop is the title, and a 'By …' line under it the
byline; neither is numbered.
"""

from __future__ import annotations

from otsreport.authoring.document import Document, byline_author, clean

TITLE_WORDS = 16


def read_plain(text: str) -> Document:
    text = text.replace("\r\n", "\n").removeprefix("\ufeff")
    blocks = [clean(block) for block in text.split("\n\n")]
    if len([b for b in blocks if b]) <= 1:
        blocks = [clean(line) for line in text.split("\n")]
    blocks = [block for block in blocks if block]
    title = author = None
    if blocks and len(blocks[0].split()) <= TITLE_WORDS and not blocks[0].endswith("."):
        title = blocks.pop(0)
    if blocks and byline_author(blocks[0]):
        author = byline_author(blocks.pop(0))
    return Document(blocks, title=title, author=author)
