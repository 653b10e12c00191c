"""Evidence told straight: each value of a disputed fact cites its own sources; a badge
counts the sources of the fact it stands beside; a redacted source appendix prints each
released fragment once, in source order, with an elision mark between; a record dated after
the dossier's ``as_of`` is a warning (an error with ``--strict``); ``find`` scores the whole
query. On the fictional Reed Isles, and on the sample with a second, fictional source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import html5lib
import pytest
from pypdf import PdfReader

from otsreport.matching import best_in, fold
from otsreport.paths import sample_dossier_dir
from otsreport.release import ELISION, release
from otsreport.validate import load_dossier

from .conftest import REPO, edit, put, run

REED = Path(__file__).resolve().parent / "dossiers" / "reed-isles"
FORMATS = ("-f", "html", "-f", "pdf", "-f", "md", "-f", "txt", "-f", "docx")
PACT = "Sources differ on the date: 12 June 2025 (Tidewater Post ¶2); 14 June 2025 (Isle Herald ¶1)"
CROSSING = (
    "Sources differ on the date: 1 September 2025 (Tidewater Post ¶3); "
    "8 September 2025 (Ferry Board ¶1)"
)
SUMMIT = (
    "Sources differ on the date: 20–21 May 2025 (Source article ¶2); 21 May 2025 (Example Wire ¶1)"
)
WIRE = "The second informal summit of the Turkic states opened in Hungary on 21 May 2025."


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2009", " ").split())


def brief_text(path: Path) -> str:
    """The words of a brief in any format, spacing flattened."""
    if path.suffix == ".pdf":
        return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))
    if path.suffix == ".docx":
        return flat(" ".join(p.text for p in docx.Document(str(path)).paragraphs))
    text = path.read_text(encoding="utf-8").replace("\\[", "[").replace("\\]", "]")
    return flat(re.sub(r"<[^>]+>", "", text) if path.suffix == ".html" else text)


def elements(path: Path, tag: str, css: str = "") -> list[tuple[str | None, str]]:
    """(id, text) of every ``tag`` element of an HTML brief, of class ``css`` if given."""
    tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return [
        (e.get("id"), flat("".join(e.itertext())))
        for e in tree.iter(tag)
        if not css or css in (e.get("class") or "").split()
    ]


def sides(line: str) -> list[set[str]]:
    """The sources each reading of a dispute line names: [{'Tidewater Post'}, ...]."""
    readings = re.findall(r"\(([^()]*)\)(?:; |$)", line.split(": ", 1)[1])
    return [{re.sub(r" ¶[\d, ]+$", "", s) for s in r.split("; ")} for r in readings]


@pytest.fixture(scope="module")
def reed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reed")
    result = run("build", "-d", str(REED), *FORMATS, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def sample_two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a second source that dates the Hungary summit a day later."""
    folder = tmp_path_factory.mktemp("sample-two") / "dossier"
    shutil.copytree(sample_dossier_dir(), folder)
    put(folder / "sources" / "wire.txt", WIRE + "\n")
    sources = folder / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "- id: example-wire\n  title: Example Wire\n"
        "  short: Example Wire\n  publisher: Example Wire (fictional)\n  language: en\n"
        "  text: sources/wire.txt\n  perspective: A fictional news agency.\n",
        encoding="utf-8",
    )
    edit(
        folder / "events.yaml",
        '    - {source: azerbaijan-hungary-ots, paragraph: 2, quote: "it took place within a '
        'European Union (EU) member state"}\n',
        '    - {source: azerbaijan-hungary-ots, paragraph: 2, quote: "it took place within a '
        'European Union (EU) member state"}\n'
        f'    - {{source: example-wire, quote: "{WIRE}"}}\n'
        "  disputed:\n    - field: date\n      value: 2025-05-21\n      citations:\n"
        '        - {source: example-wire, quote: "opened in Hungary on 21 May 2025"}\n',
    )
    return folder


# -- each value cites its own sources --------------------------------------------------------


