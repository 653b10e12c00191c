"""YAML files -> records, remembering the file and line of every key so errors can point at it.

PyYAML's composer (the C one when available) gives every node a start mark; we build plain
Python values from the node tree ourselves instead of using a constructor, which lets us keep
a ``path -> line`` map, refuse duplicate keys and arbitrary tags, and bound alias expansion.
Big files go through ``fastyaml`` first, which hands back to PyYAML whenever unsure.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from otsreport import cache, fastyaml
from otsreport.errors import Problem, SourceMap, UserError
from otsreport.models import (
    Actor,
    Assessment,
    AudienceProfile,
    Dossier,
    DossierInfo,
    Event,
    Position,
    Source,
    Statement,
    Topic,
)
from otsreport.validate import find_problems

# libyaml's composer is several times faster; both give the same nodes and marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES: Final = 32 * 1024 * 1024
MAX_NODES: Final = 5_000_000
MAX_DEPTH: Final = 64

# One YAML file per record kind; the order is the order in which problems are easiest to read.
RECORD_FILES: Final[dict[str, type[BaseModel]]] = {
    "sources": Source,
    "topics": Topic,
    "actors": Actor,
    "events": Event,
    "statements": Statement,
    "positions": Position,
    "assessments": Assessment,
}
INFO_FILE: Final = "dossier.yaml"
REQUIRED_FILES: Final = (INFO_FILE, "sources.yaml")

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS: Final = {
    _STR,
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    # Dates stay strings: they are parsed by ``dates.DateSpan`` with analyst-friendly rules.
    "tag:yaml.org,2002:timestamp",
}
_scalars = yaml.constructor.SafeConstructor()

Path_ = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


class YamlDocument:
    """A parsed YAML file: its value, and the node tree to find any node's line on demand.

    Lines are looked up only when a problem is reported, so a sound dossier never pays for a
    path -> line index of every node. A value read from the parse cache has no node tree;
    the text is composed again the first time a line is asked for.
    """

    def __init__(self, file: Path, value: Any, text: str, root: yaml.Node | None) -> None:
        self.file = file
        self.value = value
        self._text = text
        self._root = root

    def line_of(self, path: Path_) -> int | None:
        """Line of the deepest node on ``path`` that exists (a missing key: its mapping)."""
        if self._root is None:
            self._root = _compose(self.file, self._text)
        node = self._root
        line = node.start_mark.line + 1
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return None, node.value[step]
    return None


def read_yaml(file: Path) -> YamlDocument:
    """Parse one YAML file safely, or raise ``UserError`` naming the file and line."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(
                Problem(f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", file)
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise UserError(Problem("file not found", file)) from None
    except IsADirectoryError:
        raise UserError(Problem("expected a YAML file, found a folder", file)) from None
    except PermissionError:
        raise UserError(Problem("file cannot be read (permission denied)", file)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise UserError(
            Problem(
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
                file,
                line,
            )
        ) from None
    cached = cache.get_parsed(raw)
    if cached is not None:
        return YamlDocument(file, cached, text, None)
    if len(raw) >= fastyaml.MIN_BYTES:
        value = fastyaml.parse(text.removeprefix("\ufeff"), MAX_DEPTH)
        if value is not None:
            cache.put_parsed(raw, value)
            return YamlDocument(file, value, text, None)
    root = _compose(file, text)
    value = _Builder(file).build(root, 0)
    cache.put_parsed(raw, value)
    return YamlDocument(file, value, text, root)


def _compose(file: Path, text: str) -> yaml.Node:
    try:
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(p for p in (error.context, error.problem) if p)
        raise UserError(
            Problem(f"malformed YAML: {reason}", file, mark.line + 1 if mark else None)
        ) from None
    except yaml.YAMLError as error:
        raise UserError(Problem(f"malformed YAML: {error}", file)) from None
    if root is None:
        raise UserError(Problem("file is empty", file, 1))
    return root


class _Builder:
    """Plain values from a node tree, refusing what otsreport data never needs."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.count = 0

    def fail(self, message: str, node: yaml.Node) -> UserError:
        return UserError(Problem(message, self.file, node.start_mark.line + 1))

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                f"too many values (over {MAX_NODES:,}, counting alias expansions); "
                "is this an alias bomb?",
                node,
            )
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep", node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if node.tag != "tag:yaml.org,2002:seq":
            raise self.fail(f"tag {node.tag} is not allowed", node)
        return [self.build(item, depth + 1) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            raise self.fail(f"tag {node.tag} is not allowed", node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise self.fail("keys must be plain words", key_node)
            key = str(key_node.value)
            if key in result:
                raise self.fail(f"duplicate key '{key}'", key_node)
            result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return _scalars.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:int":
            return _scalars.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _scalars.construct_yaml_float(node)
        raise self.fail(f"tag {tag} is not allowed in otsreport data", node)


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) if loc else ""


def _problems_from(
    error: ValidationError, doc: YamlDocument, base: Path_, record_id: str | None
) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown key (check the spelling; see `otsreport schema`)"
        elif detail["type"] == "missing":
            message = "required field is missing"
        yield Problem(
            message, doc.file, doc.line_of((*base, *loc)), record_id, _field_path(loc) or None
        )


def validate_model(
    model: type[ModelT], data: Any, doc: YamlDocument, base: Path_ = ()
) -> tuple[ModelT | None, list[Problem]]:
    """Validate one record, turning pydantic's errors into located problems."""
    record_id = data.get("id") if isinstance(data, dict) else None
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        label = record_id if isinstance(record_id, str) else None
        return None, list(_problems_from(error, doc, base, label))


# A long list is validated in one call into pydantic-core, which spares a Python round trip
# per record; only when something in it fails is it gone through record by record, for
# errors located per record. Short lists go straight to that, as the adapter costs more.
BATCH_MIN_RECORDS: Final = 500


@functools.cache
def _list_adapter(model: type[ModelT]) -> TypeAdapter[list[ModelT]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _validate_batch(model: type[ModelT], items: list[Any]) -> list[ModelT] | None:
    try:
        return _list_adapter(model).validate_python(items)
    except ValidationError:
        return None


class _Collected:
    """What loading gathered so far: valid records, problems, ids of records that failed."""

    def __init__(self) -> None:
        self.records: dict[str, list[Any]] = {}
        self.problems: list[Problem] = []
        self.unreadable_ids: set[str] = set()
        self.unparsed_files = False
        self.source_map = SourceMap()

    def add_file(self, kind: str, model: type[BaseModel], doc: YamlDocument) -> None:
        records: list[Any] = self.records.setdefault(kind, [])
        if not isinstance(doc.value, list):
            self.problems.append(
                Problem(f"expected a list of {kind} records (lines starting '- ')", doc.file, 1)
            )
            return
        self.source_map.add(kind, doc)
        if len(doc.value) >= BATCH_MIN_RECORDS:
            batch = _validate_batch(model, doc.value)
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
        text = text_file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return problem(f"source text '{shown}' not found")
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


def load_dossier(path: Path | str) -> Dossier:
    """Load and validate the dossier in folder ``path``.

    Raises ``UserError`` listing every problem found, so one run shows them all.
    """
    folder = Path(path)
    if folder.is_file() and folder.suffix == ".json":
        return _load_json_dossier(folder)
    if not folder.is_dir():
        raise UserError(Problem("dossier folder not found", folder))
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise UserError([Problem("required file is missing", folder / name) for name in missing])

    collected = _Collected()
    info: DossierInfo | None = None
    try:
        info_doc = read_yaml(folder / INFO_FILE)
        info, found = validate_model(DossierInfo, info_doc.value, info_doc)
        collected.problems.extend(found)
        collected.source_map.add("info", info_doc)
    except UserError as error:
        collected.problems.extend(error.problems)

    for kind, model in RECORD_FILES.items():
        file = folder / f"{kind}.yaml"
        if not file.exists():
            continue
        try:
            collected.add_file(kind, model, read_yaml(file))
        except UserError as error:
            collected.problems.extend(error.problems)
            collected.unparsed_files = True

    sources = collected.records.get("sources", [])
    for index, source in enumerate(sources):
        if source is not None:
            sources[index], found = _attach_text(folder, source, collected.source_map, index)
            collected.problems.extend(found)

    problems = collected.problems
    if info is not None and not collected.unparsed_files:
        # Check references and citations even when some records failed their schema, so one
        # run reports every problem; the failed records' slots are kept as None for line
        # numbers and skipped here. A file that did not parse at all hides which ids exist,
        # so then these checks wait for the next run rather than report false dangling refs.
        fields: dict[str, Any] = {kind: collected.records.get(kind, []) for kind in RECORD_FILES}
        partial = Dossier.model_construct(None, info=info, **fields)
        problems = problems + find_problems(
            partial, collected.source_map, frozenset(collected.unreadable_ids)
        )
    if info is None or problems:
        raise UserError(problems or [Problem("dossier could not be read", folder)])
    return Dossier.model_validate(
        {"info": info, **{kind: collected.records.get(kind, []) for kind in RECORD_FILES}}
    )


def _load_json_dossier(file: Path) -> Dossier:
    """A whole dossier in one JSON file, as exported (``Dossier.model_dump_json``).

    The sources carry their paragraphs, so every citation is checked as for a folder.
    """
    try:
        text = file.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError:
        raise UserError(Problem("not valid UTF-8", file)) from None
    except json.JSONDecodeError as error:
        raise UserError(Problem(f"malformed JSON: {error.msg}", file, error.lineno)) from None
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
                _field_path(tuple(detail["loc"])[2:]) or None,
            )
            for detail in error.errors(include_url=False)
        ]
        raise UserError(problems) from None
    source_map = SourceMap()
    for collection in ("info", *RECORD_FILES):
        source_map.add(collection, _Prefixed(document, collection))
    problems = find_problems(dossier, source_map)
    if problems:
        raise UserError(problems)
    return dossier


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


def load_profile(file: Path) -> AudienceProfile:
    """Load an ``audience.yaml`` profile, with the same located errors as dossier files."""
    doc = read_yaml(file)
    profile, problems = validate_model(AudienceProfile, doc.value, doc)
    if profile is None:
        raise UserError(problems)
    return profile
