"""Many sources: citations that name their source, grades, corroboration, disputes, whose
view, and nothing loaded left invisible; on the three-source fictional dossier."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from otsreport.select.citing import source_label
from otsreport.validate import load_dossier

from .conftest import OTHER_DOSSIER, edit, run

AUDIENCES = ("executive", "diplomatic", "press", "research")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("three-sources")
    result = run("build", "-d", str(OTHER_DOSSIER), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def text_of(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def test_inline_citations_name_their_source_and_never_merge_paragraphs(built: Path) -> None:
    dossier = load_dossier(OTHER_DOSSIER)
    labels = {source_label(s) for s in dossier.sources}
    for audience in ("diplomatic", "press"):
        tree = html5lib.parse(
            (built / f"{audience}.html").read_text(encoding="utf-8"), namespaceHTMLElements=False
        )
        cites = [text_of(e) for e in tree.iter("span") if e.get("class") == "cite-inline"]
        assert cites, audience
        for cite in cites:
            parts = cite.strip("()").split("; ")
            for part in parts:
                label = re.sub(r" ¶[\d, ]+( [A-F][1-6])?$", "", part)
                assert label in labels, (audience, cite)
            assert "source ¶" not in cite
        conference = next(c for c in cites if "Commission bulletin ¶2" in c)
        assert "Varen Gazette ¶5" in conference and "Kestria Daily ¶1" in conference


def test_a_fact_three_sources_report_says_so(built: Path) -> None:
    for audience in ("diplomatic", "research", "press"):
        html = (built / f"{audience}.html").read_text(encoding="utf-8")
        assert '<span class="corroboration">3 sources</span>' in html, audience
    text = " ".join(p.extract_text() or "" for p in PdfReader(built / "research.pdf").pages)
    assert "3 sources" in text


def test_one_publisher_counts_once(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "sources.yaml",
        "  publisher: Kestria Daily\n",
        "  publisher: Varen Gazette (fictional)\n",
    )
    result = run(
        "build", "-d", str(folder), "-a", "diplomatic", "-f", "html", "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / "diplomatic.html").read_text(encoding="utf-8")
    assert '<span class="corroboration">2 sources</span>' in html


def test_grades_and_addresses_reach_the_research_brief(built: Path) -> None:
    html = (built / "research.html").read_text(encoding="utf-8")
    for source in load_dossier(OTHER_DOSSIER).sources:
        assert re.search(
            rf"<h3>(<span class=\"portion\"[^<]*</span> )?{re.escape(source.title)}</h3>", html
        )
    assert "Varen Gazette, ¶1 (B2)" in html  # a footnote with its grade
    assert 'href="https://gazette.example/lake-accord"' in html
    assert "Admiralty system" in html
    assert 'href="#source-kestria-daily-p2"' in html  # a note links to its paragraph


def test_a_disputed_date_prints_both_values_with_their_sources(built: Path) -> None:
    for audience in ("diplomatic", "research"):
        tree = html5lib.parse(
            (built / f"{audience}.html").read_text(encoding="utf-8"), namespaceHTMLElements=False
        )
        disputes = [text_of(p) for p in tree.iter("p") if p.get("class") == "dispute"]
        expected = (
            "Sources differ on the date: 3 March 2024 (Varen Gazette ¶1); "
            "4 March 2024 (Kestria Daily ¶2)"
        )
        assert disputes == [expected], audience


def test_a_reported_view_names_its_holder_and_its_source(built: Path) -> None:
    html = (built / "research.html").read_text(encoding="utf-8")
    assert "Kestria Daily reports this forecast by some observers:" in html
    assert "Varen Gazette judges:" in html
    assert "The source judges" not in html


def test_joint_statements_notes_and_aliases_reach_the_research_brief(built: Path) -> None:
    html = (built / "research.html").read_text(encoding="utf-8")
    assert (
        "Valdoria and Kestria"
        in html.split("The lake belongs to those who live on its shores.")[1][:600]
    )
    assert "also: I. Marran" in html


def test_source_fields_are_checked_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(folder / "sources.yaml", "  reliability: C\n", "  reliability: G\n")
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 1
    assert re.search(r"sources\.yaml:\d+: kestria-daily: reliability: ", result.stderr), (
        result.stderr
    )


def test_validate_warns_about_one_event_entered_twice_with_two_dates(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(OTHER_DOSSIER, folder)
    events = (folder / "events.yaml").read_text(encoding="utf-8")
    twin = events.split("- id: valdoria-chairs-commission")[0].replace(
        "accord-2024", "accord-2024-again"
    )
    twin = re.sub(r"  disputed:\n(    .*\n)+", "", twin).replace(
        "date: 2024-03-03", "date: 2024-03-04"
    )
    (folder / "events.yaml").write_text(events + twin, encoding="utf-8")
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 0, result.output
    assert "accord-2024-again: date: looks like the same event as 'accord-2024'" in result.stderr
    assert "'disputed'" in result.stderr
    quiet = run("validate")  # the sample's three visits years apart are not flagged
    assert "looks like the same event" not in quiet.stderr


def test_the_sample_still_has_its_one_article() -> None:
    from otsreport.paths import sample_dossier_dir

    assert [s.id for s in load_dossier(sample_dossier_dir()).sources] == ["azerbaijan-hungary-ots"]
