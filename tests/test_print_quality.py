"""Print quality read from the PDFs themselves: the marking's size and place, headings kept
with their text, no near-empty page, a comfortable measure, one note per citation, each
language's quotation marks. For the sample and for a dossier on another subject."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import html5lib
import pytest

from tests.conftest import OTHER_DOSSIER, run
from tests.pdf_layout import Page, measure, median_body_line, read_pages

AUDIENCES = ["executive", "diplomatic", "press", "research"]


@pytest.fixture(scope="module")
def other_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("other")
    result = run("build", "-d", str(OTHER_DOSSIER), "-o", str(out), "-f", "pdf")
    assert result.exit_code == 0, result.output
    return out


def briefs(sample_build: Path, other_build: Path) -> list[tuple[str, list[Page]]]:
    return [
        (f"{folder.name}/{audience}", read_pages(folder / f"{audience}.pdf"))
        for folder in (sample_build, other_build)
        for audience in AUDIENCES
    ]


def test_marking_is_12pt_in_head_and_foot_of_every_page_and_nowhere_else(
    sample_build: Path, other_build: Path
) -> None:
    for name, pages in briefs(sample_build, other_build):
        for page in pages:
            marks = [w for w in page.words if str(w["text"]).startswith("TLP:")]
            places = sorted(float(w["top"]) for w in marks)  # type: ignore[arg-type]
            assert len(marks) == 2, f"{name} p{page.number}: marking shown {len(marks)} times"
            assert places[0] < 60 and places[1] > page.height - 60, f"{name} p{page.number}"
            sizes = {round(float(w["size"]), 1) for w in marks}  # type: ignore[arg-type]
            assert min(sizes) >= 12, f"{name} p{page.number}: marking at {sizes} pt"


def test_no_page_ends_on_a_heading(sample_build: Path, other_build: Path) -> None:
    for name, pages in briefs(sample_build, other_build):
        for page in pages:
            body = page.body
            assert body, f"{name} p{page.number} has no body text"
            last = body[-1]
            assert not last.is_heading, f"{name} p{page.number} ends on heading {last.text!r}"


def test_no_page_but_the_first_is_near_empty(sample_build: Path, other_build: Path) -> None:
    for name, pages in briefs(sample_build, other_build):
        for page in pages[1:]:
            assert len(page.body) >= 4, f"{name} p{page.number}: {len(page.body)} lines"


def test_measure_is_comfortable(sample_build: Path, other_build: Path) -> None:
    for name, pages in briefs(sample_build, other_build):
        median = median_body_line(pages)
        assert median <= 80, f"{name}: median body line {median} characters"
    # ...and not absurdly narrow where there is prose to set.
    assert median_body_line(read_pages(sample_build / "research.pdf")) >= 45


def test_every_note_number_is_used_once_and_a_repeat_is_given_short(sample_build: Path) -> None:
    # The notes as set in each page's footnote area (7.5 pt type at its foot; a portion mark
    # just above it is smaller).
    notes: list[tuple[int, str]] = []
    for sheet in measure(sample_build / "research.pdf"):
        for line in sheet.notes:
            head, _, rest = line.text.partition(". ")
            if abs(line.size - 7.5) > 0.1:
                continue
            if head.isdigit() and rest:
                notes.append((int(head), rest))
            elif notes:
                notes[-1] = (notes[-1][0], notes[-1][1] + " " + line.text)
    assert len(notes) > 30, notes
    # Notes 1..N, each printed once, none lost from a crowded page's footnote area.
    numbers = [number for number, _ in notes]
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    # A citation quoted in full once; a later call has a short note of its own (no quote).
    full = [text for _, text in notes if "“" in text]
    short = [text for _, text in notes if "“" not in text]
    assert full and short, notes
    assert not [text for text, count in Counter(full).items() if count > 1]
    assert all(text.endswith(".") and "¶" in text for text in short), short
    # On screen, every call links to a note of its own number.
    page = html5lib.parse((sample_build / "research.html").read_text(), namespaceHTMLElements=False)
    calls = [link.get("href", "") for link in page.findall(".//sup[@class='note-call']/a")]
    assert len(calls) == len(set(calls)) == len(numbers)
    listed = {item.get("id") for item in page.iter("li")}
    assert all(call[1:] in listed for call in calls)


def test_hungarian_brief_quotes_the_hungarian_way(tmp_path: Path) -> None:
    result = run("build", "-a", "research", "--lang", "hu", "-f", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    pages = read_pages(tmp_path / "research.hu.pdf")
    text = "\n".join(line.text for page in pages for line in page.lines)
    assert text.count("„") > 20
    # A quotation inside a quotation takes the inner marks, never two closing marks in a row.
    assert "»" in text
    assert "””" not in text and "““" not in text


def test_untranslated_dossier_warns_per_audience_in_another_language(tmp_path: Path) -> None:
    other = str(OTHER_DOSSIER)
    result = run("build", "-d", other, "--lang", "hu", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for audience in AUDIENCES:
        line = next(
            (
                row
                for row in result.output.splitlines()
                if row.startswith(f"warning: {audience}:") and "translation coverage" in row
            ),
            None,
        )
        assert line is not None, result.output
        found = re.search(r"\((\d+) of (\d+) words", line)
        assert found is not None, line
        translated, shown = int(found.group(1)), int(found.group(2))
        assert 0 <= translated < shown
