"""A translator's round trip: the dossier's untranslated texts out as a PO file, and the
translations back into the dossier's YAML.

The PO file is the standard one (Babel writes and reads it), so any translation tool opens it:
each entry's ``msgctxt`` is the record id and the field's path ('summit-2025:title'),
its source reference the file and line that hold the text, its ``msgid`` the English text.
Importing writes each translation beside its English, the way the dossier stores
translations (``title: {en: ..., hu: ...}``), keeping everything else in the files as
written: the edits are made in the text and checked by ``rewrite.checked`` before any file
is replaced (``rewrite.translation_edits`` is the one place that edits).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from otsreport.authoring.rewrite import checked, translation_edits
from otsreport.errors import Problem, UserError
from otsreport.files import read_regular
from otsreport.load.yamlfile import YamlDocument, read_yaml
from otsreport.untranslated import Untranslated, untranslated_texts
from otsreport.validate import load_dossier
from otsreport.write import write_all

MAX_PO_BYTES = 64 * 1024 * 1024


def export_po(folder: Path, language: str) -> tuple[bytes, int]:
    """The PO file of every text of the dossier at ``folder`` without a ``language``
    version, and how many entries it has."""
    dossier = load_dossier(folder)
    catalog = Catalog(
        locale=language,
        project=dossier.info.id,
        version=str(dossier.info.as_of),
        header_comment=(
            f"# The texts of dossier {dossier.info.id} that have no '{language}' version.\n"
            "# Fill in each msgstr (leave one empty to skip it), then run\n"
            "#   otsreport translate import THIS-FILE --dossier DOSSIER"
        ),
        fuzzy=False,
    )
    documents: dict[str, YamlDocument] = {}
    count = 0
    for text in untranslated_texts(dossier, language):
        document = documents.get(text.file) or documents.setdefault(
            text.file, read_yaml(folder / text.file)
        )
        catalog.add(
            text.english,
            "",
            locations=[(text.file, document.line_of(text.path) or 0)],
            context=text.context,
        )
        count += 1
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, include_previous=False)
    return buffer.getvalue(), count


@dataclass
class Imported:
    """What ``import_po`` did: the files it rewrote, how many texts, what it skipped."""

    files: list[Path] = field(default_factory=list)
    translated: int = 0
    skipped: list[Problem] = field(default_factory=list)


def import_po(folder: Path, po_file: Path) -> Imported:
    """Write the translations in ``po_file`` into the dossier at ``folder``.

    An entry is skipped (and reported) when it is empty or fuzzy, when its text is already
    translated or no longer in the dossier, or when its English has changed since export.
    """
    catalog = _read_catalog(po_file)
    language = str(catalog.locale or "").split("_")[0]
    if not language:
        raise UserError(Problem("the PO file names no language (its 'Language:' header)", po_file))
    dossier = load_dossier(folder)
    open_texts = {t.context: t for t in untranslated_texts(dossier, language)}
    done = Imported()
    chosen: dict[str, list[tuple[Untranslated, str]]] = {}
    for message in catalog:
        context = message.context
        if not message.id or not context or not isinstance(message.string, str):
            continue
        if not message.string.strip() or message.fuzzy:
            continue
        text = open_texts.get(context)
        line = message.lineno
        if text is None:
            why = "already translated, or no longer in the dossier; left as it is"
            done.skipped.append(Problem(why, po_file, line, context))
        elif text.english != message.id:
            why = "the English text changed since the export; export again"
            done.skipped.append(Problem(why, po_file, line, context))
        else:
            chosen.setdefault(text.file, []).append((text, message.string.strip()))
    files = [_rewritten(folder / name, language, entries) for name, entries in chosen.items()]
    write_all(files, keep=True)
    done.files = [path for path, _ in files]
    done.translated = sum(len(entries) for entries in chosen.values())
    return done


def _read_catalog(po_file: Path) -> Catalog:
    data = read_regular(po_file, MAX_PO_BYTES, "PO file")
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as error:  # babel raises its own PoFileError and plain ValueErrors
        raise UserError(Problem(f"not a readable PO file: {error}", po_file)) from None


def _rewritten(
    file: Path, language: str, entries: Iterable[tuple[Untranslated, str]]
) -> tuple[Path, bytes]:
    """The file's new text, each translation beside its English, checked to read back."""
    document = read_yaml(file)
    expected = copy.deepcopy(document.value)
    planned: list[tuple[tuple[str | int, ...], str]] = []
    for text, translation in entries:
        _set(expected, text.path, language, translation)
        planned.append((text.path, translation))
    new_text = translation_edits(document, language, planned)
    by_hand = f"Add the '{language}' translations to {file.name} by hand."
    return file, checked(file, new_text, expected, by_hand)


def _set(value: Any, path: tuple[str | int, ...], language: str, translation: str) -> None:
    *parents, last = path
    for step in parents:
        value = value[step]
    current = value[last]
    if isinstance(current, dict):
        current[language] = translation
    else:
        value[last] = {"en": current, language: translation}
