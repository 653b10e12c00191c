"""Commands that make no PDF never import WeasyPrint (it costs most of a second)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate"],
        ["audiences"],
        ["sections"],
        ["build", "-f", "html", "-o", "{out}"],
    ],
    ids=["help", "validate", "audiences", "sections", "build-html"],
)
def test_no_weasyprint_import(args: list[str], tmp_path: Path) -> None:
    argv = [a.format(out=tmp_path / "out") for a in args]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "otsreport", *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert not [name for name in imported if name.startswith("weasyprint")]
    assert "otsreport.models" in imported or args[0] in ("--help", "sections")
