"""Footnote calls as Word sets them: each call its own superscript run, and two calls that
would touch ("12" for notes 1 and 2) separated by a superscript comma."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from tests.test_word.conftest import opened

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def calls_and_neighbours(file: Path) -> list[tuple[etree._Element, etree._Element | None]]:
    """Every footnote call's run with the run just after it in its paragraph."""
    document = opened(file)
    found = []
    for run in document.element.body.iter(qn("w:r")):
        if run.find(qn("w:footnoteReference")) is not None:
            found.append((run, run.getnext()))
    return found


def test_no_two_footnote_calls_touch(research: Path) -> None:
    pairs = calls_and_neighbours(research)
    assert len(pairs) > 5
    adjacent = 0
    for _, after in pairs:
        if after is None or after.tag != qn("w:r"):
            continue
        assert after.find(qn("w:footnoteReference")) is None, etree.tostring(after)
        if after.findtext(qn("w:t")) == ",":
            following = after.getnext()
            assert following is not None and following.find(qn("w:footnoteReference")) is not None
            adjacent += 1
    assert adjacent, "the brief has no item with two notes: the test proves nothing"


def test_calls_and_separators_are_superscript(research: Path) -> None:
    document = opened(research)
    style = document.styles["Footnote Reference"]
    assert style.font.superscript
    for run, after in calls_and_neighbours(research):
        assert run.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == style.style_id
        if after is not None and after.findtext(qn("w:t")) == ",":
            assert after.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == style.style_id


def test_every_call_has_its_note(research: Path) -> None:
    with zipfile.ZipFile(research) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
    called = [e.get(f"{W}id") for e in body.iter(f"{W}footnoteReference")]
    held = {e.get(f"{W}id") for e in notes.iter(f"{W}footnote") if e.get(f"{W}type") is None}
    assert called and len(called) == len(set(called)) and set(called) == held


def test_every_footnote_opens_with_its_portion_mark(research: Path) -> None:
    """A note is a portion of the item that calls it: in a brief that prints portion marks
    (research does, above CLEAR), each note's text opens with one."""
    with zipfile.ZipFile(research) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    texts = [
        "".join(note.itertext()).strip()
        for note in notes.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    ]
    assert texts
    unmarked = [text for text in texts if not re.match(r"^\d*\s*\([A-Z][^)]*\) ", text)]
    assert not unmarked, unmarked[:3]


def test_every_table_row_opens_with_its_portion_mark(research: Path) -> None:
    """Each row of an item (not the header, not a group's title) carries its mark."""
    document = opened(research)
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert rows
    for row in rows:
        cells = row.cells
        texts = [cell.text for cell in cells]
        if len({id(cell._tc) for cell in cells}) == 1:  # a group's title, spanning the row
            continue
        assert any(re.match(r"^\([A-Z][^)]*\) ", text) for text in texts[:2]), texts
