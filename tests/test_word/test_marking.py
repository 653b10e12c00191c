"""The marking in every header and footer as the PDF prints it: the label, bold, 12 pt, in the
scheme's colour on black, in every part Word may show (default, first page, even pages)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.test_word.conftest import opened

# TLP 2.0's colours (schemes/tlp-2.0.yaml), printed on black.
COLOURS = {"TLP:CLEAR": "FFFFFF", "TLP:GREEN": "33FF00", "TLP:AMBER": "FFC000", "TLP:RED": "FF2B2B"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def declared_marking(file: Path) -> str:
    with zipfile.ZipFile(file) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    found = re.search(r'name="otsreport-marking"><vt:lpwstr>([^<]+)<', custom)
    assert found, custom
    return found.group(1)


def assert_coloured_label(run: etree._Element, label: str) -> None:
    properties = run.find(f"{W}rPr")
    assert "".join(t.text or "" for t in run.iter(f"{W}t")) == label
    assert properties.find(f"{W}b") is not None
    assert properties.find(f"{W}sz").get(f"{W}val") == "24"  # half-points: 12 pt
    assert properties.find(f"{W}color").get(f"{W}val") == COLOURS[label.split("+")[0]]
    shading = properties.find(f"{W}shd")
    assert shading.get(f"{W}fill") == "000000" and shading.get(f"{W}val") == "clear"


def briefs(request: pytest.FixtureRequest) -> list[Path]:
    varen: Path = request.getfixturevalue("varen_build")
    sample: Path = request.getfixturevalue("sample_research")
    return [sample, *sorted(varen.glob("*.docx"))]


def test_every_header_and_footer_part_prints_the_coloured_label(
    request: pytest.FixtureRequest,
) -> None:
    seen = set()
    for file in briefs(request):
        label = declared_marking(file)
        seen.add(label)
        with zipfile.ZipFile(file) as archive:
            parts = [n for n in archive.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
            assert len(parts) == 6, parts  # default, first and even, header and footer
            for name in parts:
                root = etree.fromstring(archive.read(name))
                first = next(root.iter(f"{W}r"))
                assert_coloured_label(first, label)
    assert {"TLP:CLEAR", "TLP:AMBER"} <= seen  # white on black as well as amber


def test_every_section_shows_the_label_in_all_six_places(research: Path) -> None:
    document = opened(research)
    label = declared_marking(research)
    for section in document.sections:
        for part in (
            section.header, section.footer, section.first_page_header,
            section.first_page_footer, section.even_page_header, section.even_page_footer,
        ):  # fmt: skip
            assert not part.is_linked_to_previous
            assert_coloured_label(part.paragraphs[0].runs[0]._r, label)
            others = [r for r in part.paragraphs[0].runs[1:] if r._r.find(qn("w:rPr")) is not None]
            assert all(r._r.rPr.find(qn("w:shd")) is None for r in others)  # only the label
