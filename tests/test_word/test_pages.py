"""Page budgets hold in Word: LibreOffice counts a DOCX's pages, the build fits the Word brief
to its audience's budget and fails (or warns, with --allow-overflow) when it cannot; without
LibreOffice it says the count was not checked."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from otsreport.audiences import audience_folders
from otsreport.paths import builtin_templates_dir
from otsreport.word import pages
from otsreport.word.pages import FILL_MARGIN, Measure, Unmeasured, measure, soffice
from tests.conftest import OTHER_DOSSIER, put, run

needs_soffice = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed, so Word page counts cannot be measured; "
    "scripts/test.sh installs libreoffice-writer-nogui",
)


def _docx_of(pages_wanted: int, last_lines: int = 1) -> bytes:
    document = docx.Document()
    for page in range(pages_wanted):
        paragraph = document.add_paragraph(f"Page {page + 1}")
        if page < pages_wanted - 1:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    for line in range(last_lines - 1):
        document.add_paragraph(f"line {line}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@needs_soffice
def test_the_count_is_that_of_a_docx_of_known_length() -> None:
    # python-docx's blank document (Letter, 1 in margins) holds about 23 lines a page.
    breaks, third, most, over = (
        measure(_docx_of(3)),
        measure(_docx_of(1, last_lines=10)),
        measure(_docx_of(1, last_lines=20)),
        measure(_docx_of(1, last_lines=30)),
    )
    assert breaks is not None and breaks.pages == 3 and breaks.last_fill < 0.1
    assert third is not None and third.pages == 1 and 0.3 < third.last_fill < 0.5
    assert most is not None and most.pages == 1 and 0.7 < most.last_fill < FILL_MARGIN
    assert over is not None and over.pages == 2


def test_a_nearly_full_last_page_at_the_budget_leaves_no_margin_for_word() -> None:
    assert Measure(2, 0.5).within(2) and Measure(1, 0.99).within(2)
    assert not Measure(2, 0.95).within(2) and not Measure(3, 0.1).within(2)


def _budgets() -> dict[str, int]:
    """The built-in profiles' page budgets, read as written."""
    found = {}
    for name, folder in audience_folders(()).items():
        for line in (folder / "audience.yaml").read_text(encoding="utf-8").splitlines():
            if line.startswith("max_pages:"):
                found[name] = int(line.split(":", 1)[1])
    return found


@needs_soffice
@pytest.mark.parametrize("dossier", ["sample", "varen"])
def test_every_audience_is_within_its_budget_in_word(tmp_path: Path, dossier: str) -> None:
    budgets = _budgets()
    assert budgets.get("executive") == 2
    args = [] if dossier == "sample" else ["-d", str(OTHER_DOSSIER)]
    result = run("build", *args, "-f", "docx", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Word page count was not checked" not in result.stderr
    for name, budget in budgets.items():
        found = measure((tmp_path / f"{name}.docx").read_bytes())
        assert found is not None and found.within(budget), (name, found)


@needs_soffice
def test_a_word_brief_over_its_budget_fails_the_build_unless_overflow_is_allowed(
    tmp_path: Path,
) -> None:
    research = (builtin_templates_dir() / "audiences" / "research" / "audience.yaml").read_text(
        encoding="utf-8"
    )
    put(tmp_path / "t" / "audiences" / "research" / "audience.yaml", research + "max_pages: 1\n")
    args = ["build", "-t", str(tmp_path / "t"), "-a", "research", "-f", "docx"]
    result = run(*args, "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "audience 'research': the Word document (as LibreOffice lays it out) has" in (
        result.stderr
    )
    assert "over its budget of 1" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()
    allowed = run(*args, "-o", str(tmp_path / "o"), "--allow-overflow")
    assert allowed.exit_code == 0, allowed.output
    assert "over its budget of 1" in allowed.stderr and (tmp_path / "o" / "research.docx").exists()


def test_without_libreoffice_the_build_says_the_count_was_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "soffice", lambda: None)
    result = run("build", "-a", "executive", "-f", "docx", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (
        "audience 'executive': the Word page count was not checked "
        "(LibreOffice not found; `otsreport doctor`)"
    ) in result.stderr
    assert (tmp_path / "executive.docx").exists()
    research = run("build", "-a", "research", "-f", "docx", "-o", str(tmp_path / "r"))
    assert "Word page count" not in research.stderr  # no budget, nothing to check


def test_a_hung_libreoffice_is_killed_after_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hung = put(tmp_path / "soffice", "#!/bin/sh\nsleep 30 & sleep 30\n")
    hung.chmod(0o755)
    monkeypatch.setattr(pages, "soffice", lambda: str(hung))
    started = time.monotonic()
    with pytest.raises(Unmeasured, match="more than 1 s"):
        measure(_docx_of(1), timeout=1)
    assert time.monotonic() - started < 10
