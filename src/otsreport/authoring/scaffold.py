"""``new-dossier``: a dossier folder with every file, each saying what goes in it.

The JSON Schemas are written into the folder (``schemas/``) and each file points at its own,
so an editor checks and completes the YAML wherever the folder is moved: nothing points into
otsreport's repository. The new dossier validates as it stands; it has no facts yet.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Final

import yaml

from otsreport.authoring.document import slug
from otsreport.errors import UsageError
from otsreport.load.yamlfile import parse_text
from otsreport.markings import builtin as builtin_scheme
from otsreport.markings import builtin_schemes
from otsreport.schema import schemas
from otsreport.write import write_all

HEADER: Final = "# yaml-language-server: $schema=schemas/{kind}.schema.json\n"

# Each file: what goes in it, then one entry written the way an analyst fills it in (every
# line commented, so the file validates as it stands); uncommented in place of the "[]", it
# reads as a valid record (a test holds every example to its model).
REPLACE: Final = "# Replace the [] below with your entries, like this one:\n"
RECORD_FILES: Final[dict[str, str]] = {
    "sources.yaml": """\
# The documents the dossier's facts come from. Add one from a saved web page, a PDF, a Word
# file or plain text, from the folder that holds this dossier:
#   otsreport add-source FILE --dossier {folder}
# which writes its text to sources/ID.txt (paragraphs numbered as citations count them) and
# its entry here (quoted where a title needs it). By hand:
# - id: herald-survey
#   title: "Commission opens survey season, Herald reports"
#   publisher: The Herald
#   url: https://example.org/article
#   language: en
#   text: sources/herald-survey.txt
[]
""",
    "topics.yaml": """\
# What the dossier is about, for sections that group by topic.
# - id: fisheries
#   name: Fisheries
#   description: Catches, quotas and the survey season.
[]
""",
    "actors.yaml": """\
# States, organisations and people the sources name (kind: state, organization, person or
# place).
# - id: ilse-marran
#   kind: person
#   name: Ilse Marran
#   roles: [Commissioner for fisheries]
#   citations:
#     - {{source: herald-survey, quote: "said the commissioner"}}
[]
""",
    "events.yaml": """\
# Facts that happened, each citing the sentence it comes from. The paragraph may be left out:
# `otsreport validate --fix` finds the quote and writes it in. `otsreport vocabulary` lists
# the kinds; dossier.yaml may declare more under 'vocabulary'.
# - id: survey-opens
#   date: 2026-03-03
#   kind: meeting
#   title: Commission opens survey season
#   summary: The commission opened its spring survey season.
#   participants: [ilse-marran]
#   citations:
#     - {{source: herald-survey, quote: "opened its spring survey season"}}
[]
""",
    "statements.yaml": """\
# Words someone said, verbatim from a source, with who said them.
# - id: marran-on-quotas
#   speaker: ilse-marran
#   date: 2026-03-03
#   quote: "The quotas will hold this year."
#   context: On opening the survey season.
#   citations:
#     - {{source: herald-survey, quote: "The quotas will hold this year."}}
[]
""",
    "positions.yaml": """\
# Who supports or opposes what, as the sources report it (`otsreport vocabulary` lists the
# stances).
# - id: marran-supports-quotas
#   holders: [ilse-marran]
#   stance: supports
#   subject: keeping this year's quotas
#   citations:
#     - {{source: herald-survey, quote: "The quotas will hold this year."}}
[]
""",
    "assessments.yaml": """\
# The sources' own judgements and forecasts (kind: judgement or forecast), in their words.
# - id: herald-expects-dispute
#   kind: forecast
#   wording: "a dispute over the quotas seems likely"
#   gist: The Herald expects a dispute over the quotas.
#   citations:
#     - {{source: herald-survey, quote: "a dispute over the quotas seems likely"}}
[]
""",
    "judgments.yaml": """\
# Your own judgements (ICD 203 likelihood and confidence), apart from the facts.
# - id: quotas-hold
#   text: The quotas will likely hold through the season.
#   likelihood: likely
#   confidence:
#     level: moderate
#     reason: One source, close to the commission.
#   basis: [marran-on-quotas]
[]
""",
}


def new_dossier(folder: Path, title: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write a new dossier into ``folder`` (new, or empty); the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} already exists and is not empty; choose a new folder")
    _check_text(str(folder), "the folder's name")
    if title is not None:
        _check_text(title, "--title")
    dossier_id = slug(folder.resolve().name) or "dossier"
    files: list[tuple[Path, bytes]] = [(folder / "dossier.yaml", _info(dossier_id, title, today))]
    for name, body in RECORD_FILES.items():
        filled = body.format(folder=folder.name or folder.resolve().name)
        text = HEADER.format(kind=Path(name).stem) + filled.replace(
            "# - id:", REPLACE + "# - id:", 1
        )
        files.append((folder / name, text.encode()))
    for name, schema in schemas().items():
        if name not in {"audience.schema.json", "sections.schema.json"}:
            encoded = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            files.append((folder / "schemas" / name, encoded.encode()))
    (folder / "schemas").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    write_all(files)
    return [path for path, _ in files]


def _check_text(text: str, what: str) -> None:
    """Text from the command line, as the dossier's files will hold it: UTF-8 (a terminal in
    another encoding passes bytes Python cannot write back) without control characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            f"{what} is not valid UTF-8 text (is the terminal set to another encoding?); "
            "type it again in UTF-8"
        ) from None
    control = next((c for c in text if unicodedata.category(c) in {"Cc", "Cs", "Co", "Cn"}), None)
    if control is not None:
        raise UsageError(f"{what} holds a control character (U+{ord(control):04X}); remove it")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line, whatever ``text`` holds."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=10**9).strip()


def _info(dossier_id: str, title: str | None, today: dt.date | None) -> bytes:
    shown = title or dossier_id.replace("-", " ").capitalize()
    as_of = (today or dt.date.today()).isoformat()
    text = _info_text(dossier_id, shown, as_of)
    if parse_text(Path("dossier.yaml"), text).get("title") != shown:  # pragma: no cover
        raise UsageError("--title cannot be written into dossier.yaml as given; simplify it")
    return text.encode()


def _info_text(dossier_id: str, shown: str, as_of: str) -> str:
    scheme = builtin_scheme()
    schemes, lowest = ", ".join(builtin_schemes()), scheme.levels[0]
    return (
        HEADER.format(kind="dossier")
        + f"""\
# What the dossier is about and the analyst's bottom line. Text fields may carry
# translations: title: {{en: ..., hu: ...}}; English is required.
id: {dossier_id}
title: {_quoted(shown)}
subject: {_quoted(shown)}
# The date the dossier speaks for, printed on every brief.
as_of: {as_of}
summary: >-
  The bottom line in two or three sentences: what a reader must know. Replace this text.
# key_points:
#   - text: One thing the reader must take away.
#     refs: [survey-opens]      # the records it rests on, footnoted in the brief
# Words beyond the built-in event kinds and stances (`otsreport vocabulary` lists those),
# each with the label the brief prints:
# vocabulary:
#   event_kinds:
#     - id: survey
#       label: {{en: Survey, hu: Felmérés}}
#   stances:
#     - id: commends
#       label: commends        # the verb for one holder
#       plural: commend        # and for several
# Handling: the marking scheme (built in: {schemes}; default {scheme.name}), the marking of the
# dossier's own text, and, under 'markings', defaults per kind of record.
marking: {lowest}
"""
    )
