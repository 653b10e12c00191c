"""``new-dossier``: a dossier folder with every file, each saying what goes in it.

The JSON Schemas are written into the folder (``schemas/``) and each file points at its own,
so an editor checks and completes the YAML wherever the folder is moved: nothing points into
otsreport's repository. The new dossier validates as it stands; it has no facts yet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Final

from otsreport.authoring.document import slug
from otsreport.errors import UsageError
from otsreport.markings import builtin as builtin_scheme
from otsreport.markings import builtin_schemes
from otsreport.schema import schemas
from otsreport.write import write_all

HEADER: Final = "# yaml-language-server: $schema=schemas/{kind}.schema.json\n"

RECORD_FILES: Final[dict[str, str]] = {
    "sources.yaml": """\
# The documents the dossier's facts come from. Add one from a saved web page, a PDF, a Word
# file or plain text with:  otsreport add-source FILE --dossier {folder}
# which writes its text to sources/ID.txt (paragraphs numbered as citations count them) and
# its entry here. By hand:
#   - id: herald-survey
#     title: Commission opens survey season
#     publisher: The Herald
#     url: https://example.org/article
#     language: en
#     text: sources/herald-survey.txt
[]
""",
    "topics.yaml": """\
# What the dossier is about, for sections that group by topic:
#   - id: fisheries
#     name: Fisheries
[]
""",
    "actors.yaml": """\
# States, organisations and people the sources name:
#   - id: ilse-marran
#     kind: person
#     name: Ilse Marran
#     role: Foreign minister
[]
""",
    "events.yaml": """\
# Facts that happened, each citing the sentence it comes from. The paragraph may be left out:
# `otsreport validate --fix` finds the quote and writes it in.
#   - id: survey-opens
#     date: 2026-03-03
#     kind: meeting
#     title: Commission opens survey season
#     citations:
#       - {{source: herald-survey, quote: "opened its spring survey season"}}
[]
""",
    "statements.yaml": "# Words someone said, verbatim from a source, with who said them.\n[]\n",
    "positions.yaml": "# Who supports or opposes what, as the sources report it.\n[]\n",
    "assessments.yaml": "# The sources' own judgements and forecasts, in their words.\n[]\n",
    "judgments.yaml": (
        "# Your own judgements (ICD 203 likelihood and confidence), apart from the facts.\n[]\n"
    ),
}


def new_dossier(folder: Path, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write a new dossier into ``folder`` (new, or empty); the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} already exists and is not empty; choose a new folder")
    dossier_id = slug(folder.resolve().name) or "dossier"
    files: list[tuple[Path, bytes]] = [(folder / "dossier.yaml", _info(dossier_id, title, today))]
    for name, body in RECORD_FILES.items():
        text = HEADER.format(kind=Path(name).stem) + body.format(folder=folder)
        files.append((folder / name, text.encode()))
    for name, schema in schemas().items():
        if name not in {"audience.schema.json", "sections.schema.json"}:
            encoded = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            files.append((folder / "schemas" / name, encoded.encode()))
    (folder / "schemas").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    write_all(files)
    return [path for path, _ in files]


def _info(dossier_id: str, title: str | None, today: dt.date | None) -> bytes:
    shown = title or dossier_id.replace("-", " ").capitalize()
    as_of = (today or dt.date.today()).isoformat()
    scheme = builtin_scheme()
    schemes, lowest = ", ".join(builtin_schemes()), scheme.levels[0]
    return (
        HEADER.format(kind="dossier")
        + f"""\
# What the dossier is about and the analyst's bottom line. Text fields may carry
# translations: title: {{en: ..., hu: ...}}; English is required.
id: {dossier_id}
title: {json.dumps(shown, ensure_ascii=False)}
subject: {json.dumps(shown, ensure_ascii=False)}
# The date the dossier speaks for, printed on every brief.
as_of: {as_of}
summary: >-
  The bottom line in two or three sentences: what a reader must know. Replace this text.
# key_points:
#   - text: One thing the reader must take away.
#     refs: [survey-opens]      # the records it rests on, footnoted in the brief
# Handling: the marking scheme (built in: {schemes}; default {scheme.name}), the marking of the
# dossier's own text, and, under 'markings', defaults per kind of record.
marking: {lowest}
"""
    ).encode()
