"""Audience profiles: finding them, loading them, and checking the sections they ask for.

An audience is a folder ``audiences/<name>/`` holding ``audience.yaml`` and, optionally,
templates that override the built-ins for that audience only. User template folders are
searched before the built-ins, so a user can add an audience or replace one by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from otsreport.errors import Problem, UsageError, UserError
from otsreport.load import load_profile
from otsreport.models import AudienceProfile
from otsreport.paths import builtin_templates_dir
from otsreport.sections import SECTIONS

PROFILE_FILE = "audience.yaml"


@dataclass(frozen=True)
class Audience:
    name: str
    folder: Path
    profile: AudienceProfile


def audience_folders(user_dirs: Sequence[Path] = ()) -> dict[str, Path]:
    """Every audience name and the folder that wins for it (user folders first)."""
    found: dict[str, Path] = {}
    for root in [*user_dirs, builtin_templates_dir()]:
        base = root / "audiences"
        if not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            if (folder / PROFILE_FILE).is_file():
                found.setdefault(folder.name, folder)
    return dict(sorted(found.items()))


def load_audience(name: str, user_dirs: Sequence[Path] = ()) -> Audience:
    folders = audience_folders(user_dirs)
    if name not in folders:
        raise UsageError(Problem(f"unknown audience '{name}'; choose from: {', '.join(folders)}"))
    folder = folders[name]
    profile = load_profile(folder / PROFILE_FILE)
    check_section_names(profile.sections, where=folder / PROFILE_FILE, usage=False)
    return Audience(name, folder, profile)


def check_section_names(
    names: Iterable[str], where: Path | None = None, *, usage: bool = True
) -> None:
    """Unknown section names: a usage error on the command line, a data error in a profile."""
    unknown = [name for name in names if name not in SECTIONS]
    if not unknown:
        return
    message = (
        f"unknown section {', '.join(repr(n) for n in unknown)}; choose from: {', '.join(SECTIONS)}"
    )
    if usage:
        raise UsageError(Problem(message))
    raise UserError(Problem(message, where, None, None, "sections"))


def split_section_option(values: Iterable[str]) -> list[str]:
    """``-s summary,timeline -s actors`` -> ['summary', 'timeline', 'actors']."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
