"""A failed build loses nothing: validation and rendering happen before any file is written.
A rebuild takes each audience's selected brief from the cache while its inputs are unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from otsreport.audiences import Audience
from otsreport.build import BuildOptions, build, render
from otsreport.errors import UserError
from otsreport.paths import builtin_templates_dir
from otsreport.select import stage
from otsreport.write import write_atomic

from .conftest import edit, put, put_profile


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def previous_build(tmp_path: Path) -> Path:
    out = tmp_path / "build"
    build(BuildOptions(formats=["html"], out=out))
    return out


def test_bad_dossier_leaves_previous_outputs_byte_identical(
    previous_build: Path, dossier_copy: Path
) -> None:
    before = snapshot(previous_build)
    edit(dossier_copy / "statements.yaml", "no other family", "no family")
    with pytest.raises(UserError, match=r"statements\.yaml"):
        build(BuildOptions(dossier=dossier_copy, formats=["html"], out=previous_build))
    assert snapshot(previous_build) == before


def test_bad_template_in_the_last_audience_writes_nothing(
    previous_build: Path, tmp_path: Path
) -> None:
    before = snapshot(previous_build)
    mine = tmp_path / "mine" / "audiences" / "zz-broken"
    put_profile(mine)
    put(mine / "brief.html.j2", "{{ nope }}")
    with pytest.raises(UserError, match="undefined"):
        build(BuildOptions(formats=["html"], out=previous_build, template_dirs=[tmp_path / "mine"]))
    assert snapshot(previous_build) == before


def test_profile_with_unknown_section_names_the_profile(tmp_path: Path) -> None:
    put_profile(tmp_path / "mine" / "audiences" / "odd", sections="[summary, gossip]")
    with pytest.raises(UserError, match=r"audience\.yaml:3: sections\.1: unknown section 'gossip'"):
        build(
            BuildOptions(
                audiences=["odd"],
                formats=["html"],
                out=tmp_path / "o",
                template_dirs=[tmp_path / "mine"],
            )
        )


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="exists and is not a folder"):
        build(BuildOptions(formats=["html"], out=blocker))


def test_atomic_write_cleans_up_after_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"yesterday")

    def explode(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", explode)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"half")
    assert target.read_bytes() == b"yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_ctrl_c_during_a_batch_leaves_previous_outputs(
    previous_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import otsreport.build

    before = snapshot(previous_build)
    calls = 0
    real = otsreport.build.render_html

    def interrupt_on_third(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(otsreport.build, "render_html", interrupt_on_third)
    with pytest.raises(KeyboardInterrupt):
        build(BuildOptions(formats=["html"], out=previous_build, force=True))
    assert snapshot(previous_build) == before
    assert not [p for p in previous_build.iterdir() if p.name.endswith(".tmp")]


def test_failure_while_staging_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from otsreport.write import write_all

    old = tmp_path / "a.html"
    old.write_bytes(b"old a")
    real_fsync = __import__("os").fsync
    seen = 0

    def fail_second(fd: int) -> None:
        nonlocal seen
        seen += 1
        if seen == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("os.fsync", fail_second)
    with pytest.raises(UserError, match=r"b\.html: cannot write: No space left on device"):
        write_all([(old, b"new a"), (tmp_path / "b.html", b"new b")])
    assert old.read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


# -- the cache of selected briefs -------------------------------------------------------------


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def selected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The audiences whose brief was selected from a loaded dossier (not from the cache)."""

    names: list[str] = []
    real = stage.Inputs.select

    def counting(self: stage.Inputs, audience: Audience, trim: int = 0) -> stage.Selection:
        names.append(audience.name)
        return real(self, audience, trim)

    monkeypatch.setattr(stage.Inputs, "select", counting)
    return names


def html_of(options: BuildOptions) -> dict[str, bytes]:
    return {output.path.name: output.data for output in render(options).outputs}


def test_an_unchanged_dossier_is_not_selected_again_and_gives_the_same_bytes(
    private_cache: Path, selected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = html_of(BuildOptions(formats=["html"], out=tmp_path / "a"))
    assert sorted(selected) == ["diplomatic", "executive", "press", "research"]
    selected.clear()
    second = html_of(BuildOptions(formats=["html"], out=tmp_path / "b"))
    assert selected == []
    assert second == first
    monkeypatch.setenv("OTSREPORT_NO_CACHE", "1")
    assert html_of(BuildOptions(formats=["html"], out=tmp_path / "c")) == first
    assert sorted(selected) == ["diplomatic", "executive", "press", "research"]


def test_editing_the_dossier_the_profile_or_the_date_selects_again(
    private_cache: Path,
    selected: list[str],
    dossier_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(builtin_templates_dir() / "audiences" / "executive", mine / "audiences" / "x")
    options = BuildOptions(
        dossier=dossier_copy, audiences=["x"], formats=["html"], template_dirs=[mine]
    )
    html_of(options)
    edit(
        dossier_copy / "dossier.yaml",
        "Azerbaijan and Hungary in",
        "Azerbaijan and Hungary, again, in",
    )
    assert b"Azerbaijan and Hungary, again, in the Organization" in html_of(options)["x.html"]
    edit(mine / "audiences" / "x" / "audience.yaml", "en: Executive brief", "en: Chief's brief")
    assert "Chief’s brief".encode() in html_of(options)["x.html"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert b'"dcterms.modified" content="2026-01-01"' in html_of(options)["x.html"]
    assert selected == ["x"] * 4
    html_of(options)
    assert selected == ["x"] * 4  # and nothing changed since


def test_a_damaged_or_foreign_cache_entry_is_selected_again(
    private_cache: Path, selected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    options = BuildOptions(audiences=["press"], formats=["html"], out=tmp_path / "a")
    first = html_of(options)
    for entry in (private_cache / "selections").iterdir():
        entry.write_bytes(entry.read_bytes()[:40])
    assert html_of(options) == first
    monkeypatch.setattr(stage, "toolkit_fingerprint", lambda: "another otsreport")
    assert html_of(options) == first
    assert selected == ["press"] * 3
