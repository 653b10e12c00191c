"""Content-addressed caches, so unchanged inputs are not parsed or compiled again.

Two things are slow to redo and cheap to keep: PyYAML parses about 2 MB/s (a 10,000-event
dossier takes seconds to parse and milliseconds to check), and Jinja2 spends most of an HTML
build compiling templates. Both are stored by a hash of their source, so an edited file
simply misses the cache and nothing ever needs invalidating; any cache failure just means
doing the work again.

``OTSREPORT_CACHE_DIR`` moves the caches; ``OTSREPORT_NO_CACHE=1`` turns them off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any, Final

import jinja2
import jinja2.bccache

FORMAT: Final = b"otsreport-yaml-1"  # bump when the YAML -> value rules change
MIN_BYTES: Final = 64 * 1024  # smaller files parse faster than a cache round trip pays


def cache_root() -> Path | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("OTSREPORT_NO_CACHE"):
        return None
    explicit = os.environ.get("OTSREPORT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "otsreport"


def _key(raw: bytes) -> str:
    return hashlib.sha256(FORMAT + raw).hexdigest()


def _entry(key: str, size: int) -> Path | None:
    root = cache_root()
    if root is None or size < MIN_BYTES:
        return None
    return root / "yaml" / f"{key}.marshal"


# This process's parses of every size, serialised so each caller gets its own copy: a live
# preview re-reads all files after one changed, and only that one needs parsing again.
_MEMORY: dict[str, bytes] = {}
MEMORY_ENTRIES: Final = 512


def get_parsed(raw: bytes) -> Any | None:
    if cache_root() is None:
        return None
    key = _key(raw)
    blob = _MEMORY.get(key)
    if blob is None:
        entry = _entry(key, len(raw))
        if entry is None:
            return None
        try:
            blob = entry.read_bytes()
        except OSError:
            return None
    try:
        return marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None


def put_parsed(raw: bytes, value: Any) -> None:
    if cache_root() is None:
        return
    key = _key(raw)
    blob = marshal.dumps(value)
    if len(_MEMORY) >= MEMORY_ENTRIES:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[key] = blob
    entry = _entry(key, len(raw))
    if entry is None:
        return
    with contextlib.suppress(OSError, ValueError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            Path(temporary).replace(entry)
        finally:
            Path(temporary).unlink(missing_ok=True)


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for this process and on disk for the next.

    Jinja2 keys each entry by template name and a checksum of its source, so environments
    with different search paths share entries safely, and an edited template recompiles.
    """

    def __init__(self) -> None:
        self.memory: dict[str, CodeType] = {}  # code objects: no unmarshalling per render
        root = cache_root()
        self.disk = jinja2.FileSystemBytecodeCache(str(root / "jinja")) if root else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is not None:
            bucket.code = code
            return
        if self.disk is not None:
            with contextlib.suppress(OSError, ValueError, EOFError):
                self.disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.memory[bucket.key] = bucket.code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.memory[bucket.key] = bucket.code
        if self.disk is not None:
            with contextlib.suppress(OSError):
                Path(self.disk.directory).mkdir(parents=True, exist_ok=True)
                self.disk.dump_bytecode(bucket)
