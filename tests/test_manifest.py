"""Incremental builds: only what changed is rebuilt, and a parallel build equals a serial one."""

from __future__ import annotations

import shutil
from pathlib import Path

from otsreport.build import BuildOptions, build

from .conftest import edit

HTML_ONLY = {"formats": ["html"]}


def names(paths: list[Path]) -> list[str]:
    return sorted(p.name for p in paths)


def test_second_build_with_nothing_changed_builds_nothing(tmp_path: Path) -> None:
    first = build(BuildOptions(out=tmp_path, **HTML_ONLY))  # type: ignore[arg-type]
    assert len(first.outputs) == 8 and not first.skipped  # 4 briefs, 4 edition records
    second = build(BuildOptions(out=tmp_path, **HTML_ONLY))  # type: ignore[arg-type]
    assert second.outputs == [] and len(second.skipped) == 4
    forced = build(BuildOptions(out=tmp_path, force=True, **HTML_ONLY))  # type: ignore[arg-type]
    assert len(forced.outputs) == 4  # the edition records are as they were: not rewritten


def test_a_changed_section_template_rebuilds_only_briefs_that_use_it(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(Path(__file__).parents[1] / "templates" / "sections", mine / "sections")
    options = BuildOptions(out=tmp_path / "out", template_dirs=[mine], **HTML_ONLY)  # type: ignore[arg-type]
    build(options)
    timeline = mine / "sections" / "timeline.html.j2"
    timeline.write_text(
        timeline.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8"
    )
    result = build(options)
    # executive has no timeline; the others do
    assert names([o.path for o in result.outputs]) == [
        "diplomatic.html",
        "press.html",
        "research.html",
    ]
    assert names(result.skipped) == ["executive.html"]


def test_a_new_override_that_shadows_a_used_template_rebuilds(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    options = BuildOptions(
        out=tmp_path / "out", audiences=["executive", "press"], template_dirs=[mine], **HTML_ONLY
    )  # type: ignore[arg-type]
    build(options)
    (mine / "sections").mkdir()
    (mine / "sections" / "timeline.html.j2").write_text("<section></section>", encoding="utf-8")
    result = build(options)
    assert names([o.path for o in result.outputs]) == ["press.html"]  # only press has a timeline


def test_a_new_template_for_one_section_rebuilds_the_briefs_that_have_it(tmp_path: Path) -> None:
    """sections/quotes.html.j2 does not exist (quotes fall back to the generic items
    template); adding it must still rebuild exactly the briefs with a quotes section."""
    mine = tmp_path / "mine"
    mine.mkdir()
    options = BuildOptions(out=tmp_path / "out", template_dirs=[mine], **HTML_ONLY)  # type: ignore[arg-type]
    build(options)
    (mine / "sections").mkdir()
    (mine / "sections" / "quotes.html.j2").write_text("<p>quotes</p>", encoding="utf-8")
    result = build(options)
    assert names([o.path for o in result.outputs]) == [
        "diplomatic.html",
        "press.html",
        "research.html",
    ]
    assert b"<p>quotes</p>" in result.outputs[0].data


def test_edited_or_deleted_outputs_and_dossier_edits_rebuild(
    tmp_path: Path, dossier_copy: Path
) -> None:
    options = BuildOptions(dossier=dossier_copy, out=tmp_path / "out", **HTML_ONLY)  # type: ignore[arg-type]
    build(options)
    (tmp_path / "out" / "press.html").write_text("tampered", encoding="utf-8")
    (tmp_path / "out" / "research.html").unlink()
    assert names([o.path for o in build(options).outputs]) == ["press.html", "research.html"]
    edit(dossier_copy / "dossier.yaml", "as_of: 2026-11-27", "as_of: 2026-11-28")
    assert len(build(options).outputs) == 8  # a new date: new briefs, new editions


def test_parallel_pdfs_are_identical_to_serial_ones(tmp_path: Path) -> None:
    common = {"audiences": ["executive", "press"], "formats": ["pdf"], "force": True}
    from otsreport.pdfjobs import PdfWorkers

    serial = build(BuildOptions(out=tmp_path / "serial", **common))  # type: ignore[arg-type]
    with PdfWorkers(2) as workers:
        parallel = build(BuildOptions(out=tmp_path / "parallel", **common), None, workers)  # type: ignore[arg-type]
    for a, b in zip(serial.outputs, parallel.outputs, strict=True):
        assert a.path.name == b.path.name
        assert a.data == b.data, a.path.name


def test_no_worker_starts_when_nothing_is_stale(tmp_path: Path) -> None:
    from otsreport.pdfjobs import PdfWorkers

    options = BuildOptions(audiences=["executive"], formats=["pdf"], out=tmp_path / "out")
    with PdfWorkers(2) as workers:
        assert len(build(options, None, workers).outputs) == 2  # the PDF, its edition
        assert workers.pool is not None  # a stale PDF started them
    with PdfWorkers(2) as workers:
        assert build(options, None, workers).outputs == []
        assert workers.pool is None  # nothing to do: no process was started


def test_an_edit_a_brief_does_not_show_leaves_that_brief_untouched(
    tmp_path: Path, dossier_copy: Path
) -> None:
    options = BuildOptions(dossier=dossier_copy, out=tmp_path / "out", formats=["html", "pdf"])
    build(options)
    before = (tmp_path / "out" / "executive.pdf").read_bytes()
    edit(
        dossier_copy / "events.yaml",
        "makes the second of his three official and working visits",
        "makes the second of three official and working visits",
    )
    result = build(options)
    rebuilt = names([o.path for o in result.outputs])
    assert "executive.pdf" not in rebuilt and "executive.html" not in rebuilt
    assert {"diplomatic.html", "press.pdf", "research.pdf"} <= set(rebuilt)
    assert (tmp_path / "out" / "executive.pdf").read_bytes() == before
