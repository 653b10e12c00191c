"""The press brief's opening line (``select/lead.py``): what it tells, from which source, as
of when, as a sentence of the reader's language."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, run

ORIN = REPO / "tests" / "dossiers" / "orin-railway"


def lead_of(tmp_path: Path, *args: str) -> str:
    result = run("build", "-a", "press", "-f", "txt", "-o", str(tmp_path), *args)
    assert result.exit_code == 0, result.output
    [brief] = tmp_path.glob("press*.txt")
    paragraphs = [" ".join(p.split()) for p in brief.read_text(encoding="utf-8").split("\n\n")]
    return next(p for p in paragraphs if p.startswith(("This brief sets out", "Ez az anyag")))


def test_a_subject_that_repeats_the_sources_title_is_not_said_twice(tmp_path: Path) -> None:
    lead = lead_of(tmp_path)
    assert lead == (
        "This brief sets out what “Azerbaijan–Hungary relations and the Organization of "
        "Turkic States” reports, as of 27 November 2026."
    )


def test_a_subject_opening_with_an_article_reads_inside_the_sentence(tmp_path: Path) -> None:
    lead = lead_of(tmp_path, "-d", str(ORIN))
    assert "reports on a railway shared by Tarvia and Brenholt" in lead


def test_the_hungarian_lead_puts_the_date_where_it_takes_no_suffix(tmp_path: Path) -> None:
    lead = lead_of(tmp_path, "--lang", "hu")
    assert "(állapot: 2026. november 27.)" in lead and "27. állapot" not in lead
    assert ": az azerbajdzsáni" in lead  # the subject after the colon, article lower-cased
