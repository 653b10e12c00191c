"""End-to-end: the `otsreport` command as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from pypdf import PdfReader

from otsreport.paths import sample_dossier_dir

from .conftest import REPO, edit, run


def test_build_with_no_options_writes_every_audience_in_both_formats(sample_build: Path) -> None:
    names = sorted(p.name for p in sample_build.iterdir())
    briefs = [
        f"{a}.{f}"
        for a in ("diplomatic", "executive", "press", "research")
        for f in ("html", "pdf", "edition.json")
    ]
    assert names == sorted([".otsreport-manifest.json", *briefs])
    assert not list(sample_build.glob(".*.tmp"))


def test_validate_summary_counts_match_the_files() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    for kind in ("actors", "events", "statements", "positions", "assessments", "topics"):
        records = yaml.safe_load(
            (sample_dossier_dir() / f"{kind}.yaml").read_text(encoding="utf-8")
        )
        assert f"{len(records)} {kind}" in result.output
    assert "citations checked" in result.output


def test_broken_dossier_exits_1_naming_file_line_and_record(dossier_copy: Path) -> None:
    edit(dossier_copy / "events.yaml", "date: 2023-01-30", "date: 2023-02-30")
    result = run("validate", "--dossier", str(dossier_copy))
    assert result.exit_code == 1
    assert "events.yaml:" in result.stderr
    assert "enhanced-strategic-partnership-2023: date: '2023-02-30' is not a date" in result.stderr
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(dossier_copy: Path) -> None:
    (dossier_copy / "events.yaml").write_text("- id: [\n", encoding="utf-8")
    result = run("--debug", "validate", "--dossier", str(dossier_copy))
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_unknown_audience_section_and_format_are_usage_errors(tmp_path: Path) -> None:
    result = run("build", "-a", "ministers", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert (
        "unknown audience 'ministers'; choose from: diplomatic, executive, press, research"
        in result.output
    )
    result = run("build", "-s", "summary,gossip", "-o", str(tmp_path))
    assert result.exit_code == 2 and "unknown section 'gossip'" in result.output
    result = run("build", "-f", "odt", "-o", str(tmp_path))
    assert result.exit_code == 2 and "'odt' is not one of 'html', 'pdf', 'docx'" in result.output
    assert not any(tmp_path.iterdir())


def test_section_option_gives_only_those_sections_in_that_order(tmp_path: Path) -> None:
    result = run(
        "build",
        "-a",
        "diplomatic",
        "-s",
        "timeline",
        "-f",
        "pdf",
        "--name",
        "t",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "t.pdf")
    headings = [e.title for e in reader.outline[1] if not isinstance(e, list)]  # type: ignore[union-attr]
    assert headings == ["Timeline"]
    result = run(
        "build",
        "-a",
        "diplomatic",
        "-s",
        "quotes",
        "-s",
        "summary",
        "-f",
        "html",
        "-o",
        str(tmp_path),
    )
    [written] = tmp_path.glob("diplomatic.custom-*.html")
    assert f"wrote {written}" in result.output
    html = written.read_text(encoding="utf-8")
    assert html.index('id="section-quotes"') < html.index('id="section-summary"')
    assert 'id="section-timeline"' not in html


def test_audiences_and_sections_list_names_with_descriptions() -> None:
    audiences = run("audiences")
    assert audiences.exit_code == 0
    assert [line.split()[0] for line in audiences.output.splitlines()] == [
        "diplomatic",
        "executive",
        "press",
        "research",
    ]
    sections = run("sections").output
    for name in (
        "summary",
        "key-judgments",
        "timeline",
        "actors",
        "agreements",
        "summits",
        "cooperation",
        "eu-relations",
        "positions",
        "quotes",
        "outlook",
        "sources",
    ):
        assert f"\n{name} " in "\n" + sections


def test_every_command_has_help_with_examples() -> None:
    for command in ("build", "validate", "audiences", "sections", "schema"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "otsreport", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "build" in result.stdout


def test_schema_writes_a_schema_per_data_file(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    events = json.loads((tmp_path / "events.schema.json").read_text(encoding="utf-8"))
    assert events["type"] == "array"
    for name in (
        "dossier",
        "sources",
        "topics",
        "actors",
        "statements",
        "positions",
        "assessments",
        "audience",
    ):
        assert (tmp_path / f"{name}.schema.json").is_file()


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    run("schema", "--out", str(tmp_path))
    committed = sample_dossier_dir().parent / "schemas"
    for fresh in tmp_path.iterdir():
        assert (committed / fresh.name).read_text(encoding="utf-8") == fresh.read_text(
            encoding="utf-8"
        ), f"{fresh.name} is stale: run `otsreport schema --out data/schemas`"


def test_validate_accepts_a_json_dossier(tmp_path: Path) -> None:
    from otsreport.validate import load_dossier

    exported = tmp_path / "dossier.json"
    exported.write_text(load_dossier(sample_dossier_dir()).model_dump_json(), encoding="utf-8")
    result = run("validate", "--dossier", str(exported))
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output


def test_internal_errors_say_so_and_ask_for_a_report(monkeypatch: object) -> None:
    import otsreport.validate

    def broken(*_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(otsreport.validate, "validate_draft", broken)  # type: ignore[attr-defined]
    result = run("validate")
    assert result.exit_code == 3
    assert "internal error: ZeroDivisionError: boom" in result.stderr
    assert "This is a bug in otsreport" in result.stderr
    assert "Traceback" not in result.output


def test_doctor_names_pango_and_the_fonts_it_checked() -> None:
    result = run("doctor")
    assert result.exit_code == 0, result.output
    assert "Pango: 1." in result.output and "Fonts for 'az': Noto Serif, Noto Sans" in result.output
    assert "Ready to build briefs." in result.output


def test_top_level_help_cuts_no_description_short() -> None:
    commands = run("--help").output.split("Commands:")[1]
    assert "..." not in commands and "…" not in commands
    assert len([line for line in commands.splitlines() if line.startswith("  ")]) >= 12


def test_a_miscased_audience_and_a_file_for_a_dossier_get_plain_answers() -> None:
    result = run("build", "-a", "Executive", "-f", "html")
    assert result.exit_code == 2 and "did you mean 'executive'?" in result.output
    result = run("build", "-d", str(REPO / "README.md"), "-f", "html")
    assert result.exit_code == 1
    assert "not a dossier folder or a dossier exported as one .json file" in result.stderr
