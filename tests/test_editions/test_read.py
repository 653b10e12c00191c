"""Earlier editions from a folder, a JSON dossier, or a git revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from otsreport.editions import compare, read_edition
from otsreport.errors import UsageError, UserError
from otsreport.validate import load_dossier

from .editions import new_edition, old_edition


def _git(where: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(where), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_git_revision_of_the_dossier_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = old_edition(repo / "dossiers" / "varen")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first edition")
    shutil.rmtree(folder)
    new_edition(folder)
    earlier = read_edition("git:HEAD", folder)
    assert earlier.info.as_of.start.first_day.isoformat() == "2026-01-15"
    assert not compare(earlier, load_dossier(tmp_path / "repo" / "dossiers" / "varen")).is_empty
    with pytest.raises(UserError, match="not a valid object name: unknown-rev"):
        read_edition("git:unknown-rev", folder)


def test_git_outside_a_checkout_and_odd_revisions(tmp_path: Path) -> None:
    folder = old_edition(tmp_path / "varen")
    with pytest.raises(UserError, match="not in a git checkout"):
        read_edition("git:HEAD", folder)
    with pytest.raises(UsageError, match="not a git revision"):
        read_edition("git:--output=/tmp/x", folder)
    with pytest.raises(UsageError, match="needs a dossier folder"):
        read_edition("git:HEAD", None)


def test_a_json_dossier_and_a_missing_one(tmp_path: Path) -> None:
    folder = old_edition(tmp_path / "varen")
    exported = tmp_path / "varen.json"
    exported.write_text(load_dossier(folder).model_dump_json(), encoding="utf-8")
    assert compare(read_edition(str(exported)), load_dossier(folder)).is_empty
    with pytest.raises(UsageError, match="no edition at"):
        read_edition(str(tmp_path / "nowhere"))
