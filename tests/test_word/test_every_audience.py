"""Issue 31's checks on every audience's Word brief, of the sample and of the fictional
lake-varen dossier: pictures and tables within the text column, no two footnote calls
touching, Word's named styles used, the coloured marking opening every header and footer,
the contents filled in on opening (where the profile has them). Page budgets are checked
for every audience in ``test_pages``."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.conftest import run
from tests.test_word.conftest import opened
from tests.test_word.test_contents import field_result
from tests.test_word.test_marking import W, assert_coloured_label, declared_marking
from tests.test_word.test_page import column


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word-sample-all")
    result = run("build", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def every_brief(request: pytest.FixtureRequest) -> list[Path]:
    sample: Path = request.getfixturevalue("sample_build")
    varen: Path = request.getfixturevalue("varen_build")
    found = sorted(sample.glob("*.docx")) + sorted(varen.glob("*.docx"))
    assert len(found) == 8, found  # four audiences each
    return found


def test_every_picture_and_table_within_the_column(request: pytest.FixtureRequest) -> None:
    pictures = 0
    for file in every_brief(request):
        document = opened(file)
        width = column(document)
        for shape in document.inline_shapes:
            pictures += 1
            assert shape.width <= width, file.name
        for table in document.tables:
            assert sum(int(c.width) for c in table.columns) <= width, file.name
    assert pictures, "no brief has a picture: the test proves nothing"


def test_no_two_footnote_calls_touch(request: pytest.FixtureRequest) -> None:
    calls = 0
    for file in every_brief(request):
        for run_ in opened(file).element.body.iter(qn("w:r")):
            if run_.find(qn("w:footnoteReference")) is None:
                continue
            calls += 1
            after = run_.getnext()
            if after is not None and after.tag == qn("w:r"):
                assert after.find(qn("w:footnoteReference")) is None, file.name
    assert calls


def test_named_styles_are_used(request: pytest.FixtureRequest) -> None:
    for file in every_brief(request):
        document = opened(file)
        used = {p.style.name for p in document.paragraphs}
        assert {"Title", "Subtitle", "Heading 1"} <= used, (file.name, used)
        assert all(t.style.name == "Table Grid" for t in document.tables), file.name


def test_the_marking_opens_every_header_and_footer(request: pytest.FixtureRequest) -> None:
    for file in every_brief(request):
        label = declared_marking(file)
        with zipfile.ZipFile(file) as archive:
            parts = [n for n in archive.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
            assert len(parts) == 6, (file.name, parts)
            for name in parts:
                assert_coloured_label(
                    next(etree.fromstring(archive.read(name)).iter(f"{W}r")), label
                )


def test_the_contents_are_filled_in_on_opening(request: pytest.FixtureRequest) -> None:
    with_contents = 0
    for file in every_brief(request):
        document = opened(file)
        if not any(e.get(qn("w:fldCharType")) for e in document.element.body.iter(qn("w:fldChar"))):
            continue
        instructions, lines, _ = field_result(document.element.body)
        if instructions.split()[0] != "TOC":
            continue
        with_contents += 1
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert lines and lines == headings, file.name
    assert with_contents
