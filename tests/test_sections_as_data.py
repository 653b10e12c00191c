"""Sections are data: end to end through the CLI, on the sample and on another subject."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import html5lib
import pytest
from click.testing import Result
from pypdf import PdfReader

from otsreport.i18n import pick
from otsreport.paths import sample_dossier_dir
from otsreport.validate import load_dossier

from .conftest import OTHER_DOSSIER, REPO, put_profile, run

AUDIENCES = ("executive", "diplomatic", "press", "research")
ENERGY_PROFILE = """
  - summary
  - id: energy
    title: {en: Energy, hu: Energia}
    kind: items
    where: {topics: [TOPIC]}
  - timeline
"""


def tree(html: str) -> object:
    return html5lib.parse(html, namespaceHTMLElements=False)


def section(html: str, section_id: str) -> object:
    found = tree(html).find(f".//section[@id='section-{section_id}']")  # type: ignore[attr-defined]
    assert found is not None, section_id
    return found


def told_ids(element: object) -> set[str]:
    """Ids of the records told in full inside an element (references have no anchor)."""
    return {
        node.get("id").removeprefix("item-")
        for node in element.iter()  # type: ignore[attr-defined]
        if (node.get("id") or "").startswith("item-")
    }


def normalised(text: str) -> str:
    """PDF text with hyphenation and line breaks undone, for substring counts."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\n", "", text))


def build_energy(tmp_path: Path, topic: str) -> tuple[Path, Result]:
    """A profile in a --templates folder with an inline items section on ``topic``."""
    profile = put_profile(
        tmp_path / "mine" / "audiences" / "energy", sections=ENERGY_PROFILE.replace("TOPIC", topic)
    )
    mine, out = str(tmp_path / "mine"), str(tmp_path / "o")
    result = run("build", "-t", mine, "-a", "energy", "-f", "html", "-o", out)
    return profile, result


def test_an_inline_profile_section_shows_exactly_the_records_of_its_topic(tmp_path: Path) -> None:
    _, result = build_energy(tmp_path, "energy")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / "energy.html").read_text(encoding="utf-8")
    dossier = load_dossier(sample_dossier_dir())
    energy = {e.id for e in dossier.events if "energy" in e.topics}
    assert energy and told_ids(section(html, "energy")) == energy
    timeline = section(html, "timeline")
    assert not told_ids(timeline) & energy  # told once: the timeline points to them
    links = {a.get("href") for a in timeline.iter("a")}  # type: ignore[attr-defined]
    assert {f"#item-{i}" for i in energy} <= links


def test_an_unknown_topic_in_a_profile_exits_1_naming_the_profile(tmp_path: Path) -> None:
    profile, result = build_energy(tmp_path, "enrgy")
    assert result.exit_code == 1, result.output
    assert f"{profile}:8: section 'energy': where.topics.0: unknown topic 'enrgy'" in result.stderr
    assert "did you mean 'energy'?" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_summary_is_told_twice_in_any_brief(sample_build: Path, audience: str) -> None:
    dossier = load_dossier(sample_dossier_dir())
    html = (sample_build / f"{audience}.html").read_text(encoding="utf-8")
    text = normalised(
        " ".join(p.extract_text() or "" for p in PdfReader(sample_build / f"{audience}.pdf").pages)
    )
    for event in dossier.events:
        summary = pick(event.summary, "en")
        assert html.count(summary.replace("'", "&#39;").replace('"', "&#34;")) <= 1, (
            audience,
            event.id,
        )
        assert text.count(summary[:50]) <= 1, (audience, event.id)


def test_every_fact_of_the_sample_reaches_the_research_brief(sample_build: Path) -> None:
    dossier = load_dossier(sample_dossier_dir())
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    told = told_ids(tree(html))
    for collection in ("events", "statements", "positions", "assessments", "actors"):
        for record in getattr(dossier, collection):
            assert record.id in told, record.id


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_dossier_on_another_subject_builds_with_no_empty_section(
    tmp_path: Path, audience: str
) -> None:
    result = run(
        "build", "-d", str(OTHER_DOSSIER), "-a", audience, "-f", "html", "-o", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"{audience}.html").read_text(encoding="utf-8")
    sections = tree(html).findall(".//section")  # type: ignore[attr-defined]
    assert sections
    for element in sections:
        heading = element.find("h2")
        body = [n for n in element.iter() if n.tag in ("li", "tr", "article")]
        assert heading is not None and body, element.get("id")
        text = "".join(heading.itertext())
        assert not re.search(r"OTS|EU|Azerbaijan|Hungary", text), text
    if audience in ("diplomatic", "research"):
        assert told_ids(section(html, "fisheries")) >= {"kestria-quota", "valdoria-quota"}


def test_sections_lists_every_source_of_sections(tmp_path: Path) -> None:
    result = run("sections", "-d", str(OTHER_DOSSIER))
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert lines["timeline"].endswith("[built-in]") and " timeline " in lines["timeline"]
    assert lines["fisheries"].endswith("[dossier lake-varen]")
    assert "eu-relations" not in lines
    put_profile(
        tmp_path / "mine" / "audiences" / "x", sections=ENERGY_PROFILE.replace("TOPIC", "energy")
    )
    with_profile = run("sections", "-t", str(tmp_path / "mine"), "-a", "x").output
    assert re.search(r"^energy +items .*audience\.yaml\]$", with_profile, re.M)


def test_the_section_option_takes_dossier_sections(tmp_path: Path) -> None:
    result = run(
        "build",
        "-d",
        str(OTHER_DOSSIER),
        "-a",
        "press",
        "-s",
        "fisheries",
        "-f",
        "html",
        "--name",
        "fish",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "fish.html").read_text(encoding="utf-8")
    assert [s.get("id") for s in tree(html).findall(".//section")] == ["section-fisheries"]  # type: ignore[attr-defined]


SUBJECT = re.compile(
    r"eu-ots|\bOTS\b|azerbaijan|hungar|turkic|armenia|\bEU\b|orb[aá]n|aliyev|shusha", re.I
)


def test_no_code_names_the_samples_subject() -> None:
    dossier = load_dossier(sample_dossier_dir())
    topic_ids = {t.id for t in dossier.topics}
    for file in sorted((REPO / "src" / "otsreport").rglob("*.py")):
        text = file.read_text(encoding="utf-8")
        assert not SUBJECT.search(text), (file, SUBJECT.search(text))
        for topic in topic_ids:
            assert f'"{topic}"' not in text and f"'{topic}'" not in text, (file, topic)


def test_no_module_over_400_lines_or_function_over_60() -> None:
    for file in sorted((REPO / "src" / "otsreport").rglob("*.py")):
        text = file.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, file
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, f"{file}:{node.lineno} {node.name} has {length} lines"