def test_each_value_of_a_disputed_fact_cites_its_own_sources_in_every_format(
    reed_build: Path,
) -> None:
    for name in ("research", "diplomatic"):
        for suffix in ("html", "pdf", "md", "txt", "docx"):
            text = brief_text(reed_build / f"{name}.{suffix}")
            assert PACT in text, (name, suffix)
            assert CROSSING in text, (name, suffix)
    for name in ("research", "diplomatic", "press"):
        lines = [text for _, text in elements(reed_build / f"{name}.html", "p", "dispute")]
        assert lines, name
        for line in lines:
            own, *others = sides(line)
            assert own and others and all(own.isdisjoint(other) for other in others), line


def test_the_records_own_value_is_backed_by_its_sources_that_give_no_other(
    tmp_path: Path,
) -> None:
    """Without ``record_citations``, every source of the record that gives no other value
    backs its own: the Herald, which gives no day, then counts for 1 September."""
    folder = shutil.copytree(REED, tmp_path / "reed")
    edit(
        folder / "events.yaml",
        '      record_citations:\n        - {source: tidewater-post, quote: "opened on 1 '
        'September 2025"}\n',
        "",
    )
    result = run("build", "-d", str(folder), "-a", "research", "-f", "md", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    text = brief_text(tmp_path / "research.md")
    assert "1 September 2025 (Tidewater Post ¶3; Isle Herald ¶2); 8 September 2025" in text


def test_a_value_no_source_of_its_own_backs_is_a_warning_and_strict_an_error(
    tmp_path: Path,
) -> None:
    folder = shutil.copytree(REED, tmp_path / "reed")
    edit(
        folder / "events.yaml",
        '        - {source: isle-herald, quote: "signed in Marsh Quay on 14 June 2025"}\n',
        '        - {source: isle-herald, quote: "signed in Marsh Quay on 14 June 2025"}\n'
        '        - {source: tidewater-post, quote: "after a winter of talks"}\n',
    )
    line = folder.joinpath("events.yaml").read_text().splitlines().index("      citations:") + 1
    warned = run("validate", "-d", str(folder))
    assert warned.exit_code == 0, warned.output
    expected = (
        f"events.yaml:{line}: ferry-pact: disputed.0.citations: every source of the record "
        "gives another date here"
    )
    assert f"warning: {folder / expected}" in warned.stderr
    strict = run("validate", "-d", str(folder), "--strict")
    assert strict.exit_code == 1 and str(folder / expected) in strict.stderr
    assert "warning:" not in strict.stderr and "Traceback" not in strict.output


def test_record_citations_are_checked_against_the_source_like_any_citation(
    tmp_path: Path,
) -> None:
    folder = shutil.copytree(REED, tmp_path / "reed")
    edit(folder / "events.yaml", 'quote: "opened on 1 September 2025"}', 'quote: "opened in May"}')
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 1
    assert "night-crossing: disputed.0.record_citations.0.quote: quote not found" in result.output
    # the paragraph a record citation leaves out is found from its quote, as for any other,
    # and `validate --fix` corrects a wrong one
    night = next(e for e in load_dossier(REED).events if e.id == "night-crossing")
    assert night.disputed[0].record_citations[0].paragraph == 3
    edit(
        folder / "events.yaml",
        'quote: "opened in May"}',
        'paragraph: 1, quote: "opened on 1 September 2025"}',
    )
    fixed = run("validate", "-d", str(folder), "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "night-crossing: disputed.0.record_citations.0.paragraph: 1 -> 3" in fixed.output


def test_a_dispute_whose_own_side_cites_a_withheld_source_is_withheld(tmp_path: Path) -> None:
    folder = shutil.copytree(REED, tmp_path / "reed")
    put(folder / "sources" / "log.txt", "The harbour log notes the crossing on 1 September 2025.\n")
    sources = folder / "sources.yaml"
    sources.write_text(
        sources.read_text() + "- id: harbour-log\n  title: The harbour log\n  language: en\n"
        "  text: sources/log.txt\n  perspective: The harbour's own.\n  marking: TLP:RED\n"
    )
    edit(
        folder / "events.yaml",
        "      record_citations:\n",
        '      record_citations:\n        - {source: harbour-log, quote: "notes the crossing"}\n',
    )
    cut = release(load_dossier(folder), "TLP:AMBER").dossier
    night = next(e for e in cut.events if e.id == "night-crossing")
    assert night.disputed == [] and "harbour-log" not in {s.id for s in cut.sources}
    result = run("build", "-d", str(folder), "-a", "research", *FORMATS[:4], "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for suffix in ("html", "pdf"):
        assert "harbour log" not in brief_text(tmp_path / f"research.{suffix}")


def test_the_sample_with_a_second_source_cites_each_date_to_its_own(
    sample_two: Path, tmp_path: Path
) -> None:
    result = run("build", "-d", str(sample_two), "-a", "research", *FORMATS, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for suffix in ("html", "pdf", "md", "txt", "docx"):
        assert SUMMIT in brief_text(tmp_path / f"research.{suffix}"), suffix
    assert run("validate", "-d", str(sample_two), "--strict").exit_code == 0
    # the key point on the Shusha meeting (one source) and this summit (two) is told by one
    points = elements(tmp_path / "research.html", "li")
    shusha = next(text for _, text in points if "The first informal OTS" in text)
    assert "sources" not in shusha
    summit = [t for i, t in points if i == "item-ots-informal-summit-hungary-2025"]
    assert summit and "2 sources" in summit[0]


# -- badges ----------------------------------------------------------------------------------


def test_a_badge_counts_the_sources_of_the_fact_it_stands_beside(reed_build: Path) -> None:
    html = reed_build / "research.html"
    badges = {i: t for i, t in elements(html, "li") if i and i.startswith("item-")}
    assert badges["item-ferry-pact"].count("2 sources") == 1
    assert "3 sources" in badges["item-night-crossing"]
    assert "sources" not in badges["item-fares-set"]
    # the key point tells two facts, of two and three sources: it is as corroborated as the
    # least of them, not by all five citations' three publishers together
    [point] = [t for _, t in elements(html, "li") if "The two towns signed" in t]
    assert "2 sources" in point and "3 sources" not in point
    executive = brief_text(reed_build / "executive.pdf")
    assert "opened a night crossing in September. 2 sources" in executive


# -- the redacted source appendix -----------------------------------------------------------


def _appendix(path: Path, source: str) -> list[str]:
    return [t for i, t in elements(path, "li") if i and i.startswith(f"source-{source}-p")]


def test_the_redacted_appendix_prints_each_fragment_once_in_source_order(
    reed_build: Path,
) -> None:
    assert _appendix(reed_build / "research.html", "tidewater-post") == [
        "[…]",
        "Upper Reed and Lower Reed signed the ferry pact in Marsh Quay on 12 June 2025",
        "The board’s night crossing opened on 1 September 2025. Its first boat carried forty "
        "passengers. […] Tickets cost two reed-marks.",
    ]
    # a source nothing is withheld from is printed whole
    assert _appendix(reed_build / "research.html", "isle-herald")[1].startswith("Herald readers")
    pdf = brief_text(reed_build / "research.pdf")
    appendix = pdf.split("Full text, paragraphs numbered as cited")[1]
    assert appendix.count("Upper Reed and Lower Reed signed") == 1
    assert "forty passengers. […] Tickets cost two reed-marks." in appendix
    for suffix in ("html", "pdf", "md", "txt", "docx"):
        assert "harbour master" not in brief_text(reed_build / f"research.{suffix}")


def test_the_sample_redacted_for_a_clear_reader_prints_each_fragment_once(
    tmp_path: Path,
) -> None:
    """The research brief (source text appended) for a CLEAR reader: the sample's AMBER
    views are withheld, so its source is cut to the passages released records quote."""
    audience = tmp_path / "templates" / "audiences" / "clear-research"
    shutil.copytree(REPO / "templates" / "audiences" / "research", audience)
    edit(audience / "audience.yaml", "marking: TLP:AMBER", "marking: TLP:CLEAR")
    out = tmp_path / "out"
    args = ("-t", str(tmp_path / "templates"), "-a", "clear-research", "-o", str(out))
    result = run("build", *args, "-f", "html", "-f", "pdf")
    assert result.exit_code == 0, result.output
    original = load_dossier(sample_dossier_dir()).sources[0].paragraphs or []
    printed = _appendix(out / "clear-research.html", "azerbaijan-hungary-ots")
    assert len(printed) == len(original) and any(ELISION.strip() in p for p in printed)
    for whole, shown in zip(original, printed, strict=True):
        at = 0
        for piece in shown.split(ELISION):
            if piece == ELISION.strip():
                continue
            found = fold(whole).find(fold(piece), at)
            assert found >= at, (piece, whole)  # once, and after the piece before it
            at = found + len(fold(piece))
    pdf = brief_text(out / "clear-research.pdf").split("paragraphs numbered as cited")[1]
    assert pdf.count("three official and working visits to Azerbaijan") == 1


# -- dates after as_of -----------------------------------------------------------------------


AFTER_AS_OF = {  # dossier: (its folder, record, its date as written, a date after as_of, as_of)
    "reed": (REED, "night-crossing", "2025-09-01", "2026-09-01", "2026-02-01"),
    "sample": (
        sample_dossier_dir(),
        "ots-informal-summit-hungary-2025",
        "2025-05-20/2025-05-21",
        "2027-05-20",
        "2026-11-27",
    ),
}


@pytest.mark.parametrize("dossier", sorted(AFTER_AS_OF))
def test_a_record_dated_after_as_of_is_a_warning_and_strict_an_error(
    dossier: str, tmp_path: Path
) -> None:
    source, record, old, new, as_of = AFTER_AS_OF[dossier]
    folder = shutil.copytree(source, tmp_path / dossier)
    events = folder / "events.yaml"
    edit(events, f"  date: {old}\n", f"  date: {new}\n")
    lines = events.read_text(encoding="utf-8").splitlines()
    line = lines.index(f"  date: {new}") + 1
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 0, result.output
    expected = f"{events}:{line}: {record}: date: dated {new}, after the dossier's as_of ({as_of})"
    assert f"warning: {expected}" in result.stderr
    strict = run("validate", "-d", str(folder), "--strict")
    assert strict.exit_code == 1 and expected in strict.stderr
    assert "warning:" not in strict.stderr and "Traceback" not in strict.output


def test_another_sources_date_after_as_of_is_a_warning(tmp_path: Path) -> None:
    folder = shutil.copytree(REED, tmp_path / "reed")
    edit(folder / "events.yaml", "      value: 2025-06-14\n", "      value: 2026-06-14\n")
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 0, result.output
    assert "ferry-pact: disputed.0.value: dated 2026-06-14, after the dossier's" in result.stderr


def test_a_date_within_the_as_of_year_or_month_is_not_after_it(tmp_path: Path) -> None:
    folder = shutil.copytree(REED, tmp_path / "reed")
    edit(folder / "events.yaml", "  date: 2025-09-01\n", "  date: 2026\n")  # as_of 2026-02-01
    edit(folder / "events.yaml", "  date: 2025-06-12\n", "  date: 2026-02\n")
    result = run("validate", "-d", str(folder), "--strict")
    assert result.exit_code == 0, result.output
    assert "as_of" not in result.output


# -- find ------------------------------------------------------------------------------------


def test_find_scores_the_whole_query_never_100_for_a_part() -> None:
    heading = run("find", "Ferries run between the towns every night of the year", "-d", str(REED))
    assert heading.exit_code == 1 and "not found in any source" in heading.output
    assert best_in("Ferries run between the towns every night of the year", "Ferries")[0] < 50
    typo = run("find", "Upper Reed and Lower Reed signed the ferry pakt", "-d", str(REED))
    assert typo.exit_code == 0, typo.output
    first = typo.output.splitlines()[0]
    assert first.startswith("# tidewater-post ¶2, ") and "100%" not in first
    longer = run(
        "find", "Hungary opposed the EU's unilateral aid of €10 million to Armenia and Georgia"
    )
    assert longer.exit_code == 0 and "¶5" in longer.output and "100%" not in longer.output
    exact = run("find", "Hungary opposed the EU's unilateral aid of €10 million to Armenia")
    assert exact.output.startswith("# azerbaijan-hungary-ots ¶5, 100% match")
