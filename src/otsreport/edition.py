"""Every brief knows its edition: ``AUDIENCE.edition.json`` beside the audience's files.

The record says which dossier the brief came from (its id, as-of date and the build's
stamp), which edition of the brief it is, and carries the dossier as cut to the brief's
banner (``Selection.released_json``, what an archival PDF attaches), so a later build can
say what changed since (``build --since press.edition.json``). It is handed out with the
brief, so it carries nothing the brief's marking does not allow and the build's release
check reads it like any other file.

The edition number counts changes in what the reader is given: the brief's content (not
its "What changed" section, which depends on the edition compared with, nor the dossier's
digest, which moves when a withheld record does) and the dossier the record carries. An
edit above the banner therefore never makes a new edition: a reader who sees the number
move would learn that something they may not see has changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from otsreport.errors import Problem, UserError
from otsreport.files import is_regular, read_regular

if TYPE_CHECKING:
    from otsreport.manifest import Manifest
    from otsreport.select.selection import Selection

SUFFIX: Final = "edition.json"
FORMAT_KEY: Final = "otsreport-edition"
FORMAT: Final = 1
MARKING_KEY: Final = "otsreport-marking"
DOSSIER_KEY: Final = "otsreport-dossier"
MAX_SIDECAR: Final = 256 * 1024 * 1024
CHANGES_KIND: Final = "changes"


@dataclasses.dataclass(frozen=True)
class Edition:
    """What a sidecar says of itself: its number and the content it counted."""

    number: int
    content: str


def content_key(selection: Selection) -> str:
    """A digest of what the reader is given (see the module's docstring)."""
    brief = selection.brief
    kept = [section for section in brief.sections if section.kind != CHANGES_KIND]
    shown = dataclasses.replace(brief, dossier_digest="", sections=kept)
    content = repr((shown, selection.max_pages)) + "\0" + selection.released_json
    return hashlib.sha256(content.encode()).hexdigest()


def previous_edition(path: Path) -> tuple[Edition | None, str]:
    """The edition the sidecar at ``path`` records, or None; and a warning when a file is
    there but is no sidecar otsreport wrote (the count then starts again at 1)."""
    if not path.exists() and not path.is_symlink():
        return None, ""
    try:
        value = json.loads(read_regular(path, MAX_SIDECAR, "edition record"))
        number, content = value["edition"], value["content"]
        if value.get(FORMAT_KEY) != FORMAT or not isinstance(content, str):
            raise TypeError("not an edition record")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise TypeError("not an edition number")
    except (UserError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None, f"{path.name}: not an edition record otsreport wrote; counting from 1"
    return Edition(number, content), ""


def next_edition(previous: Edition | None, content: str) -> Edition:
    """The same edition when the content is the same; else the next one."""
    if previous is None:
        return Edition(1, content)
    if previous.content == content:
        return previous
    return Edition(previous.number + 1, content)


def sidecar_bytes(selection: Selection, audience: str, edition: Edition) -> bytes:
    """The record, as the same bytes for the same inputs."""
    released = json.loads(selection.released_json)
    record: dict[str, Any] = {
        FORMAT_KEY: FORMAT,
        MARKING_KEY: selection.brief.marking,
        DOSSIER_KEY: selection.dossier_id,
        "audience": audience,
        "language": selection.language,
        "edition": edition.number,
        "as_of": released["info"]["as_of"],
        "stamp": selection.stamp.isoformat(),
        "content": edition.content,
        "dossier": released,
    }
    return (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode()


def sidecar(selection: Selection, audience: str, path: Path) -> tuple[bytes, str]:
    """The sidecar to write at ``path``, numbered after the one there; and a warning."""
    previous, warning = previous_edition(path)
    edition = next_edition(previous, content_key(selection))
    return sidecar_bytes(selection, audience, edition), warning


def sidecar_to_write(
    selection: Selection, audience: str, path: Path, manifest: Manifest, warnings: list[str]
) -> bytes | None:
    """The sidecar for ``path``; None when the file there already is that sidecar (the
    manifest then vouches for it against the dossier as it is now)."""
    from otsreport.manifest import file_sha

    data, warning = sidecar(selection, audience, path)
    warnings += [warning] if warning else []
    if file_sha(path) == hashlib.sha256(data).hexdigest():
        manifest.confirm(path, selection.brief.dossier_digest)
        return None
    return data


def is_sidecar(value: Any) -> bool:
    return isinstance(value, dict) and value.get(FORMAT_KEY) == FORMAT


def dossier_of(path: Path) -> bytes | None:
    """The dossier a sidecar at ``path`` carries, as JSON; None when ``path`` is another
    kind of file (a dossier .json, say)."""
    if not is_regular(path) or path.suffix.lower() != ".json":
        return None
    try:
        value = json.loads(read_regular(path, MAX_SIDECAR, "edition"))
    except (ValueError, RecursionError):
        return None
    if not is_sidecar(value):
        return None
    if not isinstance(value.get("dossier"), dict):
        raise UserError(Problem("the edition record holds no dossier", path))
    return json.dumps(value["dossier"]).encode()
