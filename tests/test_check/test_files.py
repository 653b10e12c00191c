"""check-release on files already written: each brief tied to the dossier it was built
from, through what it declares and the build manifest beside it; every brief checked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from otsreport.paths import sample_dossier_dir

from ..conftest import OTHER_DOSSIER, edit, run


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    return folder


def test_a_brief_left_behind_by_a_later_build_is_not_vouched_for(tmp_path: Path) -> None:
    folder, out = _copy(tmp_path), tmp_path / "o"
    assert (
        run("build", "-d", str(folder), "-a", "press", "-f", "html", "-o", str(out)).exit_code == 0
    )
    edit(folder / "events.yaml", "- id: accord-2024\n", "- id: accord-2024\n  marking: TLP:RED\n")
    assert (
        run("build", "-d", str(folder), "-a", "executive", "-f", "html", "-o", str(out)).exit_code
        == 0
    )
    result = run("check-release", str(out / "press.html"))
    assert result.exit_code == 2 and "--as-is" in result.output, result.output
    assert run("check-release", str(out / "executive.html")).exit_code == 0


def test_a_brief_the_build_found_up_to_date_is_vouched_for(tmp_path: Path) -> None:
    folder, out = _copy(tmp_path), tmp_path / "o"
    args = ("build", "-d", str(folder), "-a", "press", "-f", "html", "-o", str(out))
    assert run(*args).exit_code == 0
    edit(
        folder / "assessments.yaml",
        "- id: slow-recovery\n",
        "- id: slow-recovery\n  marking: TLP:RED\n",
    )
    rebuilt = run(*args)  # the press brief shows no assessment: it stays as it was
    assert rebuilt.exit_code == 0 and "0 built, 1 up to date" in rebuilt.output, rebuilt.output
    assert run("check-release", str(out / "press.html")).exit_code == 0


def test_briefs_built_inside_the_dossier_folder_can_be_checked(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    previous = Path.cwd()
    os.chdir(folder)
    try:
        assert run("build", "-d", ".", "-a", "press", "-f", "html").exit_code == 0
        result = run("check-release", "build/lake-varen/press.html")
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output


def test_every_brief_is_checked_and_a_leak_outranks_an_untied_brief(
    sample_build: Path, tmp_path: Path
) -> None:
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    lonely = tmp_path / "press.html"
    shutil.copy(sample_build / "press.html", lonely)
    leaking = tmp_path / "leaking.html"
    leaking.write_text(html.replace("TLP:AMBER", "TLP:CLEAR"), encoding="utf-8")
    result = run("check-release", str(lonely), str(leaking), "-d", str(sample_dossier_dir()))
    assert result.exit_code == 1 and "above TLP:CLEAR" in result.output, result.output
    result = run("check-release", str(lonely), str(sample_build / "press.html"))
    assert result.exit_code == 2 and "nothing in it is above that" in result.output
