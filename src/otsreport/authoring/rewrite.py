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
import re
from pathlib import Path
from typing import Any, Final

from otsreport.errors import Problem, UserError
from otsreport.load.yamlfile import parse_text


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
