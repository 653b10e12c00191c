"""Word output, read back from outside with python-docx: every fact, the marking in every
header and footer, Heading styles, repeating table headers, footnotes with the excerpt, the
reference document's styles, the same bytes twice, and nothing above the marking."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import Result
from docx.oxml.ns import qn
from docx.shared import Pt

from otsreport.paths import sample_dossier_dir
from otsreport.validate import load_dossier
from tests.conftest import assert_holds_every_fact, run

AUDIENCES = ["executive", "diplomatic", "press", "research"]


@pytest.fixture(scope="module")
def word_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word")
    result = run("build", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def all_text(document: docx.document.Document, file: Path) -> str:
    """Body paragraphs, table cells and footnotes: everything a reader of the file sees."""
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    with zipfile.ZipFile(file) as archive:
        if "word/footnotes.xml" in archive.namelist():
            parts.append(archive.read("word/footnotes.xml").decode())
    return "\n".join(parts).replace("’", "'")


def test_one_docx_per_audience(word_build: Path) -> None:
    assert sorted(p.name for p in word_build.glob("*.docx")) == [
        f"{a}.docx" for a in sorted(AUDIENCES)
    ]


def test_research_docx_holds_every_fact(word_build: Path) -> None:
    file = word_build / "research.docx"
    assert_holds_every_fact(all_text(docx.Document(str(file)), file))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_marking_in_every_header_and_footer_at_12pt(word_build: Path, audience: str) -> None:
    document = docx.Document(str(word_build / f"{audience}.docx"))
    marking = "TLP:CLEAR" if audience == "press" else "TLP:AMBER"
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            first = part.paragraphs[0]
            assert first.text.startswith(marking), (audience, first.text)
            assert first.runs[0].font.size >= Pt(12) and first.runs[0].bold


def test_headings_use_heading_styles_and_a_toc_field(word_build: Path) -> None:
    document = docx.Document(str(word_build / "research.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Timeline" in headings and "Sources" in headings and len(headings) >= 8
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instructions)


def test_table_header_rows_repeat(word_build: Path) -> None:
    document = docx.Document(str(word_build / "research.docx"))
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_citations_are_footnotes_with_the_excerpt(word_build: Path) -> None:
    with zipfile.ZipFile(word_build / "research.docx") as archive:
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:footnoteReference") > 30
    assert "Source article, ¶5: “For example, Hungary opposed the EU" in notes


def test_chart_image_has_alternative_text_and_properties_are_set(word_build: Path) -> None:
    document = docx.Document(str(word_build / "research.docx"))
    [shape] = document.inline_shapes
    assert "Timeline of dated events" in shape._inline.docPr.get("descr")
    properties = document.core_properties
    assert properties.title == "Azerbaijan and Hungary in the Organization of Turkic States"
    assert properties.language == "en-GB" and "OTS" in properties.keywords


def test_hungarian_docx_sets_the_language_for_spelling(tmp_path: Path) -> None:
    result = run("build", "-a", "executive", "-f", "docx", "--lang", "hu", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    styles = docx.Document(str(tmp_path / "executive.hu.docx")).styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "hu"


def test_press_docx_carries_nothing_above_its_marking(word_build: Path) -> None:
    file = word_build / "press.docx"
    text = all_text(docx.Document(str(file)), file)
    dossier = load_dossier(sample_dossier_dir())
    for assessment in dossier.assessments:
        assert assessment.wording.replace("’", "'") not in text, assessment.id
    assert "AMBER" not in text


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        result = run(
            "build", "-a", "research", "-f", "docx", "--force", "-o", str(tmp_path / folder)
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "one" / "research.docx").read_bytes() == (
        tmp_path / "two" / "research.docx"
    ).read_bytes()


def build_with_reference(out: Path, reference: Path) -> Result:
    """The executive brief as DOCX, styled by ``reference``."""
    options = ["-a", "executive", "-f", "docx", "--reference-docx", str(reference)]
    return run("build", *options, "-o", str(out))


def test_reference_docx_restyles_the_output(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.name = "Courier New"
    reference.save(str(tmp_path / "letterhead.docx"))
    result = build_with_reference(tmp_path / "out", tmp_path / "letterhead.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / "executive.docx"))
    assert document.styles["Heading 1"].font.name == "Courier New"
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a zip", "not a zip file"), (b"", "not a zip file")],
)
def test_a_bad_reference_docx_is_a_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    result = build_with_reference(tmp_path / "out", bad)
    assert result.exit_code == 1 and message in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_check_release_reads_a_word_brief_and_finds_a_leak(
    word_build: Path, tmp_path: Path
) -> None:
    assert run("check-release", str(word_build / "press.docx")).exit_code == 0
    # The research brief relabelled CLEAR in its headers: its assessments are now leaks.
    relabelled = tmp_path / "relabelled.docx"
    with (
        zipfile.ZipFile(word_build / "research.docx") as source,
        zipfile.ZipFile(relabelled, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if "header" in info.filename or info.filename == "docProps/custom.xml":
                data = data.replace(b"TLP:AMBER", b"TLP:CLEAR")
            target.writestr(info, data)
    result = run("check-release", str(relabelled), "-d", str(sample_dossier_dir()))
    assert result.exit_code == 1, result.output
    assert "above TLP:CLEAR" in result.output
    assert "word/document.xml" in result.output or "word/footnotes.xml" in result.output
