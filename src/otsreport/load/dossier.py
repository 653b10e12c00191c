"""A dossier folder or JSON file to a ``Draft``: every record that passed its schema, and
every problem found so far, located. Cross-record checks are ``validate``'s."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ValidationError

from otsreport import registry
from otsreport.errors import Problem, SourceMap, UserError
from otsreport.files import read_regular
from otsreport.load.citations import Locator, fill_paragraphs
from otsreport.load.records import (
    BATCH_MIN_RECORDS,
    field_path,
    validate_batch,
    validate_model,
)
from otsreport.load.yamlfile import Path_, YamlDocument, read_yaml
from otsreport.models import Dossier, DossierInfo, Source

# One YAML file per record kind, in the registry's order (the order problems read best).
RECORD_FILES: Final[dict[str, type[BaseModel]]] = dict(registry.RECORD_FILES)
MAX_JSON_BYTES: Final = 256 * 1024 * 1024
MAX_TEXT_BYTES: Final = 32 * 1024 * 1024
INFO_FILE: Final = "dossier.yaml"
REQUIRED_FILES: Final = (INFO_FILE, "sources.yaml")


@dataclass
class Draft:
    """A dossier as read, before the checks that need all of it (``validate.validate_draft``).

    ``records`` keeps a ``None`` in the slot of each record that failed its schema, so later
    problems still find their lines; ``unreadable_ids`` are those records' ids, so references
    to them are not reported a second time. A file that did not parse at all
    (``unparsed_files``) hides which ids exist, so reference checks then wait for the next run.
    """

    path: Path
    info: DossierInfo | None = None
    records: dict[str, list[Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable_ids: set[str] = field(default_factory=set)
    unparsed_files: bool = False
    source_map: SourceMap = field(default_factory=SourceMap)

    def texts(self) -> dict[str, list[str]]:
        """The paragraphs of each source whose text could be read, by source id."""
        return {
            source.id: list(source.paragraphs)
            for source in self.records.get("sources", [])
            if source is not None and source.paragraphs and source.id not in self.unreadable_ids
        }

    def fields(self) -> dict[str, list[Any]]:
        return {kind: self.records.get(kind, []) for kind in RECORD_FILES}

    def add_file(self, kind: str, model: type[BaseModel], doc: YamlDocument) -> None:
        records: list[Any] = self.records.setdefault(kind, [])
        if not isinstance(doc.value, list):
            self.problems.append(
                Problem(f"expected a list of {kind} records (lines starting '- ')", doc.file, 1)
            )
            return
        self.source_map.add(kind, doc)
        if len(doc.value) >= BATCH_MIN_RECORDS:
            batch = validate_batch(model, doc.value)
            if batch is not None:
                records.extend(batch)
                return
        for index, item in enumerate(doc.value):
            record, found = validate_model(model, item, doc, (index,))
            if record is None:
                self.problems.extend(found)
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.unreadable_ids.add(item["id"])
                # Keep indexes aligned with the file so later problems find their lines.
            records.append(record)


def _attach_text(
    dossier_dir: Path, source: Source, source_map: SourceMap, index: int
) -> tuple[Source, list[Problem]]:
    """Read a source's verbatim text into its record so the dossier is self-contained."""
    file, line = source_map.locate("sources", index, ("text",))
    if source.paragraphs is not None:
        return source, []

    def problem(message: str) -> tuple[Source, list[Problem]]:
        return source, [Problem(message, file, line, source.id, "text")]

    if source.text is None:
        return problem("give either 'text' (a file path) or 'paragraphs'")
    shown = source.text if len(source.text) <= 120 else source.text[:117] + "..."
    try:
        text_file = (dossier_dir / source.text).resolve()
        if not text_file.is_relative_to(dossier_dir.resolve()):
            return problem(f"'{shown}' is outside the dossier folder")
        text = read_regular(text_file, MAX_TEXT_BYTES, f"source text '{shown}'").decode("utf-8")
    except UserError as error:
        return problem(error.problems[0].message)
    except UnicodeDecodeError:
        return problem(f"source text '{shown}' is not valid UTF-8")
    except (OSError, ValueError) as error:  # too long a name, a folder, a NUL byte, ...
        reason = getattr(error, "strerror", None) or str(error)
        return problem(f"source text '{shown}' cannot be read: {reason}")
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return problem(f"source text '{shown}' is empty")
    return source.model_copy(update={"paragraphs": paragraphs}), []


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside one paragraph are joined."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block]


