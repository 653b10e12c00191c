"""Hostile print stylesheets: layout runs in a worker under the --render-timeout, whole or in
parts, and ends with exit 1, a message naming the brief and what to do, in about that time."""

from __future__ import annotations

from pathlib import Path

import pytest

from otsreport.paths import builtin_templates_dir

from .conftest import put
from .test_hostile import assert_user_error, cli

LIMIT = 4


def print_styles(folder: Path, extra: str) -> Path:
    """A template folder whose print stylesheet is the built-in one plus ``extra``."""
    paged = (builtin_templates_dir() / "styles" / "paged.css").read_text(encoding="utf-8")
    put(folder / "styles" / "paged.css", paged + extra)
    return folder


def running_strings(count: int) -> str:
    """Thousands of named running strings, all printed in every page's head."""
    names = [f"s{i}" for i in range(count)]
    return (
        "h2 { string-set: " + ", ".join(f"{n} content()" for n in names) + "; }\n"
        "@page { @top-left { content: " + " ".join(f"string({n})" for n in names) + "; } }\n"
    )


@pytest.mark.parametrize("layout", ["whole", "parts"])
def test_thousands_of_running_strings_stop_at_the_render_timeout(
    tmp_path: Path, layout: str
) -> None:
    templates = print_styles(tmp_path / "t", running_strings(10_000))
    code, output, seconds = cli(
        "build", "-t", str(templates), "-a", "executive", "-f", "pdf", "--pdf-layout", layout,
        "--render-timeout", str(LIMIT), "-o", str(tmp_path / "o"),
    )  # fmt: skip
    assert_user_error(code, output, "executive.pdf", "--render-timeout")
    assert code == 1 and seconds < 2 * LIMIT + 2, (seconds, output)
    assert not (tmp_path / "o" / "executive.pdf").exists()


NESTED = {
    "media": "@media print {" * 3000 + "p { color: red }" + "}" * 3000,
    "brackets": ".x { color: " + "(" * 20000 + ")" * 20000 + " }",
}


@pytest.mark.parametrize("layout", ["whole", "parts"])
@pytest.mark.parametrize("case", sorted(NESTED))
def test_deeply_nested_print_rules_are_a_user_error(tmp_path: Path, layout: str, case: str) -> None:
    templates = print_styles(tmp_path / "t", NESTED[case])
    code, output, seconds = cli(
        "build", "-t", str(templates), "-a", "executive", "-f", "pdf", "--pdf-layout", layout,
        "--render-timeout", str(LIMIT), "-o", str(tmp_path / "o"),
    )  # fmt: skip
    assert_user_error(code, output)
    assert code == 1 and seconds < 2 * LIMIT + 2, (seconds, output)
    assert "recursion" in output or "too deeply" in output or "ran past" in output, output
