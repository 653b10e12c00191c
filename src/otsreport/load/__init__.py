"""The load stage: files to records, each problem located at its file and line.

| module | owns |
|---|---|
| ``yamlfile`` | safe YAML: plain values, duplicate keys and tags refused, lines on demand |
| ``fastyaml`` | the fast reader for big files, declining whenever its reading could differ |
| ``records`` | plain values to pydantic records, errors mapped to ``file:line`` |
| ``dossier`` | a dossier folder or JSON file to a ``Draft``; source texts attached |
| ``profile`` | an audience profile |

Loading never checks one record against another: that is ``validate``'s job, and
``load_dossier`` is only the two stages called in turn, for callers who want a ``Dossier``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from otsreport.load.dossier import (
    INFO_FILE,
    RECORD_FILES,
    REQUIRED_FILES,
    Draft,
    read_draft,
    split_paragraphs,
)
from otsreport.load.profile import read_profile
from otsreport.load.records import validate_model
from otsreport.load.yamlfile import MAX_DEPTH, YamlDocument, read_yaml

if TYPE_CHECKING:
    from otsreport.models import Dossier

__all__ = [
    "INFO_FILE",
    "MAX_DEPTH",
    "RECORD_FILES",
    "REQUIRED_FILES",
    "Draft",
    "YamlDocument",
    "load_dossier",
    "read_draft",
    "read_profile",
    "read_yaml",
    "split_paragraphs",
    "validate_model",
]


def load_dossier(path: Path | str) -> Dossier:
    """Read and check the dossier at ``path`` (a folder, or an exported ``.json``).

    Raises ``UserError`` listing every problem found, so one run shows them all.
    """
    from otsreport.validate import validate_draft

    return validate_draft(read_draft(path))
