"""One error type for the user's mistakes, carrying every problem found, not just the first.

Analysts fix YAML by hand; one run that lists all ten typos beats ten runs that list one each.
Anything that is not a ``UserError`` is a bug in otsreport and is reported as such by the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, located as precisely as we know: file, line, record, field."""

    message: str
    file: Path | None = None
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file) + (f":{self.line}" if self.line is not None else "")
        parts = [p for p in (where, self.record, self.field) if p]
        return ": ".join([*parts, self.message])

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.file or ""), self.line or 0, self.message)


def unknown(
    what: str,
    value: str,
    known: Iterable[str],
    *,
    declare: str | None = None,
    choices: bool = False,
) -> str:
    """'unknown topic 'fishries'; did you mean 'fisheries'?': the name in another case or a
    near spelling, if there is one; else, for a vocabulary the dossier may extend, where to
    declare it. ``choices``: then every name there is."""
    from rapidfuzz import fuzz, process

    names = list(known)
    close = [n for n in names if n.lower() == value.lower()]
    if not close:
        found = process.extractOne(value, sorted(names), scorer=fuzz.ratio, score_cutoff=75)
        close = [found[0]] if found else []
    message = f"unknown {what} '{value}'"
    if close:
        message += f"; did you mean '{close[0]}'?"
    elif declare:
        message += (
            f"; declare it in dossier.yaml under '{declare}', or use a built-in one "
            "(`otsreport vocabulary` lists them)"
        )
    if choices:
        message += (" Choose" if close else "; choose") + f" from: {', '.join(names)}"
    return message


class UserError(Exception):
    """Input the user can fix: bad data, profile, template, option or output path."""

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Problem]]]:
        # Keeps the problems intact when an error crosses from a worker process.
        return (self.__class__, (self.problems,))

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) > 1:
            lines.append(f"{len(lines)} problems found.")
        return "\n".join(lines)


class UsageError(UserError):
    """A name on the command line that does not exist (audience, section, format).

    Kept apart so the CLI can exit 2, Click's convention for usage mistakes.
    """


class LocatedDocument(Protocol):
    """A parsed file that can say on which line a node, addressed by its path, begins."""

    @property
    def file(self) -> Path: ...

    def line_of(self, path: tuple[str | int, ...]) -> int | None: ...


@dataclass
class SourceMap:
    """Where each collection of a dossier was read from, so later checks can cite a line.

    A dossier rebuilt from JSON has no lines; then problems name the record and field only.
    """

    documents: dict[str, LocatedDocument] = field(default_factory=dict)

    def add(self, collection: str, document: LocatedDocument) -> None:
        self.documents[collection] = document

    def locate(
        self, collection: str, index: int | None, path: tuple[str | int, ...] = ()
    ) -> tuple[Path | None, int | None]:
        document = self.documents.get(collection)
        if document is None:
            return None, None
        full_path = path if index is None else (index, *path)
        return document.file, document.line_of(full_path)
