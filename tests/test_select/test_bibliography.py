"""A brief's sources list in the profile's CSL style (citeproc-py): a bundled style or a .csl
file in the audience's folder, read as hostile input; and the CSL items the csl-json export
and the style share."""

from __future__ import annotations

import shutil
from pathlib import Path

import citeproc
import lxml.html
import pytest

from otsreport.select.bibliography import bundled_styles, csl_item
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, put, run

PROFILE = (
    "title: Refs\ndescription: d\nsections: [timeline, sources]\nmarking: TLP:AMBER\n"
    "citations: footnotes\nlocale: en_GB\ncsl_style: {style}\n"
)


def _build(tmp_path: Path, style: str) -> tuple[int, str, Path]:
    put(tmp_path / "t" / "audiences" / "refs" / "audience.yaml", PROFILE.format(style=style))
    out = tmp_path / "out"
    result = run(
        "build", "-d", str(OTHER_DOSSIER), "-t", str(tmp_path / "t"), "-a", "refs",
        "-f", "html", "-o", str(out),
    )  # fmt: skip
    return result.exit_code, result.output, out / "refs.html"


def test_csl_items_say_what_the_schema_has_fields_for() -> None:
    gazette = load_dossier(OTHER_DOSSIER).sources[0]
    item = csl_item(gazette, "Varen Gazette")
    assert item["id"] == gazette.id and item["title-short"] == "Varen Gazette"
    assert item["URL"] == "https://gazette.example/lake-accord"
    assert item["accessed"] == {"date-parts": [[2026, 1, 10]]}


def test_a_bundled_style_formats_each_source(tmp_path: Path) -> None:
    code, output, html = _build(tmp_path, bundled_styles()[0])
    assert code == 0, output
    root = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    references = [p.text_content() for p in root.xpath("//p[@class='reference']")]
    assert len(references) == 3
    assert any("Available at: https://gazette.example/lake-accord" in r for r in references)


def test_a_style_file_in_the_audience_folder(tmp_path: Path) -> None:
    bundled = Path(citeproc.STYLES_PATH) / f"{bundled_styles()[0]}.csl"
    folder = tmp_path / "t" / "audiences" / "refs"
    folder.mkdir(parents=True)
    shutil.copy(bundled, folder / "house.csl")
    code, output, html = _build(tmp_path, "house.csl")
    assert code == 0, output
    assert 'class="reference"' in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("style", "content", "says"),
    [
        ("nonesuch", None, "unknown CSL style 'nonesuch'; bundled: "),
        ("../../../escape.csl", None, "outside the audience folder"),
        ("missing.csl", None, "not found"),
        ("broken.csl", '<style xmlns="http://purl.org/net/xbiblio/csl"><broken', "not a CSL style"),
        ("entity.csl", '<!DOCTYPE s [<!ENTITY x "y">]><style/>', "declares a DTD"),
    ],
)
def test_a_bad_style_is_a_data_error_naming_the_profile(
    tmp_path: Path, style: str, content: str | None, says: str
) -> None:
    if content is not None:
        put(tmp_path / "t" / "audiences" / "refs" / style, content)
    put(tmp_path / "escape.csl", "<style/>")
    code, output, html = _build(tmp_path, style)
    assert code == 1, output
    assert "audience.yaml:7" in output and "csl_style" in output and says in output
    assert "Traceback" not in output and not html.exists()
