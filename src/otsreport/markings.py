"""The marking scheme: the one place that knows what a marking means.

A marking is a level of the dossier's scheme, optionally with handling caveats and a
REL TO list ('SECRET//COMMERCIAL//REL TO GBR, HUN'). An audience's ceiling is written the same
way and read as a clearance: cleared up to its level, holding its caveats, its readers
nationals of the nations it lists. Everything else in otsreport asks this module, so no other
module compares marking strings or ranks levels:

- ``releasable(marking, ceiling)``: may a reader cleared to ``ceiling`` see it?
- ``combine(markings)``: the banner of a page that prints all of them;
- ``label``, ``portion``, ``colour``, ``meaning``, ``stix`` and ``misp``: how a marking is
  shown.

TLP 2.0 is the default scheme; others are data (``otsreport/schemes/*.yaml``, or a mapping
under ``marking_scheme`` in ``dossier.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the models are imported only where a scheme is built, not by the views
    from otsreport.models.scheme import LevelDef, SchemeDef

DEFAULT_SCHEME: Final = "tlp-2.0"
_SCHEMES: Final = Path(__file__).parent / "schemes"
_NATION: Final = re.compile(r"^[A-Z]{3}$")
REL_TO: Final = "REL TO "


@dataclass(frozen=True)
class Marking:
    """A marking as parsed: what the brief prints (``label``, ``portion``) and what the
    comparisons need (``rank``, ``caveats``, ``rel_to``; ``None`` = no limit by nation)."""

    rank: int
    label: str
    portion: str
    caveats: frozenset[str] = frozenset()
    rel_to: frozenset[str] | None = None

    def __str__(self) -> str:
        return self.label


class MarkingError(ValueError):
    """A marking the scheme does not know; the message says what it does know."""


class Scheme:
    """One marking scheme, built from its definition."""

    def __init__(self, definition: SchemeDef) -> None:
        self.definition = definition
        self.name = definition.name
        self.levels = [level.id for level in definition.levels]
        self._level = {level.id: level for level in definition.levels}
        self._caveat = {caveat.id: caveat for caveat in definition.caveats}
        self._parsed: dict[str, Marking] = {}

    # -- reading ------------------------------------------------------------------------------

    @property
    def lowest(self) -> Marking:
        return self.parse(self.levels[0])

    @property
    def highest(self) -> Marking:
        return self.parse(self.levels[-1])

    def default(self, holds: str) -> str:
        """The default marking of a record by what it holds: 'fact' or 'view'."""
        return str(getattr(self.definition.defaults, holds))

    def parse(self, text: str | Marking) -> Marking:
        if isinstance(text, Marking):
            return text
        found = self._parsed.get(text)
        if found is None:
            found = self._parsed[text] = self._parse(text)
        return found

    def _parse(self, text: str) -> Marking:
        parts = [part.strip() for part in text.split(self.definition.separator)]
        level, caveats, rel_to = parts[0], set[str](), None
        if level not in self._level:
            raise MarkingError(self._unknown("level", level, self.levels))
        for part in parts[1:]:
            if part.startswith(REL_TO):
                nations = [n.strip() for n in part.removeprefix(REL_TO).split(",")]
                bad = [n for n in nations if not _NATION.match(n)]
                if bad or rel_to is not None:
                    raise MarkingError(
                        f"'{part}': REL TO takes one list of ISO 3166 three-letter codes "
                        "('REL TO GBR, HUN')"
                    )
                rel_to = frozenset(nations)
            elif part in self._caveat:
                caveats.add(part)
            else:
                raise MarkingError(self._unknown("caveat", part, list(self._caveat)))
        return self._make(self.levels.index(level), frozenset(caveats), rel_to)

    def _unknown(self, what: str, value: str, known: list[str]) -> str:
        choices = ", ".join(known) or "none"
        return f"unknown marking {what} '{value}' in scheme {self.name}; it has: {choices}"

    def _make(self, rank: int, caveats: frozenset[str], rel_to: frozenset[str] | None) -> Marking:
        level = self.definition.levels[rank]
        ordered = [c.id for c in self.definition.caveats if c.id in caveats]
        words = [level.id, *ordered]
        portions = [level.portion, *(self._caveat[c].portion for c in ordered)]
        if rel_to is not None:
            nations = REL_TO + ", ".join(sorted(rel_to))
            words.append(nations)
            portions.append(nations)
        separator = self.definition.separator
        return Marking(rank, separator.join(words), separator.join(portions), caveats, rel_to)

    # -- comparing ----------------------------------------------------------------------------

    def releasable(self, marking: str | Marking | None, ceiling: str | Marking) -> bool:
        """Whether a reader cleared to ``ceiling`` may see what is marked ``marking``: its
        level within the ceiling, every caveat held, every reader's nation in its REL TO.
        Unmarked (None) is never releasable: effective markings are filled in at load."""
        if marking is None:
            return False
        mark, clear = self.parse(marking), self.parse(ceiling)
        if mark.rank > clear.rank or not mark.caveats <= clear.caveats:
            return False
        return mark.rel_to is None or (clear.rel_to is not None and clear.rel_to <= mark.rel_to)

    def combine(self, markings: Iterable[str | Marking]) -> Marking:
        """The marking of a page that prints all of ``markings``: the highest level, every
        caveat, and only the nations every REL TO list names."""
        parsed = [self.parse(m) for m in markings]
        if not parsed:
            return self.lowest
        rel_to: frozenset[str] | None = None
        for mark in parsed:
            if mark.rel_to is not None:
                rel_to = mark.rel_to if rel_to is None else rel_to & mark.rel_to
        caveats = frozenset().union(*(m.caveats for m in parsed))
        return self._make(max(m.rank for m in parsed), caveats, rel_to)

    # -- showing ------------------------------------------------------------------------------

    def colour(self, marking: str | Marking) -> str:
        return self.definition.levels[self.parse(marking).rank].colour

    def meaning(self, marking: str | Marking, gettext: Callable[[str], str] = str) -> str:
        """How to handle it, in the reader's language: the level's sentence, then each
        caveat's, then the nations it may go to."""
        mark = self.parse(marking)
        found = [gettext(self.definition.levels[mark.rank].meaning)]
        found += [gettext(c.meaning) for c in self.definition.caveats if c.id in mark.caveats]
        if mark.rel_to is not None:
            nations = ", ".join(sorted(mark.rel_to))
            found.append(gettext("Releasable to: {nations}.").format(nations=nations))
        return " ".join(found)

    def stix(self, marking: str | Marking) -> str | None:
        """The level's standard STIX 2.1 marking-definition id; None where it has none, or
        where the marking carries caveats or a REL TO list the standard one would drop (an
        export then defines a statement marking of its own)."""
        return self._bare_level(marking).stix if self.is_level(marking) else None

    def misp(self, marking: str | Marking) -> str | None:
        """The level's MISP taxonomy tag ('tlp:amber'), on the same terms as ``stix``."""
        return self._bare_level(marking).misp if self.is_level(marking) else None

    def is_level(self, marking: str | Marking) -> bool:
        """Whether the marking is a level alone: no caveat, no REL TO list."""
        mark = self.parse(marking)
        return not mark.caveats and mark.rel_to is None

    def _bare_level(self, marking: str | Marking) -> LevelDef:
        return self.definition.levels[self.parse(marking).rank]


def builtin_schemes() -> list[str]:
    return sorted(p.stem for p in _SCHEMES.glob("*.yaml"))


@cache
def builtin(name: str = DEFAULT_SCHEME) -> Scheme:
    import yaml

    from otsreport.models.scheme import SchemeDef

    file = _SCHEMES / f"{name}.yaml"
    if not file.is_file():
        choices = ", ".join(builtin_schemes())
        raise MarkingError(f"unknown marking scheme '{name}'; built in: {choices}")
    return Scheme(SchemeDef.model_validate(yaml.safe_load(file.read_text(encoding="utf-8"))))


def scheme_of(declared: str | SchemeDef | None) -> Scheme:
    """The scheme a dossier declares: a built-in name, its own definition, or the default."""
    if declared is None or isinstance(declared, str):
        return builtin(declared or DEFAULT_SCHEME)
    return Scheme(declared)
