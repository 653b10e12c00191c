"""Rewrites of a user's YAML, checked before they replace it.

``add-source`` and ``validate --fix`` edit the analyst's files as text, so comments, quoting,
anchors and flow style stay as written. Text edits can go wrong on layouts they did not
foresee (an anchored mapping, a flow list, a list indented under nothing), so every new text
is parsed back, the way the loader will read it, and must hold exactly the value intended;
otherwise the file is left as it was and the user told what to add by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
