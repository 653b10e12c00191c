"""The documentation site builds with --strict, with a page per command listing every option
and a page per data file kind listing its fields."""

from __future__ import annotations

import html
import os
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
            # The code under test, where a checkout is tested with its src on the path.
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
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


def test_the_formats_page_lists_every_registered_format(site: Path) -> None:
    """Generated from the registry: each format's name, suffix and media type."""
    from otsreport import formats

    page = text(site / "reference" / "formats" / "index.html")
    for fmt in formats.registered():
        assert f"AUDIENCE.{fmt.suffix}" in page and fmt.media_type in page, fmt.name


def nav_links(site: Path) -> set[str]:
    """Every page the site's navigation links to, from the home page."""
    home = (site / "index.html").read_text(encoding="utf-8")
    start = home.index('class="md-nav md-nav--primary"')
    nav = home[start : home.index("md-sidebar--secondary", start)]
    return {link.removeprefix("./").rstrip("/") for link in re.findall(r'href="([^"#]+)"', nav)}


def test_every_page_is_in_the_navigation(site: Path) -> None:
    pages = {
        str(page.parent.relative_to(site))
        for page in site.rglob("index.html")
        if page.parent != site and "assets" not in page.parts and "search" not in page.parts
    }
    missing = sorted(pages - nav_links(site))
    assert missing == [], missing


def test_examples_are_code_blocks_one_command_a_line(site: Path) -> None:
    page = (site / "reference" / "cli" / "build" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<pre><code class="language-sh">(.*?)</code></pre>', page, re.S)
    assert block is not None
    lines = html.unescape(block.group(1)).strip().split("\n")
    assert lines[0] == "otsreport build" and all(line.startswith("otsreport ") for line in lines)


def test_template_variable_types_read_as_code_writes_them(site: Path) -> None:
    variables = text(site / "reference" / "template-variables" / "index.html")
    assert (
        "<class" not in variables and "typing." not in variables and "otsreport." not in variables
    )


def test_the_vocabularies_are_listed(site: Path) -> None:
    from otsreport import vocabulary

    page = text(site / "reference" / "vocabulary" / "index.html")
    for words in vocabulary.built_in().values():
        assert words.name in page
        assert all(term.id in page for term in words.terms)


def test_the_pipeline_is_told_whole(site: Path) -> None:
    page = text(site / "guide" / "briefs" / "index.html")
    for stage in ("load", "validate", "release", "select", "render", "formats", "write"):
        assert re.search(rf"^\s*{stage}\s", page, re.M), stage
