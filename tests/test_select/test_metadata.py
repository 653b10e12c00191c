"""The brief's catalogue record: Dublin Core in the HTML head and the PDF's XMP, schema.org
JSON-LD in the HTML head; every value one of the brief's own released fields."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from ..conftest import OTHER_DOSSIER, run

BANNERS = [("press", "TLP:CLEAR"), ("research", "TLP:AMBER")]
ISSUER = "Varen Basin Desk (fictional)"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("metadata")
    dossier = shutil.copytree(OTHER_DOSSIER, out / "dossier")
    with (dossier / "dossier.yaml").open("a", encoding="utf-8") as info:
        info.write(f"issuer:\n  organisation: {ISSUER}\n")  # the publisher
    out = out / "briefs"
    result = run(
        "build", "-d", str(dossier), "-a", "press", "-a", "research",
        "-f", "html", "-f", "pdf", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _head(html: Path) -> tuple[dict[str, str], dict[str, object]]:
    root = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    metas = {
        str(m.get("name")): str(m.get("content"))
        for m in root.xpath("//head/meta[starts-with(@name, 'DC.')]")
    }
    scripts = root.xpath("//head/script[@type='application/ld+json']")
    assert len(scripts) == 1
    return metas, json.loads(scripts[0].text)


@pytest.mark.parametrize(
    ("audience", "marking"), [("press", "TLP:CLEAR"), ("research", "TLP:AMBER")]
)
def test_the_html_head_carries_dublin_core_and_json_ld(
    built: Path, audience: str, marking: str
) -> None:
    metas, data = _head(built / f"{audience}.html")
    assert metas["DC.title"] == "The Lake Varen accord"
    assert metas["DC.rights"] == marking and data["conditionsOfAccess"] == marking
    assert metas["DC.date"] == "2026-01-15" == data["datePublished"]
    assert metas["DC.language"] == data["inLanguage"] == "en-GB"
    assert metas["DC.subject"] == data["about"]
    assert metas["DC.publisher"] == ISSUER == data["publisher"]["name"]  # the dossier's issuer
    assert data["@type"] == "Report" and data["@context"] == "https://schema.org"


@pytest.mark.parametrize(
    ("audience", "marking"), [("press", "TLP:CLEAR"), ("research", "TLP:AMBER")]
)
def test_the_pdf_xmp_carries_dublin_core(built: Path, audience: str, marking: str) -> None:
    with pikepdf.open(built / f"{audience}.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:rights"] == marking
        assert set(meta["dc:publisher"]) == {ISSUER}
        assert set(meta["dc:language"]) == {"en-GB"}
        assert list(meta["dc:date"]) == ["2026-01-15"]
        assert set(meta["dc:subject"]) == {"Water sharing between Valdoria and Kestria (fictional)"}
        assert str(meta["dc:title"]).startswith("The Lake Varen accord")
        assert "/otsreportmarking" in pdf.docinfo  # the declarations stay


def test_two_builds_give_the_same_pdf_bytes(built: Path, tmp_path: Path) -> None:
    dossier = str(built.parent / "dossier")
    result = run("build", "-d", dossier, "-a", "press", "-f", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "press.pdf").read_bytes() == (built / "press.pdf").read_bytes()