def read_draft(path: Path | str) -> Draft:
    """Read the dossier folder (or exported JSON file) at ``path``, schema-checking each
    record; a problem that stops reading altogether raises ``UserError``."""
    folder = Path(path)
    if folder.is_file() and folder.suffix == ".json":
        return _read_json(folder)
    if not folder.is_dir():
        what = "is a file, not" if folder.exists() else "not found: give"
        raise UserError(
            Problem(f"{what} a dossier folder or a dossier exported as one .json file", folder)
        )
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise UserError([Problem("required file is missing", folder / name) for name in missing])

    collected = Draft(folder)
    try:
        info_doc = read_yaml(folder / INFO_FILE)
        collected.info, found = validate_model(DossierInfo, info_doc.value, info_doc)
        collected.problems.extend(found)
        collected.source_map.add("info", info_doc)
    except UserError as error:
        collected.problems.extend(error.problems)

    locator = Locator({})
    for kind, model in RECORD_FILES.items():
        file = folder / f"{kind}.yaml"
        if not file.exists():
            continue
        try:
            doc = read_yaml(file)
            if kind != "sources":
                value, located = fill_paragraphs(doc.value, locator)
                doc = doc.with_value(value) if located else doc
            collected.add_file(kind, model, doc)
        except UserError as error:
            collected.problems.extend(error.problems)
            collected.unparsed_files = True
        if kind == "sources":
            locator = Locator(_attach_texts(folder, collected))
    return collected


def _attach_texts(folder: Path, collected: Draft) -> dict[str, list[str]]:
    """Read each source's text into its record; the readable ones' paragraphs by id."""
    sources = collected.records.get("sources", [])
    for index, source in enumerate(sources):
        if source is not None:
            sources[index], found = _attach_text(folder, source, collected.source_map, index)
            collected.problems.extend(found)
            if found:  # its text is missing: citations into it are not checked, nor reported
                collected.unreadable_ids.add(source.id)
    return collected.texts()


def _read_json(file: Path) -> Draft:
    """A whole dossier in one JSON file, as exported (``Dossier.model_dump_json``).

    The sources carry their paragraphs, so every citation is checked as for a folder.
    """
    try:
        text = read_regular(file, MAX_JSON_BYTES, "JSON dossier").decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError:
        raise UserError(Problem("not valid UTF-8", file)) from None
    except json.JSONDecodeError as error:
        raise UserError(Problem(f"malformed JSON: {error.msg}", file, error.lineno)) from None
    except RecursionError:
        raise UserError(Problem("malformed JSON: nested too deep", file)) from None
    except ValueError as error:  # a number of thousands of digits, and the like
        raise UserError(Problem(f"malformed JSON: {error}", file)) from None
    document = YamlDocument(file, data, text, None)  # JSON is YAML: lines come on demand
    try:
        dossier = Dossier.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                detail["msg"],
                file,
                document.line_of(tuple(detail["loc"])),
                _record_id_at(data, tuple(detail["loc"])),
                field_path(tuple(detail["loc"])[2:]) or None,
            )
            for detail in error.errors(include_url=False)
        ]
        raise UserError(problems) from None
    draft = Draft(file, dossier.info)
    for collection in ("info", *RECORD_FILES):
        draft.source_map.add(collection, _Prefixed(document, collection))
        if collection != "info":
            draft.records[collection] = list(getattr(dossier, collection))
    return draft


def _record_id_at(data: Any, loc: tuple[int | str, ...]) -> str | None:
    """The id of the record a pydantic error location points into, if it has one."""
    if len(loc) < 2 or not isinstance(data, dict) or not isinstance(loc[1], int):
        return None
    collection = data.get(str(loc[0]))
    if not isinstance(collection, list) or not 0 <= loc[1] < len(collection):
        return None
    record = collection[loc[1]]
    identifier = record.get("id") if isinstance(record, dict) else None
    return identifier if isinstance(identifier, str) else None


class _Prefixed:
    """One collection of a JSON dossier, addressed like a YAML file of its own."""

    def __init__(self, document: YamlDocument, collection: str) -> None:
        self.document = document
        self.collection = collection

    @property
    def file(self) -> Path:
        return self.document.file

    def line_of(self, path: Path_) -> int | None:
        return self.document.line_of((self.collection, *path))
