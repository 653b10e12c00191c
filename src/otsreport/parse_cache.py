"""A content-addressed cache of parsed YAML values, so unchanged large files are not re-parsed.

PyYAML (even with libyaml) parses about 2 MB/s; a dossier of 10,000 events takes seconds to
parse and milliseconds to check. Values are stored by the SHA-256 of the file's bytes (and a
format version), so an edited file simply misses the cache; nothing needs invalidating.
Only files worth it are cached, and any cache failure just means parsing again.

``OTSREPORT_CACHE_DIR`` moves the cache; ``OTSREPORT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Final

FORMAT: Final = b"otsreport-yaml-1"  # bump when the YAML -> value rules change
MIN_BYTES: Final = 64 * 1024  # smaller files parse faster than a cache round trip pays


def _folder() -> Path | None:
    if os.environ.get("OTSREPORT_NO_CACHE"):
        return None
    explicit = os.environ.get("OTSREPORT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "otsreport" / "yaml"


def _entry(raw: bytes) -> Path | None:
    folder = _folder()
    if folder is None or len(raw) < MIN_BYTES:
        return None
    return folder / (hashlib.sha256(FORMAT + raw).hexdigest() + ".marshal")


def get(raw: bytes) -> Any | None:
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def put(raw: bytes, value: Any) -> None:
    entry = _entry(raw)
    if entry is None:
        return
    with contextlib.suppress(OSError, ValueError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                marshal.dump(value, stream)
            Path(temporary).replace(entry)
        finally:
            Path(temporary).unlink(missing_ok=True)
