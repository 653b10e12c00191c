"""The table of contents shows its entries on opening: the TOC field's result already holds
the section titles, one paragraph each in TOC 1, and the field is kept for Word to update."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from tests.test_word.conftest import opened


def field_result(body: etree._Element) -> tuple[str, list[str], list[etree._Element]]:
    """The TOC field's instructions, and the text and paragraphs between its separate and
    end marks, in document order."""
    instructions, lines, paragraphs = "", [], []
    state = "out"
    for paragraph in body.iter(qn("w:p")):
        text = ""
        for run in paragraph.iter(qn("w:r")):
            mark = run.find(qn("w:fldChar"))
            kind = mark.get(qn("w:fldCharType")) if mark is not None else None
            if kind == "begin" and state == "out":
                state = "instr"
            elif kind == "separate" and state == "instr":
                state = "result"
            elif kind == "end" and state == "result":
                state = "done"
            elif state == "instr":
                instructions += run.findtext(qn("w:instrText")) or ""
            elif state == "result":
                text += "".join(t.text or "" for t in run.iter(qn("w:t")))
        if text:
            lines.append(text)
            paragraphs.append(paragraph)
        if state == "done":
            break
    assert state == "done", "no complete field"
    return instructions, lines, paragraphs


def test_the_contents_hold_the_section_titles_on_opening(research: Path) -> None:
    document = opened(research)
    instructions, lines, paragraphs = field_result(document.element.body)
    assert instructions.split()[0] == "TOC" and '"1-3"' in instructions
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(lines) >= 3 and lines == headings
    styles = {p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for p in paragraphs}
    assert styles == {document.styles["TOC 1"].style_id}


def test_word_is_asked_to_update_the_fields(research: Path) -> None:
    settings = opened(research).settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_the_contents_heading_is_not_itself_listed(research: Path) -> None:
    """TOC Heading looks like Heading 1 but sits at body level, so Word's update leaves it
    out of the contents."""
    style = opened(research).styles["TOC Heading"].element
    level = style.find(qn("w:pPr")).find(qn("w:outlineLvl"))
    assert level is not None and level.get(qn("w:val")) == "9"
