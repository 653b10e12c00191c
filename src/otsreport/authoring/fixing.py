"""``validate --fix``: paragraph numbers found from the quotes, written into the YAML files.

A citation whose paragraph is missing, or wrong while its quote is in exactly one other
paragraph, gets the right number. The files are edited as text at the exact spot, the number
right after the source as citations are written (a flow mapping ``{source: x, quote: …}``
gains ``, paragraph: N`` after ``x``; a block mapping gains a line under ``source:``), so key
order, comments, quoting and layout stay as the analyst wrote them; every changed file is
written at once (see ``rewrite.py``).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from otsreport.authoring.rewrite import checked
from otsreport.errors import UserError
from otsreport.load import RECORD_FILES, read_draft, read_yaml
from otsreport.load.citations import Locator, citations_in
from otsreport.load.yamlfile import YamlDocument
from otsreport.matching import fold
from otsreport.write import write_all


@dataclass(frozen=True)
class Fix:
    file: Path
    line: int
    record: str
    field: str
    was: int | None
    now: int
    path: tuple[str | int, ...] = dataclasses.field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        before = "missing" if self.was is None else str(self.was)
        return f"{self.file.name}:{self.line}: {self.record}: {self.field}: {before} -> {self.now}"


def fix_paragraphs(dossier: Path) -> list[Fix]:
    """Correct the paragraph numbers of the dossier's citations in place; what changed."""
    texts = read_draft(dossier).texts()
    locator = Locator(texts)
    fixes: list[Fix] = []
    changed: list[tuple[Path, bytes]] = []
    for kind in RECORD_FILES:
        file = dossier / f"{kind}.yaml"
        if kind == "sources" or not file.is_file():
            continue
        try:
            doc = read_yaml(file)
        except UserError:
            continue  # malformed: validate reports it
        lines = doc.text.removeprefix("\ufeff").split("\n")
        found = _fixes_in(doc, locator, texts, lines)
        if found:
            fixes += found
            expected = _expected(doc, found)
            by_hand = "Set these by hand: " + "; ".join(str(fix) for fix in found)
            changed.append((file, checked(file, "\n".join(lines), expected, by_hand)))
    write_all(changed, keep=True)
    return fixes


def _fixes_in(
    doc: YamlDocument, locator: Locator, texts: dict[str, list[str]], lines: list[str]
) -> list[Fix]:
    """Edit ``lines`` (bottom up, so earlier positions stay valid); the fixes made. A
    citation written once with an anchor and used again as an alias is edited once."""
    planned = []
    paths: dict[int, list[tuple[str | int, ...]]] = {}
    for path, citation in citations_in(doc.value):
        source, quote, given = (
            citation.get("source"),
            citation.get("quote"),
            citation.get("paragraph"),
        )
        if not isinstance(source, str) or not isinstance(quote, str):
            continue
        found = locator.paragraph_of(source, quote)
        if found is None or found == given or _holds(texts, source, given, quote):
            continue
        node = doc.node_at(path)
        if isinstance(node, yaml.MappingNode):
            paths.setdefault(id(node), []).append(path)
            if len(paths[id(node)]) == 1:
                planned.append((node, path, given if isinstance(given, int) else None, found))
    fixes = []
    for node, path, given, found in sorted(planned, key=lambda p: -p[0].start_mark.index):
        value = doc.node_at((*path, "paragraph"))
        if given is not None and isinstance(value, yaml.ScalarNode):
            _replace(lines, value, str(found))
        elif node.flow_style:
            _insert_flow(lines, node, found)
        else:
            _insert_block(lines, node, found)
        for each in paths[id(node)]:
            record = _record_id(doc, each)
            field = ".".join(str(step) for step in (*each[1:], "paragraph"))
            line = node.start_mark.line + 1
            fixes.append(Fix(doc.file, line, record, field, given, found, path=each))
    return sorted(fixes, key=lambda f: f.line)


def _expected(doc: YamlDocument, fixes: list[Fix]) -> Any:
    """The file's value once ``fixes`` are made: what its new text must read back as."""
    value = copy.deepcopy(doc.value)
    for fix in fixes:
        node = value
        for step in fix.path:
            node = node[step]
        node["paragraph"] = fix.now
    return value


def _holds(texts: dict[str, list[str]], source: str, given: object, quote: str) -> bool:
    paragraphs = texts.get(source, [])
    return (
        isinstance(given, int)
        and 0 < given <= len(paragraphs)
        and (fold(quote) in fold(paragraphs[given - 1]))
    )


def _replace(lines: list[str], node: yaml.ScalarNode, text: str) -> None:
    start, end = node.start_mark, node.end_mark
    line = lines[start.line]
    lines[start.line] = line[: start.column] + text + line[end.column :]


def _after_source(node: yaml.MappingNode) -> yaml.Node | None:
    """The value of the citation's ``source:``: the paragraph goes right after it, in the
    order citations are written (source, paragraph, quote), not at either end."""
    return next(
        (value for key, value in node.value if getattr(key, "value", None) == "source"), None
    )


def _insert_flow(lines: list[str], node: yaml.MappingNode, number: int) -> None:
    source = _after_source(node)
    if source is not None and source.start_mark.line == source.end_mark.line:
        end = source.end_mark
        line = lines[end.line]
        lines[end.line] = line[: end.column] + f", paragraph: {number}" + line[end.column :]
        return
    mark = node.start_mark  # at the "{", or at an anchor or tag before it
    line = lines[mark.line]
    brace = line.find("{", mark.column)
    if brace >= 0:  # else left as it is, and the check refuses the rewrite
        lines[mark.line] = line[: brace + 1] + f"paragraph: {number}, " + line[brace + 1 :]


def _insert_block(lines: list[str], node: yaml.MappingNode, number: int) -> None:
    """A new ``paragraph:`` line under the ``source:`` line (else after the mapping's last
    line), indented as its keys."""
    source = _after_source(node)
    last = source.end_mark if source is not None else node.value[-1][1].end_mark
    at = last.line if last.column == 0 else last.line + 1
    column = node.value[0][0].start_mark.column  # the first key's (not an anchor's)
    lines.insert(at, " " * column + f"paragraph: {number}")


def _record_id(doc: YamlDocument, path: tuple[str | int, ...]) -> str:
    first = path[0] if path else None
    record = doc.value[first] if isinstance(doc.value, list) and isinstance(first, int) else {}
    return str(record.get("id", "?")) if isinstance(record, dict) else "?"
