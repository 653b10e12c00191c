"""The load stage: files to records, each problem located at its file and line.

| module | owns |
|---|---|
| ``yamlfile`` | safe YAML: plain values, duplicate keys and tags refused, lines on demand |
| ``fastyaml`` | the fast reader for big files, declining whenever its reading could differ |
| ``records`` | plain values to pydantic records, errors mapped to ``file:line`` |
| ``dossier`` | a dossier folder or JSON file to a ``Draft``; source texts attached |
| ``profile`` | an audience profile |

Loading never checks one record against another: that is ``validate``'s job
(``validate.load_dossier`` calls the two stages in turn, for callers who want a ``Dossier``).
"""

from __future__ import annotations

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

__all__ = [
    "INFO_FILE",
    "MAX_DEPTH",
    "RECORD_FILES",
    "REQUIRED_FILES",
    "Draft",
    "YamlDocument",
    "read_draft",
    "read_profile",
    "read_yaml",
    "split_paragraphs",
    "validate_model",
]
