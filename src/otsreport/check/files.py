"""``otsreport check-release`` on files already written: each brief tied to its dossier.

A brief declares the dossier it was built from (its id and a digest of its files); the
build's manifest beside it says where that dossier is. ``--dossier`` overrides the manifest.
A brief that cannot be tied to a dossier is a usage error, never checked against another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from otsreport.check import Report, check_reading, read_brief
from otsreport.check.reading import Reading
from otsreport.errors import Problem, UsageError, UserError
from otsreport.files import read_regular
from otsreport.manifest import Manifest, dossier_digest

MAX_BRIEF: Final = 512 * 1024 * 1024


@dataclass
class Checked:
    brief: Path
    report: Report
    notes: list[str] = field(default_factory=list)


def check_file(brief: Path, dossier: Path | None = None, *, as_is: bool = False) -> Checked:
    """Check ``brief`` against the dossier it was built from (``dossier`` overrides where
    it is found). A dossier that is not the one the brief was built from, or that changed
    since, is a usage error unless ``as_is`` asks to check against it as it is now."""
    from otsreport.check.passages import index_for
    from otsreport.markings import MarkingError
    from otsreport.validate import load_dossier

    reading = _read(brief)
    declared = reading.declared
    banner = declared.get("otsreport-marking")
    if not banner:
        raise UsageError(
            Problem("the brief declares no marking in its metadata; otsreport writes one", brief)
        )
    built_from = declared.get("otsreport-dossier")
    if not built_from and dossier is None:
        raise UsageError(
            Problem("the brief does not say which dossier it was built from; pass --dossier", brief)
        )
    folder = dossier or _from_manifest(brief)
    loaded = load_dossier(folder)
    notes: list[str] = []
    if built_from and built_from != loaded.info.id:
        raise UsageError(
            Problem(
                f"the brief was built from dossier '{built_from}', not '{loaded.info.id}' "
                f"({folder}); pass the right one with --dossier",
                brief,
            )
        )
    current = dossier_digest(folder)
    declared_digest = declared.get("otsreport-dossier-digest")
    same = declared_digest == current or Manifest.read(brief.resolve().parent).confirms(
        brief, current
    )
    if not same and not as_is:
        raise UsageError(
            Problem(
                f"the dossier at {folder} is not the one this brief was built from (it has "
                "changed since, or is another with the same id): rebuild the brief, or pass "
                "--as-is to check it against the dossier as it is now",
                brief,
            )
        )
    if not same:
        notes.append(f"{brief}: checked against the dossier as it is now, not as built")
    try:
        index = index_for(loaded, banner)
    except MarkingError as error:
        raise UserError(Problem(f"the brief's marking: {error}", brief)) from None
    return Checked(brief, check_reading(reading, index), notes)


def raise_worst(leaks: list[Problem], unchecked: list[UserError]) -> None:
    """One error for a run over several briefs: a leak anywhere is the worst news (exit 1,
    every brief that could not be checked listed with it); else a brief that could not be
    tied to its dossier (exit 2); else one that could not be read (exit 1)."""
    problems = [*leaks, *(p for error in unchecked for p in error.problems)]
    if not problems:
        return
    if not leaks and any(isinstance(error, UsageError) for error in unchecked):
        raise UsageError(problems)
    raise UserError(problems)


def _read(brief: Path) -> Reading:
    data = read_regular(brief, MAX_BRIEF, "brief")
    try:
        return read_brief(data)
    except UserError as error:
        raise UserError([Problem(p.message, brief) for p in error.problems]) from None
    except Exception as error:  # a hostile file can fail anywhere in a parser
        raise UserError(
            Problem(f"not a readable brief: {type(error).__name__}: {error}", brief)
        ) from None


def _from_manifest(brief: Path) -> Path:
    recorded = Manifest.read(brief.resolve().parent).dossier
    if not recorded or not Path(recorded).exists():
        raise UsageError(
            Problem(
                "cannot tell which dossier this brief was built from (no build manifest "
                "beside it names one); pass it with --dossier",
                brief,
            )
        )
    return Path(recorded)
