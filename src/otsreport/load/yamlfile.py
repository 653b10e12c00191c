"""Safe YAML with lines on demand: a file to plain values, and the line of any node.

PyYAML's composer (the C one when available) gives every node a start mark; we build plain
Python values from the node tree ourselves instead of using a constructor, which lets us
refuse duplicate keys and arbitrary tags and bound alias expansion, and find the line of any
value later, only when a problem must point at it. Big files go through ``fastyaml`` first,
which hands back to PyYAML whenever unsure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml

from otsreport import cache
from otsreport.errors import Problem, UserError
from otsreport.files import read_regular
from otsreport.load import fastyaml

# libyaml's composer is several times faster; both give the same nodes and marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES: Final = 32 * 1024 * 1024
MAX_NODES: Final = 5_000_000
MAX_DEPTH: Final = 64

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

    @property
    def text(self) -> str:
        """The file's text as read (one read serves the value, the lines and any edit)."""
        return self._text

    def with_value(self, value: Any) -> YamlDocument:
        """The same file and lines, with a value completed by the loader."""
        return YamlDocument(self.file, value, self._text, self._root)

    def node_at(self, path: Path_) -> yaml.Node | None:
        """The node at ``path``, or None where the path leaves the file."""
        if self._root is None:
            self._root = _compose(self.file, self._text)
        node: yaml.Node = self._root
        for step in path:
            child = _child(node, step)
            if child is None:
                return None
            node = child[1]
        return node

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
    raw = read_regular(file, MAX_FILE_BYTES, "YAML file")
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


def parse_text(file: Path, text: str) -> Any:
    """``text`` as ``read_yaml`` would read it from ``file``: how a rewrite of a user's file is
    checked before it replaces the file (never from the cache, never the fast path)."""
    return _Builder(file).build(_compose(file, text), 0)


# What PyYAML's words usually mean in a hand-written dossier, and the fix.
YAML_HINTS: Final = (
    (
        "mapping values are not allowed",
        ' (a value that holds ": " must be quoted: title: "Varen: the accord")',
    ),
    ("cannot start any token", " (indent with spaces, not tabs; quote a value starting @ or `)"),
    ("could not find expected ':'", " (a key needs ': ' after it; a long value, quote it)"),
    (
        "expected <block end>",
        " (check this line's indentation against the line above: list items line up)",
    ),
    ("found unexpected end of stream", " (a quote opened and never closed)"),
    ("found undefined alias", " (a value starting * must be quoted)"),
)


def _compose(file: Path, text: str) -> yaml.Node:
    try:
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(p for p in (error.context, error.problem) if p)
        hint = next((h for phrase, h in YAML_HINTS if phrase in reason), "")
        raise UserError(
            Problem(f"malformed YAML: {reason}{hint}", file, mark.line + 1 if mark else None)
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
        constructors = {
            "tag:yaml.org,2002:bool": ("true or false", _scalars.construct_yaml_bool),
            "tag:yaml.org,2002:int": ("a whole number", _scalars.construct_yaml_int),
            "tag:yaml.org,2002:float": ("a number", _scalars.construct_yaml_float),
        }
        if tag not in constructors:
            raise self.fail(f"tag {tag} is not allowed in otsreport data", node)
        wanted, construct = constructors[tag]
        try:
            return construct(node)
        except (ValueError, KeyError, IndexError, OverflowError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            raise self.fail(
                f"'{shown}' is not {wanted} (or too long a number); quote it to keep it as text",
                node,
            ) from None
