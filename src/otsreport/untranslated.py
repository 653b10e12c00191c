"""What a brief in another language would show in English: a translator's to-do list.

Not errors: a brief quotes each of these texts in English, marked as untranslated
(``validate --lang``); ``build --require-translation`` makes them errors, and
``translate export`` writes them out for a translator. All three read the one walk here, so
they agree on what is untranslated and where it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from otsreport.errors import Problem
from otsreport.i18n import FALLBACK, pick
from otsreport.models import COLLECTIONS, Dossier

INFO_FILE = "dossier.yaml"

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Untranslated:
    """One text without a version in a language, and where the dossier holds it."""

    file: str  # the dossier file: 'events.yaml'
    path: YamlPath  # where in that file's YAML: (3, 'title'), ('key_points', 0, 'text')
    record: str  # the record's id; the dossier's id for its own texts
    field: str  # the field's dotted path in the record: 'indicators.1.text'
    english: str  # the text as it is now, in English

    @property
    def context(self) -> str:
        """How a translation file names it: 'summit-2025:title'."""
        return f"{self.record}:{self.field}"


def untranslated_texts(dossier: Dossier, language: str) -> Iterator[Untranslated]:
    """Every translatable text of the dossier without a ``language`` version, in file order."""
    if language == FALLBACK:
        return
    info = dossier.info
    for field in untranslated(info, language):
        steps = _steps(field)
        yield Untranslated(INFO_FILE, steps, info.id, field, _english(info, steps))
    for collection in COLLECTIONS:
        for index, record in enumerate(getattr(dossier, collection)):
            for field in untranslated(record, language):
                steps = _steps(field)
                english = _english(record, steps)
                yield Untranslated(f"{collection}.yaml", (index, *steps), record.id, field, english)


def missing_translations(dossier: Dossier, language: str) -> list[Problem]:
    """Every translatable text without a ``language`` version: a translator's to-do list.

    Not errors: the brief quotes each of them in English, marked as untranslated.
    """
    return [
        Problem(
            f"no '{language}' translation; English is used", Path(u.file), None, u.record, u.field
        )
        for u in untranslated_texts(dossier, language)
    ]


def untranslated(record: BaseModel, language: str, path: tuple[str, ...] = ()) -> Iterator[str]:
    """Dotted paths of the translatable fields of ``record`` that lack ``language``.

    A model names its translatable fields in a ``translatable`` class variable.
    """
    names: tuple[str, ...] = getattr(type(record), "translatable", ())
    for name, value in record:
        if isinstance(value, BaseModel):
            yield from untranslated(value, language, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from untranslated(item, language, (*path, name, str(index)))
                elif name in names and _lacks(item, language):
                    yield ".".join((*path, name, str(index)))
        elif name in names and value is not None and _lacks(value, language):
            yield ".".join((*path, name))


def _lacks(value: object, language: str) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and language not in value)


def _steps(field: str) -> YamlPath:
    return tuple(int(step) if step.isdigit() else step for step in field.split("."))


def _english(record: Any, steps: YamlPath) -> str:
    value = record
    for step in steps:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return pick(value, FALLBACK)
