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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

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
    try:
        stat = path.stat()
    except OSError:
        return None
    return _file_sha(str(path), (stat.st_size, stat.st_mtime_ns))


def tree_digest(root: Path) -> str:
    """Every file under ``root`` (or ``root`` itself), by relative name and content."""
    digest = hashlib.sha256()
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode() if file != root else b".")
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


@dataclass
class Manifest:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``; an unreadable or foreign one counts as empty."""
        try:
            raw: Any = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return cls(folder)
            entries = {name: Entry(**entry) for name, entry in raw["outputs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(folder)
        return cls(folder, entries)

    def is_fresh(self, output: Path, parts: Sequence[str], search_path: Sequence[Path]) -> bool:
        entry = self.entries.get(output.name)
        if entry is None or file_sha(output) != entry.output_sha:
            return False
        for name, path in entry.templates.items():
            if resolve_template(name, search_path) != path:
                return False  # a new override shadows it, or it is gone
        return inputs_digest(parts, entry.templates) == entry.digest

    def record(
        self, output: Path, data: bytes, parts: Sequence[str], templates: Mapping[str, str]
    ) -> None:
        self.entries[output.name] = Entry(
            inputs_digest(parts, templates), _sha(data), dict(sorted(templates.items()))
        )

    def to_bytes(self) -> bytes:
        outputs = {name: vars(entry) for name, entry in sorted(self.entries.items())}
        text = json.dumps({"format": FORMAT, "outputs": outputs}, indent=1, sort_keys=True)
        return (text + "\n").encode()
