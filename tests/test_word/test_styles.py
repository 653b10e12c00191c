"""The brief uses Word's own style names (Title, Subtitle, Heading 1-3, Caption, Quote,
Footnote Text, Table Grid), so a reference document that defines them restyles everything,
and one that lacks them still gets them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from tests.conftest import run
from tests.test_word.conftest import opened

NAMED = {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption", "Quote"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def used_styles(file: Path) -> tuple[set[str], set[str]]:
    """Names of the paragraph styles used in the body, and in the footnotes."""
    document = opened(file)
    names = {style.style_id: style.name for style in document.styles}
    with zipfile.ZipFile(file) as archive:
        found = []
        for part in ("word/document.xml", "word/footnotes.xml"):
            root = etree.fromstring(archive.read(part))
            found.append({names[e.get(f"{W}val")] for e in root.iter(f"{W}pStyle")})
    return found[0], found[1]


def assert_named_styles_used(file: Path) -> None:
    body, notes = used_styles(file)
    assert body >= NAMED, NAMED - body
    assert "Footnote Text" in notes
    tables = opened(file).tables
    assert tables and {table.style.name for table in tables} == {"Table Grid"}


def test_the_brief_uses_words_style_names(research: Path) -> None:
    assert_named_styles_used(research)


def bare_reference(folder: Path) -> Path:
    """python-docx's own template stripped of the styles the brief uses but Word keeps
    latent until first use, as in a reference made in Word."""
    reference = docx.Document()
    styles = reference.styles.element
    for style in list(styles.iter(qn("w:style"))):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name.lower() in {"table grid", "caption", "quote", "subtitle", "footnote text"}:
            styles.remove(style)
    out = io.BytesIO()
    reference.save(out)
    file = folder / "bare.docx"
    file.write_bytes(out.getvalue())
    return file


def test_a_reference_without_them_still_gets_them(tmp_path: Path) -> None:
    reference = bare_reference(tmp_path)
    assert "Table Grid" not in {s.name for s in opened(reference).styles}
    options = ["-a", "research", "-f", "docx", "--reference-docx", str(reference)]
    result = run("build", *options, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    brief = tmp_path / "out" / "research.docx"
    assert_named_styles_used(brief)
    grid = opened(brief).styles["Table Grid"].element
    edges = grid.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {e.tag.split("}")[1] for e in edges} >= {"top", "bottom", "insideH", "insideV"}


def test_an_items_details_line_is_small_and_restylable(research: Path) -> None:
    """The line of kind, date and place under an event's title has a style of its own,
    smaller than body text, not the brief's large Subtitle."""
    document = opened(research)
    details = [p for p in document.paragraphs if p.style.name == "Item Details"]
    assert details, "no item details line"
    assert any("·" in p.text for p in details)
    size = document.styles["Item Details"].font.size
    assert size is not None and size.pt < 11


def test_a_citation_follows_the_name_when_no_role_is_told(research: Path) -> None:
    """In the Who is who table a citation sits after the words it grounds: never alone in
    an otherwise empty role cell."""
    for table in opened(research).tables:
        if len(table.columns) != 2 or table.rows[0].cells[0].text.strip() != "Name":
            continue
        for row in table.rows[1:]:
            name, role = (cell.text.strip() for cell in row.cells)
            if name == role:  # a group row spans both cells
                continue
            only_a_citation = role.startswith("(") or role.replace(",", "").isdigit()
            assert not only_a_citation, (name, role)
