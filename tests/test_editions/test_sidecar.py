"""Every brief knows its edition: ``AUDIENCE.edition.json`` beside the audience's files,
holding the dossier as cut to the brief's banner and a number that moves only when what
the reader is given does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from otsreport.check import check_reading
from otsreport.check import read_brief as read_sidecar
from otsreport.check.passages import index_for
from otsreport.editions import read_edition
from otsreport.markings import scheme_of
from otsreport.paths import sample_dossier_dir
from otsreport.registry import KINDS, records_of
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, edit, run
from .editions import EDITED_SUMMARY, editions

AUDIENCES = ("diplomatic", "executive", "press", "research")
AMBER_WORDING = "It expects water levels to recover slowly over the next ten years."


def _build(dossier: Path, out: Path, *args: str) -> str:
    result = run("build", "-d", str(dossier), "-o", str(out), "-f", "html", *args)
    assert result.exit_code == 0, result.output
    return result.output


def _sidecar(out: Path, name: str = "press") -> dict[str, Any]:
    value: dict[str, Any] = json.loads((out / f"{name}.edition.json").read_text("utf-8"))
    return value


def test_every_audience_gets_its_edition_cut_to_its_banner(tmp_path: Path) -> None:
    _build(sample_dossier_dir(), tmp_path, "-q")
    sample = load_dossier(sample_dossier_dir())
    scheme = scheme_of(sample.info.marking_scheme)
    for name in AUDIENCES:
        record = _sidecar(tmp_path, name)
        assert record["edition"] == 1 and record["audience"] == name
        assert record["otsreport-dossier"] == sample.info.id
        assert record["as_of"] == sample.model_dump(mode="json")["info"]["as_of"]
        banner = record["otsreport-marking"]
        carried = read_edition(str(tmp_path / f"{name}.edition.json"))
        for spec in KINDS:
            for held in records_of(carried, spec):
                assert scheme.releasable(held.marking, banner), (name, spec.name, held)
    press = _sidecar(tmp_path)
    assert press["otsreport-marking"] == "TLP:CLEAR"
    assert press["dossier"]["assessments"] == []  # the sample's are all AMBER
    raw = (tmp_path / "press.edition.json").read_text("utf-8")
    for assessment in sample.assessments:
        assert assessment.wording not in raw
    assert _sidecar(tmp_path, "research")["dossier"]["assessments"]  # AMBER: released there


def test_the_edition_moves_only_when_what_the_reader_is_given_does(tmp_path: Path) -> None:
    dossier, out = tmp_path / "dossier", tmp_path / "out"
    shutil.copytree(OTHER_DOSSIER, dossier)
    _build(dossier, out, "-a", "press", "-a", "research")
    assert _sidecar(out)["edition"] == 1

    again = _build(dossier, out, "-a", "press", "-a", "research")
    assert "edition.json" not in again  # not even rewritten
    assert _sidecar(out)["edition"] == 1

    # An AMBER assessment changes: the research brief shows it, the press brief does not,
    # and a press reader must not learn from the number that anything changed.
    edit(dossier / "assessments.yaml", AMBER_WORDING, "water levels to recover slowly")
    _build(dossier, out, "-a", "press", "-a", "research")
    assert _sidecar(out)["edition"] == 1
    assert _sidecar(out, "research")["edition"] == 2

    edit(dossier / "events.yaml", "takes over the rotating chair of", "chairs")
    _build(dossier, out, "-a", "press", "-a", "research")
    press = _sidecar(out)
    assert press["edition"] == 2 and _sidecar(out, "research")["edition"] == 3
    assert "Valdoria chairs the Varen Basin Commission." in json.dumps(press["dossier"])


def test_an_edition_record_is_an_edition_for_diff_and_since(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    _build(old, tmp_path / "then", "-a", "press")
    record = str(tmp_path / "then" / "press.edition.json")

    diff = run("diff", record, str(new))
    assert diff.exit_code == 0, diff.output
    assert "+ event survey-2026" in diff.output
    assert "- statement joint-shores" in diff.output

    out = tmp_path / "now"
    _build(new, out, "-a", "press", "--since", record)
    html = (out / "press.html").read_text(encoding="utf-8")
    assert f"<ins>{EDITED_SUMMARY}</ins>" in html
    assert "What changed since 15 January 2026" in html


def test_a_sidecar_carrying_a_withheld_passage_fails_the_check(tmp_path: Path) -> None:
    _build(OTHER_DOSSIER, tmp_path, "-a", "press")
    record = _sidecar(tmp_path)
    index = index_for(load_dossier(OTHER_DOSSIER), record["otsreport-marking"])
    clean = (tmp_path / "press.edition.json").read_bytes()
    assert check_reading(read_sidecar(clean), index).clean

    record["dossier"]["info"]["title"] = AMBER_WORDING
    leaked = check_reading(read_sidecar(json.dumps(record).encode()), index)
    assert "slow-recovery" in [f.passage.record for f in leaked.findings if f.passage]

    record["otsreport-marking"] = "TLP:AMBER"  # a sidecar that claims a higher banner
    claimed = check_reading(read_sidecar(json.dumps(record).encode()), index)
    assert any("declares 'TLP:AMBER'" in str(f) for f in claimed.findings)


@pytest.mark.parametrize("junk", ["{not json", '{"otsreport-edition": 1, "edition": 0}'])
def test_a_foreign_file_in_its_place_restarts_the_count(tmp_path: Path, junk: str) -> None:
    (tmp_path / "press.edition.json").write_text(junk, encoding="utf-8")
    result = run("build", "-d", str(OTHER_DOSSIER), "-o", str(tmp_path), "-a", "press", "-f", "md")
    assert result.exit_code == 0, result.output
    assert "not an edition record otsreport wrote; counting from 1" in result.output
    assert _sidecar(tmp_path)["edition"] == 1
