"""Incremental builds: a manifest of what each output was made from.

Each output records a digest of its inputs (dossier files, its audience folder, the template
files it actually loaded, the options, the toolkit's own fingerprint, and for a PDF the
WeasyPrint version) and the hash of the file written. An output is rebuilt when any of that
changed, when the file was edited or deleted, or when a template name would now load from
another file (a new override). Changing one section template therefore rebuilds only the
briefs that contain that section.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

from otsreport.files import is_regular
from otsreport.render import resolve_template

MANIFEST_NAME: Final = ".otsreport-manifest.json"
FORMAT: Final = 1


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def _file_sha(path: str, stamp: tuple[int, int]) -> str:
    """Hash of a file, remembered for as long as its size and mtime stay the same."""
    return _sha(Path(path).read_bytes())


def file_sha(path: Path) -> str | None:
    """Hash of a regular file; None for anything else (a FIFO is never opened)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        return _file_sha(str(path), (info.st_size, info.st_mtime_ns))
    except OSError:
        return None


def tree_digest(root: Path) -> str:
    """Every file under ``root`` (or ``root`` itself), by relative name and content."""
    digest = hashlib.sha256()
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if not p.is_dir())
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode() if file != root else b".")
        digest.update(b"\0" + (file_sha(file) or "missing").encode() + b"\0")
    return digest.hexdigest()


def dossier_digest(root: Path) -> str:
    """A dossier's files, by name and content: its YAML, its source texts, whatever else it
    keeps, but not hidden files (a ``.git``, an editor's) nor briefs built inside it (any
    folder holding a build manifest), which are not what a brief was built from."""
    if root.is_file():
        return tree_digest(root)
    outputs = [p.parent for p in root.rglob(MANIFEST_NAME)]
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if not p.is_dir()):
        relative = file.relative_to(root)
        hidden = any(part.startswith(".") for part in relative.parts)
        if hidden or any(file.is_relative_to(folder) for folder in outputs):
            continue
        digest.update(relative.as_posix().encode())
        digest.update(b"\0" + (file_sha(file) or "missing").encode() + b"\0")
    return digest.hexdigest()


def inputs_digest(parts: Iterable[str], templates: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    for name, path in sorted(templates.items()):
        sha = file_sha(Path(path)) if path else "absent"
        digest.update(f"{name}={path}:{sha}\0".encode())
    return digest.hexdigest()


@dataclass
class Entry:
    digest: str
    output_sha: str
    templates: dict[str, str]
    dossier: str = ""  # the digest of the dossier this output was last confirmed against


def _entry(value: Any) -> Entry:
    """One output's record, every field of its type, or TypeError (the whole manifest then
    counts as empty: everything is rebuilt, nothing is trusted)."""
    digest, output_sha, templates = value["digest"], value["output_sha"], value["templates"]
    if not (
        isinstance(digest, str) and isinstance(output_sha, str) and isinstance(templates, dict)
    ):
        raise TypeError("manifest entry of the wrong shape")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in templates.items()):
        raise TypeError("manifest entry of the wrong shape")
    dossier = value.get("dossier", "")
    return Entry(digest, output_sha, dict(templates), dossier if isinstance(dossier, str) else "")


@dataclass
class Manifest:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    dossier: str = ""  # the dossier the briefs were built from: what check-release reads
    confirmed: bool = False  # an output was found up to date with a dossier that changed

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``; an unreadable or foreign one counts as empty."""
        path = folder / MANIFEST_NAME
        if not is_regular(path):  # absent, or a FIFO or link someone put there
            return cls(folder)
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return cls(folder)
            entries = {name: _entry(value) for name, value in raw["outputs"].items()}
            dossier = raw.get("dossier", "")
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return cls(folder)
        return cls(folder, entries, dossier if isinstance(dossier, str) else "")

    def confirms(self, output: Path, digest: str) -> bool:
        """Whether a build confirmed ``output``, as it is now, up to date with the dossier
        whose digest is ``digest``: an output a build skipped as up to date keeps its old
        declaration, and the manifest vouches for it instead."""
        entry = self.entries.get(output.name)
        return (
            entry is not None and entry.dossier == digest and file_sha(output) == entry.output_sha
        )

    def confirm(self, output: Path, digest: str) -> None:
        """``output`` was found up to date against the dossier whose digest is ``digest``."""
        entry = self.entries.get(output.name)
        if entry is not None and entry.dossier != digest:
            entry.dossier = digest
            self.confirmed = True

    def is_fresh(self, output: Path, parts: Sequence[str], search_path: Sequence[Path]) -> bool:
        entry = self.entries.get(output.name)
        if entry is None or file_sha(output) != entry.output_sha:
            return False
        for name, path in entry.templates.items():
            if resolve_template(name, search_path) != path:
                return False  # a new override shadows it, or it is gone
        return inputs_digest(parts, entry.templates) == entry.digest

    def record(
        self,
        output: Path,
        data: bytes,
        parts: Sequence[str],
        templates: Mapping[str, str],
        dossier: str = "",
    ) -> None:
        self.entries[output.name] = Entry(
            inputs_digest(parts, templates), _sha(data), dict(sorted(templates.items())), dossier
        )

    def to_bytes(self) -> bytes:
        outputs = {name: vars(entry) for name, entry in sorted(self.entries.items())}
        content = {"format": FORMAT, "outputs": outputs, "dossier": self.dossier}
        text = json.dumps(content, indent=1, sort_keys=True)
        return (text + "\n").encode()
