from __future__ import annotations

import base64
from pathlib import Path

import pytest

from otsreport.audiences import (
    audience_folders,
    load_audience,
    new_audience,
    project_template_dirs,
)
from otsreport.build import BuildOptions, build
from otsreport.errors import UsageError, UserError

from .conftest import put_profile, run

# A 1x1 PNG, so tests need no image files of their own.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_builtin_audiences_have_valid_profiles() -> None:
    names = list(audience_folders())
    assert names == ["diplomatic", "executive", "press", "research"]
    for name in names:
        assert load_audience(name).profile.sections


def test_new_audience_is_listed_and_builds_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new-audience", "parliament", "--from", "executive")
    assert result.exit_code == 0, result.output
    profile = tmp_path / "templates" / "audiences" / "parliament" / "audience.yaml"
    assert profile.read_text(encoding="utf-8").startswith(
        "# Audience 'parliament', copied from 'executive'"
    )
    assert "parliament" in run("audiences").output
    result = run("build", "-a", "parliament", "-f", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "build" / "azerbaijan-hungary-ots" / "parliament.html").read_text(
        encoding="utf-8"
    )
    assert "Parliament brief" in html


def test_new_audience_refuses_to_overwrite(tmp_path: Path) -> None:
    new_audience("board", "press", tmp_path)
    before = (tmp_path / "audiences" / "board" / "audience.yaml").read_bytes()
    with pytest.raises(UserError, match="already exists; not overwriting"):
        new_audience("board", "executive", tmp_path, [tmp_path])
    with pytest.raises(UserError, match="already exists"):
        new_audience("research", "executive", tmp_path)
    with pytest.raises(UsageError, match="not a valid audience name"):
        new_audience("Board Room", "press", tmp_path)
    assert (tmp_path / "audiences" / "board" / "audience.yaml").read_bytes() == before


def test_project_templates_folder_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert project_template_dirs() == []
    (tmp_path / "templates").mkdir()
    assert project_template_dirs([tmp_path / "x"]) == [tmp_path / "x", Path("templates")]


def _themed(tmp_path: Path, theme: str) -> Path:
    folder = tmp_path / "mine" / "audiences" / "branded"
    put_profile(folder, extra=f"theme:\n{theme}")
    return folder


def test_theme_rebrands_without_template_edits(tmp_path: Path) -> None:
    folder = _themed(
        tmp_path,
        "  organisation: Ministry of Examples\n  accent: '#8a1538'\n  logo: logo.png\n"
        "  logo_alt: Ministry crest\n",
    )
    (folder / "logo.png").write_bytes(PNG)
    out = tmp_path / "out"
    build(BuildOptions(audiences=["branded"], out=out, template_dirs=[tmp_path / "mine"]))
    html = (out / "branded.html").read_text(encoding="utf-8")
    assert "--accent: #8a1538;" in html
    assert "Ministry of Examples" in html
    assert 'alt="Ministry crest"' in html and 'src="data:image/png;base64,' in html
    assert b"/Subtype /Image" in (out / "branded.pdf").read_bytes()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            lambda folder: (folder / "logo.png").write_bytes(b"not an image"),
            "not a PNG, JPEG or GIF",
        ),
        (lambda folder: None, "logo 'logo.png' not found"),
    ],
)
def test_unreadable_logo_is_a_clear_error(tmp_path: Path, setup: object, message: str) -> None:
    folder = _themed(tmp_path, "  logo: logo.png\n")
    setup(folder)  # type: ignore[operator]
    with pytest.raises(UserError, match=message) as caught:
        load_audience("branded", [tmp_path / "mine"])
    assert caught.value.problems[0].field == "theme.logo"


def test_theme_values_cannot_inject_css(tmp_path: Path) -> None:
    _themed(tmp_path, "  accent: 'red;} body{display:none'\n")
    with pytest.raises(UserError, match=r"theme\.accent"):
        load_audience("branded", [tmp_path / "mine"])


def test_templates_command_shows_winner_and_shadowed(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "sections"
    mine.mkdir(parents=True)
    (mine / "timeline.html.j2").write_text("<section></section>", encoding="utf-8")
    result = run("templates", "-a", "research", "-t", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("sections/timeline.html.j2")
    assert lines[at + 1].strip() == f"uses     {mine / 'timeline.html.j2'}"
    assert lines[at + 2].strip().startswith("shadows  ")
    assert lines[at + 2].strip().endswith("templates/sections/timeline.html.j2")
    assert lines[:4] == [
        "Lookup order (first wins):",
        f"  1. {tmp_path / 'mine'}",
        f"  2. {load_audience('research').folder}",
        f"  3. {load_audience('research').folder.parent.parent}",
    ]
