"""Pictures and tables fit the text column the reference document leaves between its
margins: the sample's and lake-varen's own, and a reference with wider margins."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Cm, Length

from tests.conftest import run
from tests.test_word.conftest import opened


def column(document: docx.document.Document) -> int:
    section = document.sections[-1]
    assert section.page_width and section.left_margin and section.right_margin
    return int(section.page_width - section.left_margin - section.right_margin)


def assert_within_column(document: docx.document.Document) -> None:
    width = column(document)
    assert document.inline_shapes, "the timeline chart is missing"
    for shape in document.inline_shapes:
        assert shape.width <= width, (Length(shape.width).cm, Length(width).cm)
    for table in document.tables:
        grid = sum(int(c.width) for c in table.columns)
        assert grid <= width, (Length(grid).cm, Length(width).cm)
        for row in table.rows:
            cells = {id(c._tc): c.width for c in row.cells}
            assert sum(int(w) for w in cells.values() if w) <= width


def test_every_picture_and_table_within_the_text_column(research: Path) -> None:
    assert_within_column(opened(research))


def test_the_chart_fills_the_default_column(research: Path) -> None:
    """The default reference's column (14.6 cm) is narrower than the chart's 16 cm."""
    [shape] = opened(research).inline_shapes
    assert abs(shape.width - Cm(14.6)) < Cm(0.01)


def test_a_reference_with_wider_margins_narrows_chart_and_tables(tmp_path: Path) -> None:
    reference = docx.Document()
    for section in reference.sections:
        section.page_width, section.left_margin, section.right_margin = Cm(21), Cm(4), Cm(5)
    reference.save(str(tmp_path / "narrow.docx"))
    options = ["-a", "research", "-f", "docx", "--reference-docx", str(tmp_path / "narrow.docx")]
    result = run("build", *options, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    document = opened(tmp_path / "out" / "research.docx")
    assert abs(column(document) - Cm(12)) < Cm(0.01)
    assert_within_column(document)
    assert document.inline_shapes[0].width > Cm(11.9)  # fills it, not shrunk further
