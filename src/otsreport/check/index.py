"""What the check looks for, as plain data: a build keeps it with the brief it selected
(``select.stage.Selection``, cached without the dossier's models) and checks the files it
renders against it without loading the dossier again."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from otsreport.typography import STRAIGHT_QUOTES

_STRAIGHT: Final = str.maketrans(STRAIGHT_QUOTES)
_LINE_END_HYPHEN: Final = re.compile(r"[\u2010\u00ad-]\s*\n\s*")


@dataclass(frozen=True)
class Passage:
    """A text the brief must not carry, and whose it is."""

    record: str
    kind: str
    field: str
    marking: str
    probe: str  # what is looked for: the folded text, or its beginning or its end


@dataclass(frozen=True)
class Index:
    """Everything the check needs of a dossier for one banner."""

    banner: str
    dossier: str  # the dossier's id
    labels: tuple[str, ...]  # every level label of the scheme, to read printed markings
    passages: tuple[Passage, ...]


def fold(text: str) -> str:
    """What differs between a passage and its printed form: hyphenation at line ends, soft
    hyphens, spacing, typographic quotes and Unicode composition."""
    text = _LINE_END_HYPHEN.sub("", unicodedata.normalize("NFC", text)).replace("\u00ad", "")
    return " ".join(text.translate(_STRAIGHT).split())
