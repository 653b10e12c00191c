"""Rewrites of a user's YAML, checked before they replace it.

``add-source`` and ``validate --fix`` edit the analyst's files at the exact spot, so comments,
quoting, anchors, flow style and indentation stay as written: the rest of the file is kept
byte for byte. (A whole-file round trip through ruamel.yaml would keep comments and order
but re-indent: it has one indentation per file, and a dossier's files commonly hold two,
records at column 0 and their citations indented under them.) What is inserted is rendered
by ruamel.yaml's round-trip emitter, every text that YAML could misread (a comma, a colon,
a leading quote) double-quoted, so a title like 'Talks resume: a step, not a deal' reads
back as written and stays safe to move into a flow mapping.

Text edits can go wrong on layouts they did not foresee (an anchored mapping, a flow list, a
list indented under nothing), so every new text is parsed back, the way the loader will read
it, and must hold exactly the value intended; otherwise the file is left as it was and the
user told what to add by hand.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from otsreport.errors import Problem, UserError
from otsreport.load.yamlfile import YamlDocument, parse_text

YamlPath = tuple[str | int, ...]


def checked(file: Path, text: str, expected: Any, by_hand: str) -> bytes:
    """``text`` as bytes to write over ``file``, once it reads back as ``expected``; else a
    user error saying the file is untouched and what to do (``by_hand``)."""
    try:
        value = parse_text(file, text)
    except UserError as error:
        reason = f"the edited file would not read back ({error.problems[0].message})"
    else:
        if value == expected:
            return text.encode("utf-8")
        reason = "the edited file would not read back as intended"
    raise UserError(
        Problem(
            f"left unchanged: {reason}; its layout (anchors and aliases, flow style, "
            f"indentation) is more than otsreport edits safely. {by_hand}",
            file,
        )
    )


# Text that a plain YAML scalar could not hold, or would hold only outside a flow mapping.
_NEEDS_QUOTES: Final = re.compile(r"[,:#\[\]{}&*!|>'\"%@`]|^[-?\s]|\s$")


def rendered(entry: dict[str, Any], *, flow: bool) -> str:
    """``entry`` as YAML to insert into a user's file: a block list item ('- id: ...'), or
    a flow mapping ('{id: ..., title: "..."}'), in ruamel.yaml's round-trip style."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    item = CommentedMap(
        (key, DoubleQuotedScalarString(value) if _quoted(value) else value)
        for key, value in entry.items()
    )
    writer = YAML(typ="rt")
    writer.width = 10**6  # one line per value: a folded title is harder to edit
    writer.allow_unicode = True
    out = io.StringIO()
    if flow:
        item.fa.set_flow_style()
        writer.dump(item, out)
    else:
        writer.dump(CommentedSeq([item]), out)
    return out.getvalue()


def _quoted(value: Any) -> bool:
    return isinstance(value, str) and bool(_NEEDS_QUOTES.search(value))


def translation_edits(
    document: YamlDocument, language: str, texts: Sequence[tuple[YamlPath, str]]
) -> str:
    """The document's text with a ``language`` version beside each text at the given paths:
    a plain text becomes ``{en: <as written>, hu: "..."}``; a mapping of languages gets the
    new key, in its own style (flow or block). Everything else is left as written. The
    caller checks the result (``checked``): a layout these edits do not foresee is refused,
    never written."""
    text = document.text
    edits: list[tuple[int, int, str]] = []
    for path, translation in texts:
        node = document.node_at(path)
        if node is None:
            continue
        value = json.dumps(translation, ensure_ascii=False)
        if isinstance(node, yaml.ScalarNode):
            edits.append(_scalar_edit(document, path, node, language, value))
        elif isinstance(node, yaml.MappingNode) and node.flow_style:
            close = node.end_mark.index - 1  # at the "}"
            edits.append((close, close, f", {language}: {value}"))
        elif isinstance(node, yaml.MappingNode) and node.value:
            edits.append(_block_key_edit(text, node, language, value))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _scalar_edit(
    document: YamlDocument, path: YamlPath, node: yaml.ScalarNode, language: str, value: str
) -> tuple[int, int, str]:
    text = document.text
    start, end = node.start_mark.index, node.end_mark.index
    written = text[start:end]
    parent = document.node_at(path[:-1])
    keys = [k for k, _ in parent.value] if isinstance(parent, yaml.MappingNode) else []
    key = next((k for k in keys if k.value == path[-1]), None)
    if node.style in ("|", ">") and key is not None:
        # A block scalar stays one: it moves under 'en:', two spaces deeper.
        pad = " " * (key.start_mark.column + 2)
        while start > 0 and text[start - 1] == " ":  # no space left after 'summary:'
            start -= 1
        head, _, body = written.partition("\n")
        deeper = "".join(f"  {line}" if line.strip() else line for line in body.splitlines(True))
        ending = "" if deeper.endswith("\n") else "\n"
        return start, end, f"\n{pad}en: {head}\n{deeper}{ending}{pad}{language}: {value}\n"
    # A one-line scalar is kept as typed where a flow mapping reads it the same (quoted, or
    # plain without flow indicators); anything else is written out quoted.
    flow_safe = node.style in ('"', "'") or not any(c in written for c in ",[]{}#:")
    english = (
        written if flow_safe and "\n" not in written else json.dumps(node.value, ensure_ascii=False)
    )
    ending = "\n" if written.endswith("\n") else ""
    return start, end, f"{{en: {english}, {language}: {value}}}{ending}"


def _block_key_edit(
    text: str, node: yaml.MappingNode, language: str, value: str
) -> tuple[int, int, str]:
    """A new ``language:`` line after the mapping's last line, indented as its keys."""
    last = node.value[-1][1].end_mark
    at = last.index if last.column == 0 else text.find("\n", last.index) + 1
    if at == 0:  # the file ends on the mapping's last line, without a newline
        return (
            len(text),
            len(text),
            "\n" + " " * node.value[0][0].start_mark.column + (f"{language}: {value}"),
        )
    column = node.value[0][0].start_mark.column
    return at, at, " " * column + f"{language}: {value}\n"
