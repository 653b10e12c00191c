"""The section catalogue: every section a brief can hold, as data, and where each comes from.

Sections are defined in four places, the later overriding the earlier by id:

1. ``sections.yaml`` among the built-in templates;
2. ``sections.yaml`` in a user template folder (``--templates``, ``./templates``);
3. the dossier's ``dossier.yaml`` under ``sections`` (placed by the name ``dossier-sections``);
4. inline in an audience profile's ``sections`` list.

A profile's list is resolved into definitions here, and each ``where`` is checked against
the dossier, so an unknown topic in a profile is an error naming that profile's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from otsreport.errors import Problem, UsageError, UserError, unknown
from otsreport.models import AudienceProfile, Dossier, SectionDef
from otsreport.paths import CATALOGUE_FILE, builtin_templates_dir
from otsreport.select.query import where_problems

DOSSIER_SECTIONS: Final = "dossier-sections"

LineOf = Callable[[tuple[str | int, ...]], "int | None"]


@dataclass(frozen=True)
class Entry:
    """One section definition and where it was written, to point errors at it."""

    spec: SectionDef
    origin: str  # 'built-in', 'dossier ID', or the file's path
    file: Path | None = None
    line_of: LineOf | None = None
    from_dossier: bool = False  # checked with the dossier already, by ``validate``

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem:
        line = self.line_of(path) if self.line_of else None
        field = ".".join(str(p) for p in path) or None
        return Problem(message, self.file, line, f"section '{self.spec.id}'", field)


def _read(file: Path, origin: str) -> dict[str, Entry]:
    from otsreport.load import read_yaml, validate_model

    doc = read_yaml(file)
    if not isinstance(doc.value, list):
        raise UserError(Problem("expected a list of sections (lines starting '- ')", file, 1))
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(doc.value):
        spec, found = validate_model(SectionDef, raw, doc, (index,))
        problems += found
        if spec is None:
            continue
        if spec.id in entries:
            problems.append(Problem(f"duplicate section '{spec.id}'", file, doc.line_of((index,))))

        def line_of(path: tuple[str | int, ...], index: int = index) -> int | None:
            return doc.line_of((index, *path))

        entries[spec.id] = Entry(spec, origin, file, line_of)
    if problems:
        raise UserError(problems)
    return entries


def load_catalogue(template_dirs: Sequence[Path] = ()) -> dict[str, Entry]:
    """The built-in catalogue with each user folder's additions and replacements (first wins)."""
    catalogue = _read(builtin_templates_dir() / CATALOGUE_FILE, "built-in")
    for folder in reversed([Path(d) for d in template_dirs]):
        file = folder / CATALOGUE_FILE
        if file.is_file() and file.resolve() != (builtin_templates_dir() / CATALOGUE_FILE):
            catalogue.update(_read(file, str(file)))
    return catalogue


def dossier_entries(dossier: Dossier, file: Path | None = None) -> dict[str, Entry]:
    origin = f"dossier {dossier.info.id}"
    return {spec.id: Entry(spec, origin, file, from_dossier=True) for spec in dossier.info.sections}


def list_sections(
    template_dirs: Sequence[Path], dossier_dir: Path, audience: str | None = None
) -> list[Entry]:
    """Every section a build can name with ``-s``, the last definition of an id winning:
    catalogue, then the dossier's, then (with ``audience``) the profile's inline ones."""
    from otsreport.audiences import load_audience
    from otsreport.validate import load_dossier

    found = load_catalogue(template_dirs)
    dossier = load_dossier(dossier_dir)
    found.update(dossier_entries(dossier, dossier_dir / "dossier.yaml"))
    if audience is not None:
        chosen = load_audience(audience, template_dirs)
        for spec in chosen.profile.sections:
            if isinstance(spec, SectionDef):
                found[spec.id] = Entry(spec, str(chosen.profile_file), chosen.profile_file)
    return list(found.values())


def resolve(
    profile: AudienceProfile,
    profile_file: Path,
    profile_lines: LineOf,
    catalogue: dict[str, Entry],
    dossier: Dossier,
    asked: Sequence[str] = (),
) -> list[Entry]:
    """The sections a brief shows, in order: the ``-s`` names, or the profile's list.

    Unknown names are a usage error on the command line and a data error in a profile; a
    ``where`` naming what the dossier lacks is a data error in the file that defines it.
    """
    own = dossier_entries(dossier)
    inline = {
        spec.id: _inline(spec, index, profile_file, profile_lines)
        for index, spec in enumerate(profile.sections)
        if isinstance(spec, SectionDef)
    }
    known = {**catalogue, **own, **inline}
    if asked:
        missing = [name for name in asked if name not in known]
        if missing:
            raise UsageError(Problem(_unknown_sections(missing, known)))
        return _checked(_unique([known[name] for name in asked]), dossier)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, item in enumerate(profile.sections):
        if isinstance(item, SectionDef):
            entries.append(inline[item.id])
        elif item == DOSSIER_SECTIONS:
            entries += own.values()
        elif item in known:
            entries.append(known[item])
        else:
            message = _unknown_sections([item], known)
            line = profile_lines(("sections", index))
            problems.append(Problem(message, profile_file, line, None, f"sections.{index}"))
    if problems:
        raise UserError(problems)
    return _checked(_unique(entries), dossier)


def _inline(spec: SectionDef, index: int, file: Path, profile_lines: LineOf) -> Entry:
    def line_of(path: tuple[str | int, ...]) -> int | None:
        return profile_lines(("sections", index, *path))

    return Entry(spec, str(file), file, line_of)


def _unique(entries: list[Entry]) -> list[Entry]:
    """Each section once, where first named: a second copy would repeat its anchors."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(entry.spec.id, entry)
    return list(seen.values())


def _unknown_sections(names: Sequence[str], known: dict[str, Entry]) -> str:
    first = "; ".join(unknown("section", name, known) for name in names)
    return f"{first}; choose from: {', '.join(known)} (see `otsreport sections`)"


def _checked(entries: list[Entry], dossier: Dossier) -> list[Entry]:
    problems = [
        entry.problem(("where", *path), message)
        for entry in entries
        if not entry.from_dossier
        for path, message in where_problems(entry.spec.where, dossier)
    ]
    if problems:
        raise UserError(problems)
    return entries
