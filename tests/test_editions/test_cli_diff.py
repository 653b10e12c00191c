"""``otsreport diff``: text and JSON, exit 0; usage mistakes exit 2 without a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import run
from .editions import editions


def test_diff_as_text(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0, result.output
    assert "+ event survey-2026" in result.output
    assert "- statement joint-shores" in result.output
    assert "likelihood: likely → very likely" in result.output
    assert "marking: TLP:CLEAR → TLP:RED" in result.output


def test_diff_as_json(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    result = run("diff", str(old), str(new), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sources_added"] == ["harbour-notes"]
    assert data["markings_changed"] == ["kestria-quota"]
    judgment = next(c for c in data["changed"] if c["record"]["kind"] == "judgment")
    assert judgment["moves"][0]["words"] == "likely → very likely"


def test_diff_of_nothing_is_a_usage_error(tmp_path: Path) -> None:
    old, _ = editions(tmp_path)
    result = run("diff", str(tmp_path / "missing"), str(old))
    assert result.exit_code == 2
    assert "no edition at" in result.output and "Traceback" not in result.output
