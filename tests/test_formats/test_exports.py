"""The data exports (STIX 2.1, MISP, CSL-JSON) for every audience of the sample and of Lake
Varen: valid by their own standards' validators, every object marked at or below the
audience's ceiling, the same bytes twice, and read back by the release check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from stix2validator import ValidationOptions, validate_instance

from otsreport.audiences import load_audience
from otsreport.markings import builtin
from otsreport.paths import sample_dossier_dir

from ..conftest import OTHER_DOSSIER, edit, put, run

AUDIENCES = ("research", "diplomatic", "executive", "press")
EXPORTS = ("stix", "misp", "csl-json")
SUFFIX = {"stix": "stix.json", "misp": "misp.json", "csl-json": "csl.json"}
CSL_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "csl-data.json"
TLP = builtin()
SECRET_TEXT = "Divers mapped the old weir beneath the accord line."


def _build(dossier: Path, out: Path, *extra: str) -> Path:
    args = [a for fmt in EXPORTS for a in ("-f", fmt)]
    result = run("build", "-d", str(dossier), *args, "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module", params=["sample", "lake-varen"])
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier = sample_dossier_dir() if request.param == "sample" else OTHER_DOSSIER
    return _build(dossier, tmp_path_factory.mktemp(request.param))


def _load(out: Path, audience: str, fmt: str) -> Any:
    return json.loads((out / f"{audience}.{SUFFIX[fmt]}").read_text(encoding="utf-8"))


def _ceiling(audience: str) -> str:
    return load_audience(audience).profile.marking


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_stix_bundle_validates_and_marks_every_object_within_the_ceiling(
    exported: Path, audience: str
) -> None:
    bundle = _load(exported, audience, "stix")
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors]
    allowed = {TLP.stix(level) for level in TLP.levels if TLP.releasable(level, _ceiling(audience))}
    objects = [o for o in bundle["objects"] if o["type"] != "marking-definition"]
    assert {o["type"] for o in objects} >= {"identity", "note", "report", "relationship"}
    for obj in objects:
        assert obj["object_marking_refs"], obj["id"]
        assert set(obj["object_marking_refs"]) <= allowed, (obj["id"], obj["object_marking_refs"])
    report = next(o for o in objects if o["type"] == "report")
    assert set(report["object_refs"]) == {o["id"] for o in objects if o is not report}


def test_judgments_carry_icd_203_confidence_and_likelihood(exported: Path) -> None:
    bundle = _load(exported, "research", "stix")
    released = json.loads((exported / "research.edition.json").read_text(encoding="utf-8"))
    judgments = [o for o in bundle["objects"] if "x_otsreport_confidence_reason" in o]
    assert len(judgments) == len(released["dossier"]["judgments"])
    for note in judgments:
        assert note["confidence"] in (15, 50, 85)
        likelihood = [label for label in note["labels"] if "likelihood-probability=" in label]
        assert len(likelihood) == 1 and likelihood[0].startswith("estimative-language:")
        assert "%)" in note["abstract"]  # 'likely (55–80%), moderate confidence'


def test_two_exports_are_the_same_bytes_and_ids(exported: Path, tmp_path: Path) -> None:
    dossier = Path(
        json.loads((exported / "research.edition.json").read_text())["dossier"]["info"]["id"]
    )
    source = sample_dossier_dir() if dossier.name == "azerbaijan-hungary-ots" else OTHER_DOSSIER
    again = _build(source, tmp_path / "again", "-a", "research", "--force")
    for fmt in EXPORTS:
        name = f"research.{SUFFIX[fmt]}"
        assert (again / name).read_bytes() == (exported / name).read_bytes(), name


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_misp_event_carries_the_taxonomies(exported: Path, audience: str) -> None:
    event = _load(exported, audience, "misp")["Event"]
    banner = _load(exported, audience, "misp")["otsreport-marking"]
    assert [tag["name"] for tag in event["Tag"]] == [TLP.misp(banner)]
    tags = {tag["name"] for a in event["Attribute"] for tag in a["Tag"]}
    assert all(
        any(t.startswith("tlp:") for t in (x["name"] for x in a["Tag"])) for a in event["Attribute"]
    )
    assert tags <= {
        TLP.misp(level) for level in TLP.levels if TLP.releasable(level, _ceiling(audience))
    } | {t for t in tags if not t.startswith("tlp:")}


def test_lake_varen_grades_become_admiralty_tags(tmp_path: Path) -> None:
    out = _build(OTHER_DOSSIER, tmp_path / "out", "-a", "research")
    event = _load(out, "research", "misp")["Event"]
    tags = {tag["name"] for a in event["Attribute"] for tag in a["Tag"]}
    assert 'admiralty-scale:source-reliability="b"' in tags
    assert 'admiralty-scale:information-credibility="2"' in tags


@pytest.mark.parametrize("audience", AUDIENCES)
def test_csl_json_validates_against_the_csl_schema(exported: Path, audience: str) -> None:
    items = _load(exported, audience, "csl-json")
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    assert items and all(item["custom"]["otsreport-marking"] for item in items)


def test_every_export_passes_the_release_check(exported: Path) -> None:
    files = sorted(str(p) for p in exported.glob("[!.]*.json") if "edition" not in p.name)
    assert len(files) == len(AUDIENCES) * len(EXPORTS)
    result = run("check-release", *files)
    assert result.exit_code == 0, result.output
    assert result.output.count("nothing in it is above that") == len(files)


def test_the_export_command_writes_one_audience(tmp_path: Path) -> None:
    result = run(
        "export", "-d", str(OTHER_DOSSIER), "-a", "press", "-f", "stix", "-o", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "press.stix.json").is_file()
    assert not (tmp_path / "research.stix.json").exists()
    again = run(
        "export", "-d", str(OTHER_DOSSIER), "-a", "press", "-f", "stix", "-o", str(tmp_path)
    )
    assert again.exit_code == 0 and "up to date" in again.output


def test_the_export_command_needs_an_audience_and_a_format() -> None:
    assert run("export", "-f", "stix").exit_code == 2
    assert run("export", "-a", "press").exit_code == 2


@pytest.fixture
def official(tmp_path: Path) -> Path:
    """Lake Varen in the official-rel scheme, an event marked SECRET//REL TO GBR, HUN."""
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        "as_of: 2026-01-15\nmarking_scheme: official-rel\n",
    )
    edit(
        folder / "events.yaml",
        "- id: fisheries-conference-2025\n",
        "- id: fisheries-conference-2025\n  marking: SECRET//REL TO GBR, HUN\n"
        f"  note: {SECRET_TEXT}\n",
    )
    for name, ceiling in {"gbr": "SECRET//REL TO GBR", "os": "OFFICIAL-SENSITIVE"}.items():
        put(
            tmp_path / "t" / "audiences" / name / "audience.yaml",
            f"title: {name}\ndescription: d\nsections: [timeline]\nmarking: {ceiling}\n"
            "citations: footnotes\nlocale: en_GB\n",
        )
    return tmp_path


def test_another_scheme_defines_statement_markings(official: Path) -> None:
    out = official / "out"
    for name in ("gbr", "os"):
        result = run(
            "export", "-d", str(official / "lake-varen"), "-t", str(official / "t"),
            "-a", name, "-f", "stix", "-f", "misp", "-o", str(out),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    gbr = json.loads((out / "gbr.stix.json").read_text(encoding="utf-8"))
    assert validate_instance(gbr, ValidationOptions(version="2.1")).is_valid
    definitions = {o["id"]: o for o in gbr["objects"] if o["type"] == "marking-definition"}
    assert {d["name"] for d in definitions.values()} >= {"SECRET//REL TO GBR, HUN"}
    for obj in gbr["objects"]:
        if obj["type"] != "marking-definition":
            assert set(obj["object_marking_refs"]) <= set(definitions)
    assert SECRET_TEXT in (out / "gbr.stix.json").read_text(encoding="utf-8")
    os_text = (out / "os.stix.json").read_text(encoding="utf-8")
    assert SECRET_TEXT not in os_text and "SECRET//REL TO GBR" not in os_text
    assert not json.loads((out / "os.misp.json").read_text(encoding="utf-8"))["Event"]["Tag"]
