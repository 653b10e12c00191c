"""What a brief in another language would show in English: a translator's to-do list.

Not errors: a brief falls back to English for each of these texts (``validate --lang``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from otsreport.errors import Problem
from otsreport.i18n import FALLBACK
from otsreport.models import COLLECTIONS, Dossier


def missing_translations(dossier: Dossier, language: str) -> list[Problem]:
    """Every translatable text without a ``language`` version: a translator's to-do list.

    Not errors: the brief falls back to English for each of them.
    """
    if language == FALLBACK:
        return []
    found = [
        Problem(
            f"no '{language}' translation; English is used",
            Path("dossier.yaml"),
            None,
            dossier.info.id,
            field,
        )
        for field in untranslated(dossier.info, language)
    ]
    for collection in COLLECTIONS:
        for record in getattr(dossier, collection):
            for field in untranslated(record, language):
                found.append(
                    Problem(
                        f"no '{language}' translation; English is used",
                        Path(f"{collection}.yaml"),
                        None,
                        record.id,
                        field,
                    )
                )
    return found


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
