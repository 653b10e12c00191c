"""A build in which one audience fails writes every other audience, then exits 1 naming the
one that failed; a failure all audiences share is reported once, and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

from otsreport.paths import builtin_templates_dir

from .conftest import OTHER_DOSSIER, edit, put, run


def over_budget(folder: Path, audience: str) -> Path:
    """A template folder where ``audience`` may have one page: more than it needs."""
    profile = builtin_templates_dir() / "audiences" / audience / "audience.yaml"
    put(folder / "audiences" / audience / "audience.yaml", profile.read_text() + "max_pages: 1\n")
    return folder


def test_one_audience_over_its_budget_writes_the_others_and_exits_1(tmp_path: Path) -> None:
    templates = over_budget(tmp_path / "t", "research")
    out = tmp_path / "o"
    args = ["build", "-d", str(OTHER_DOSSIER), "-t", str(templates), "-o", str(out)]
    args += ["-a", "press", "-a", "research", "-a", "executive", "-f", "pdf", "-f", "html"]
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert re.search(
        r"audience 'research': the PDF has \d+ pages, over its budget of 1", result.stderr
    )
    assert "not built: research" in result.stderr
    assert "Traceback" not in result.output
    for name in ("executive", "press"):
        assert (out / f"{name}.pdf").is_file() and (out / f"{name}.html").is_file()
        assert f"wrote {out / name}.pdf" in result.stdout
    assert not list(out.glob("research.*"))  # never half an audience
    # The written ones are up to date in the manifest: the next build skips them.
    again = run(*args)
    assert again.exit_code == 1 and "0 built, 4 up to date" in again.stdout


def test_a_failure_every_audience_shares_is_reported_once(tmp_path: Path) -> None:
    import shutil

    from otsreport.paths import sample_dossier_dir

    dossier = tmp_path / "d"
    shutil.copytree(sample_dossier_dir(), dossier)
    edit(dossier / "events.yaml", "kind: visit", "kind: vist")
    result = run("build", "-d", str(dossier), "-f", "html", "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr.count("did you mean 'visit'?") == 1
    assert "not built:" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_what_a_brief_leaves_out_is_told_when_it_is_built_not_when_it_is_skipped(
    tmp_path: Path,
) -> None:
    out = tmp_path / "o"
    first = run("build", "-a", "press", "-f", "html", "-o", str(out))
    assert first.exit_code == 0 and "press: " in first.stderr and "withheld above" in first.stderr
    again = run("build", "-a", "press", "-f", "html", "-o", str(out))
    assert again.exit_code == 0 and "0 built, 1 up to date" in again.stdout
    assert again.stderr == ""
