"""``-f json``: the released brief as data, for every audience of the sample and of the
fictional lake-varen dossier: declared like the HTML, the same records section by section,
the dossier cut to the brief's marking, read back and passed by the release check."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from otsreport import formats
from otsreport.check import read_brief
from otsreport.paths import sample_dossier_dir

from ..conftest import OTHER_DOSSIER, run

DOSSIERS = {"sample": sample_dossier_dir(), "lake-varen": OTHER_DOSSIER}


@pytest.fixture(scope="module", params=sorted(DOSSIERS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(request.param)
    dossier = DOSSIERS[request.param]
    result = run("build", "-d", str(dossier), "-f", "html", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_every_audience_has_a_json_brief_declared_as_its_html(built: Path) -> None:
    pages = sorted(built.glob("*.html"))
    assert len(pages) == 4
    for page in pages:
        brief = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        root = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
        meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
        for key in ("otsreport-marking", "otsreport-dossier", "otsreport-dossier-digest"):
            assert brief[key] == meta[key], (page.name, key)
        assert brief["audience"] == page.stem


def test_the_same_records_section_by_section_as_the_html(built: Path) -> None:
    for page in built.glob("*.html"):
        brief = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        root = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
        for section in brief["sections"]:
            element = root.get_element_by_id(f"section-{section['id']}")
            told = {
                e.get("id")[5:] for e in element.iter() if (e.get("id") or "").startswith("item-")
            }
            # Every record the HTML tells in full is listed (key points have no anchor).
            assert told <= set(section["records"]), (page.name, section["id"])


def test_the_dossier_it_carries_is_cut_to_its_marking(built: Path) -> None:
    """Press (CLEAR) carries fewer records than research (AMBER): the cut, not the dossier."""
    press = json.loads((built / "press.json").read_text(encoding="utf-8"))
    research = json.loads((built / "research.json").read_text(encoding="utf-8"))
    assert press["otsreport-marking"] == "TLP:CLEAR"

    def count(brief: dict[str, object]) -> int:
        dossier = brief["dossier"]
        assert isinstance(dossier, dict)
        return sum(len(v) for v in dossier.values() if isinstance(v, list))

    assert 0 < count(press) < count(research)
    markings = {
        r.get("marking")
        for v in press["dossier"].values()
        if isinstance(v, list)
        for r in v
        if isinstance(r, dict)
    }
    assert markings <= {"TLP:CLEAR", None}


def test_read_back_by_the_json_reader_and_passed_by_the_check(built: Path) -> None:
    files = sorted(built.glob("*.json"))
    briefs = [f for f in files if not f.name.endswith(".edition.json") and f.name[0] != "."]
    assert len(briefs) == 4
    for file in briefs:
        data = file.read_bytes()
        assert formats.reading(data) is formats.get("json")
        reading = read_brief(data)
        assert reading.format == "json"
        assert reading.declared["otsreport-marking"] == json.loads(data)["otsreport-marking"]
    dossier = DOSSIERS[built.name[:-1]]
    checked = run("check-release", *map(str, briefs), "-d", str(dossier))
    assert checked.exit_code == 0, checked.output
