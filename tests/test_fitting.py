"""A brief with a page budget fills it before anything is left out, and says what it left out
(``fitting.py``, ``select/trimming.py``)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from otsreport.audiences import load_audience
from otsreport.fitting import fit
from otsreport.formats import Made
from otsreport.options import BuildOptions
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.select.selection import Selection
from otsreport.select.stage import Inputs
from otsreport.select.trimming import trimmable, trimmed_counts
from tests.conftest import put, run
from tests.pdf_layout import read_pages


def test_items_are_left_out_from_the_longest_list_the_later_of_equals_first() -> None:
    assert trimmed_counts([3, None, 5, 1], 3) == [3, None, 2, 1]
    assert trimmed_counts([2, 2], 1) == [2, 1]
    # Every list keeps one item; a list kept whole (None) is never touched.
    assert trimmed_counts([3, None, 2], 99) == [1, None, 1]
    assert trimmable([3, None, 2, 1]) == 3


def _selection(trimmable_items: int, title: str) -> Selection:
    """The sample's executive brief, as the select stage makes it, with a budget of two
    pages and ``trimmable_items`` that could be left out."""
    found = Inputs(BuildOptions(), sample_dossier_dir()).select(load_audience("executive"))
    brief = replace(found.brief, trimmable=trimmable_items, title=title)
    return replace(found, brief=brief, max_pages=2, sections=("whole",))


@pytest.mark.parametrize("pages_at", [[5, 4, 3, 3, 2, 2, 1], [2, 1], [3, 3, 3, 3], [3, 2]])
def test_the_fewest_items_that_fit_are_found(pages_at: list[int]) -> None:
    """Pages fall as items are left out; the search stops at the first count that fits, or
    gives the whole brief when none does."""
    most = len(pages_at) - 1
    whole = _selection(most, f"pages {pages_at}")
    tried: list[int] = []

    def reselect(trim: int) -> Selection:
        return replace(whole, sections=(str(trim),))

    def measure(selection: Selection) -> Made:
        trim = 0 if selection.sections == ("whole",) else int(selection.sections[0])
        tried.append(trim)
        return Made(b"", pages_at[trim])

    fitted = fit(whole, reselect, measure, [f"test={pages_at}"], "pdf")
    fitting = [trim for trim, pages in enumerate(pages_at) if pages <= 2]
    expected = fitting[0] if fitting else 0
    chosen = 0 if fitted.selection is whole else int(fitted.selection.sections[0])
    assert chosen == expected
    assert fitted.made is not None and fitted.made.pages == pages_at[expected]
    assert len(tried) <= 2 + len(pages_at).bit_length()
    # Asked again, the count found is remembered: nothing is laid out.
    tried.clear()
    again = fit(whole, reselect, measure, [f"test={pages_at}"], "pdf")
    assert tried == [] and again.made is None
    assert (again.selection is whole) == (expected == 0)


def more_key_points(dossier: Path, copies: int) -> None:
    """The dossier's key points told ``copies`` times over (a brief too long for its budget)."""
    meta = dossier / "dossier.yaml"
    text = meta.read_text(encoding="utf-8")
    start = text.index("key_points:\n") + len("key_points:\n")
    end = text.index("\n# The dossier's own sections")
    points = text[start:end] + "\n"
    more = "".join(points.replace("- text: ", f"- text: Again, copy {n}, ") for n in range(copies))
    meta.write_text(text[:end] + "\n" + more.rstrip("\n") + text[end:], encoding="utf-8")


def test_an_executive_brief_fills_its_pages_and_names_what_it_left_out(
    tmp_path: Path, dossier_copy: Path
) -> None:
    more_key_points(dossier_copy, 3)  # 20 key points: about three pages
    args = ["build", "-d", str(dossier_copy), "-a", "executive", "-f", "pdf", "-f", "html"]
    result = run(*args, "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    said = re.search(
        r"audience 'executive': left out to fit its budget of 2 pages: (.*)", result.stderr
    )
    assert said, result.stderr
    left = {title: int(n) for n, title in re.findall(r"(\d+) from '([^']+)'", said.group(1))}
    assert left.get("Bottom line up front", 0) >= 1, left
    pages = read_pages(tmp_path / "o" / "executive.pdf")
    assert len(pages) == 2
    text = " ".join(line.text for page in pages for line in page.lines)
    shown = text.count("Again, copy ")
    assert 0 < shown < 15  # some of the extra key points fill the pages, the rest are left out
    assert f"{left['Bottom line up front']} more in the full dossier" in text
    # The HTML shows the same brief: the same key points, the same sections saying so.
    html = (tmp_path / "o" / "executive.html").read_text(encoding="utf-8")
    assert html.count("Again, copy ") == shown
    assert html.count('class="omitted"') == len(left)
    # The same build elsewhere remembers what fitted and gives the same bytes.
    second = run(*args, "-o", str(tmp_path / "o2"))
    assert second.exit_code == 0 and said.group(0) in second.stderr
    assert (tmp_path / "o2" / "executive.pdf").read_bytes() == (
        tmp_path / "o" / "executive.pdf"
    ).read_bytes()


def test_a_brief_that_fits_leaves_nothing_out(sample_build: Path) -> None:
    """The sample's executive brief fits its two pages with every key point, judgment and
    indicator: nothing is cut to a fixed number first."""
    from otsreport.validate import load_dossier

    dossier = load_dossier(sample_dossier_dir())
    pages = read_pages(sample_build / "executive.pdf")
    assert len(pages) <= 2
    text = " ".join(line.text for page in pages for line in page.lines)
    assert "more in the full dossier" not in text
    assert text.count("KEY JUDGMENT ") == len(dossier.judgments)


def test_overflow_allowed_keeps_the_whole_brief(tmp_path: Path) -> None:
    profile = builtin_templates_dir() / "audiences" / "executive" / "audience.yaml"
    text = profile.read_text(encoding="utf-8").replace("max_pages: 2", "max_pages: 1")
    put(tmp_path / "t" / "audiences" / "executive" / "audience.yaml", text)
    args = ["build", "-t", str(tmp_path / "t"), "-a", "executive", "-f", "html"]
    result = run(*args, "-o", str(tmp_path / "o"), "--allow-overflow")
    assert result.exit_code == 0, result.output
    assert "left out to fit" not in result.stderr
    assert 'class="omitted"' not in (tmp_path / "o" / "executive.html").read_text()
