"""Commands import only what they use: no WeasyPrint without a PDF (it costs most of a
second), and no pydantic, YAML parser or Babel when every brief comes from the cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def imported_modules(args: list[str], cwd: Path, cache: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "otsreport", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "OTSREPORT_CACHE_DIR": str(cache)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]


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
    imported = imported_modules(argv, tmp_path, tmp_path / "empty-cache")
    assert not [name for name in imported if name.startswith("weasyprint")]
    assert "otsreport.models" in imported or args[0] in ("--help", "sections")


def test_an_html_rebuild_from_the_cache_imports_no_models_parser_or_babel(tmp_path: Path) -> None:
    build = ["build", "-f", "html", "--force", "-o", str(tmp_path / "out")]
    first = imported_modules(build, tmp_path, tmp_path / "cache")
    assert {"otsreport.models", "yaml", "babel"} <= set(first)
    again = imported_modules(build, tmp_path, tmp_path / "cache")
    heavy = (
        "pydantic",
        "yaml",
        "ryml",
        "babel",
        "weasyprint",
        "pikepdf",  # the chunked layout's, loaded only for a brief it may cut
        "otsreport.chunked",
        "otsreport.models",
        "otsreport.load",
    )
    assert [name for name in again if name.startswith(heavy)] == []
    assert "jinja2" in again
