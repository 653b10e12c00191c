"""The redline: the Word brief with its "What changed" edits as Word's own tracked changes.

A clearance officer reviews a new edition in Word, where a change is something to accept or
reject, not text struck through. So beside the brief, ``-f docx --since OLD`` writes
``AUDIENCE.redline.docx``: the same document, in which each changed field's earlier words
are a deletion (``w:del``) and its later words an insertion (``w:ins``), attributed to the
issuer (the profile theme's ``organisation``) and dated with the build's stamp.

It is made from the DOCX the brief already has, not written a second time, so the two
differ only there; and its words are the changes section's, which the select stage cut
for the reader, so a deletion never holds what the reader may not see (the build's release
check reads deleted text too). Word's paragraphs for the changes are found by their text,
line by line in order: if the Word writer ever lays them out otherwise, the redline fails
loudly rather than come out without its changes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from itertools import count
from typing import Any, Final

from otsreport.select.views import Brief, ChangeItem, ChangeLine
from otsreport.word.text import plain

INFIX: Final = "redline"
CHANGES_KIND: Final = "changes"
ARROW: Final = " → "  # between earlier and later words, as the Word writer prints them
DEFAULT_AUTHOR: Final = "otsreport"


class RedlineError(RuntimeError):
    """The Word brief does not hold the changes as the redline expects: a bug, not a user's
    mistake."""


def change_lines(brief: Brief) -> list[ChangeLine]:
    """Every changed field, estimate and marking of the brief's "What changed" sections."""
    return [
        line
        for section in brief.sections
        if section.kind == CHANGES_KIND
        for group in section.groups
        for item in group.items
        if isinstance(item, ChangeItem)
        for line in item.lines
    ]


def redline_docx(docx_data: bytes, brief: Brief, stamp: datetime) -> bytes:
    """``docx_data`` (the brief's DOCX) with every changed line as a tracked change."""
    import docx

    from otsreport.word.ooxml import reproducible_zip

    document = docx.Document(io.BytesIO(docx_data))
    author = brief.organisation or DEFAULT_AUTHOR
    date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = count(_first_free_id(document.element))
    paragraphs = iter(document.paragraphs)
    for line in change_lines(brief):
        paragraph = _find(paragraphs, _as_printed(line))
        _track(paragraph._p, line, (author, date), ids)
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue(), stamp)


def _as_printed(line: ChangeLine) -> str:
    label = f"{line.label}: " if line.label else ""
    arrow = ARROW if line.before and line.after else ""
    return f"{label}{plain(line.before)}{arrow}{plain(line.after)}"


def _find(paragraphs: Iterator[Any], text: str) -> Any:
    for paragraph in paragraphs:
        if paragraph.text == text:
            return paragraph
    raise RedlineError(f"the Word brief has no paragraph {text!r} for the redline")


def _first_free_id(root: Any) -> int:
    """Above every w:id the document uses (bookmarks, notes' references): a revision's id
    must be unique among them."""
    from docx.oxml.ns import qn

    used = [int(v) for e in root.iter() if (v := e.get(qn("w:id"), "")).lstrip("-").isdigit()]
    return max([0, *used]) + 1


def _track(p: Any, line: ChangeLine, by: tuple[str, str], ids: Iterator[int]) -> None:
    """The paragraph's runs replaced: its label as it was, then the earlier words deleted
    and the later words inserted (accept all: the later edition; reject all: the earlier)."""
    from docx.oxml.ns import qn

    for run in p.findall(qn("w:r")):
        p.remove(run)
    if line.label:
        p.append(_run("w:t", f"{line.label}: "))
    for tag, text, words in (("w:del", "w:delText", line.before), ("w:ins", "w:t", line.after)):
        if words:
            change = _element(tag)
            change.set(qn("w:id"), str(next(ids)))
            change.set(qn("w:author"), by[0])
            change.set(qn("w:date"), by[1])
            change.append(_run(text, plain(words)))
            p.append(change)


def _run(tag: str, text: str) -> Any:
    run = _element("w:r")
    words = _element(tag)
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    words.text = text
    run.append(words)
    return run


def _element(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)
