"""The document's properties say what it is: its title, its issuer (the profile theme's
organisation, as Author and as Company), its marking (Category, Status and the custom
property the release check reads back) and its language."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from tests.conftest import OTHER_DOSSIER, put_profile, run
from tests.test_word.conftest import opened

EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def company(file: Path) -> str:
    with zipfile.ZipFile(file) as archive:
        root = etree.fromstring(archive.read("docProps/app.xml"))
    return root.findtext(f"{EXTENDED}Company") or ""


def custom(file: Path) -> dict[str, str]:
    with zipfile.ZipFile(file) as archive:
        text = archive.read("docProps/custom.xml").decode()
    return dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)<', text))


def test_title_issuer_marking_and_language(research: Path) -> None:
    properties = opened(research).core_properties
    headings = [p.text for p in opened(research).paragraphs if p.style.name == "Title"]
    assert properties.title and [properties.title] == headings
    assert properties.author == company(research) == ""  # no issuer named: not "otsreport"
    assert properties.category == properties.content_status == "TLP:AMBER"
    assert custom(research)["otsreport-marking"] == "TLP:AMBER"
    assert properties.language == "en-GB"


def test_a_themed_profile_issues_the_brief(tmp_path: Path) -> None:
    put_profile(
        tmp_path / "mine" / "audiences" / "branded",
        extra="theme:\n  organisation: Varen Basin Office & Partners\n",
    )
    result = run(
        "build", "-d", str(OTHER_DOSSIER), "-t", str(tmp_path / "mine"), "-a", "branded",
        "-f", "docx", "-o", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    brief = tmp_path / "out" / "branded.docx"
    assert company(brief) == "Varen Basin Office & Partners"
    assert opened(brief).core_properties.author == "Varen Basin Office & Partners"
    assert custom(brief)["otsreport-marking"] == opened(brief).core_properties.category
    assert run("check-release", str(brief)).exit_code == 0
