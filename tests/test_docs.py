"""The documentation site builds with --strict, with a page per command listing every option
and a page per data file kind listing its fields."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from otsreport.cli import cli
from otsreport.schema import schemas

from .conftest import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_every_command_has_a_page_with_every_option(site: Path) -> None:
    for name, command in cli.commands.items():
        page = text(site / "reference" / "cli" / name / "index.html")
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("-"):
                    assert option in page, (name, option)


def test_every_data_file_kind_has_a_page_with_its_fields(site: Path) -> None:
    for file, schema in schemas().items():
        kind = file.removesuffix(".schema.json")
        page = text(site / "reference" / "data" / kind / "index.html")
        top = schema.get("items", schema) if schema.get("type") == "array" else schema
        if "$ref" in top:
            top = schema["$defs"][top["$ref"].rsplit("/", 1)[-1]]
        for field in top.get("properties", {}):
            assert field in page, (kind, field)


def test_the_guides_and_the_template_variables_are_there(site: Path) -> None:
    guides = ("guide/dossier", "guide/briefs", "guide/customising", "guide/exports")
    for page in (*guides, "benchmarks"):
        assert (site / page / "index.html").is_file(), page
    variables = text(site / "reference" / "template-variables" / "index.html")
    assert "JudgmentItem" in variables and "page_label" in variables
