"""Content-addressed caches, so unchanged inputs are not parsed or compiled again.

Three things are slow to redo and cheap to keep: parsed YAML (a 10,000-event dossier is
4 MB of it), compiled templates (most of an HTML render), and the brief selected for each
audience (loading, validating and shaping the dossier, with pydantic and Babel imported for
it). Each is stored under a hash of what it was made from, so an edited input simply misses
the cache and nothing ever needs invalidating; any cache failure just means doing the work
again.

``OTSREPORT_CACHE_DIR`` moves the caches; ``OTSREPORT_NO_CACHE=1`` turns them off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any, Final

import jinja2
import jinja2.bccache

FORMAT: Final = b"otsreport-yaml-1"  # bump when the YAML -> value rules change
MIN_BYTES: Final = 64 * 1024  # smaller files parse faster than a cache round trip pays


def cache_root() -> Path | None:
    """The cache folder, or None when caching is off or the folder cannot be trusted."""
    if os.environ.get("OTSREPORT_NO_CACHE"):
        return None
    explicit = os.environ.get("OTSREPORT_CACHE_DIR")
    if explicit:
        root = Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        root = (Path(base) if base else Path.home() / ".cache") / "otsreport"
    return root if _trusted(str(root)) else None


@functools.cache
def _trusted(root: str) -> bool:
    """Whether the cache folder is this user's alone: pickles and compiled templates loaded
    from a folder others can write would run their code as this user (Jinja's own bytecode
    cache keeps a 0700 folder for the same reason). Created 0700; an existing folder must be
    a real folder owned by this user, and is made 0700 if it is not already."""
    folder = Path(root)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            folder.chmod(0o700)
        return stat.S_IMODE(folder.lstat().st_mode) & 0o077 == 0
    except OSError:
        return False


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
        blob = _read_entry(entry)
        if blob is None:
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
    if entry is not None:
        _write_atomically(entry, blob)


# Each folder of entries is kept under a size: every edit of a big dossier adds entries, and
# a cache that only grows would fill an analyst's disk in weeks. Reading an entry marks it
# used (its modification time); writing removes the least recently used beyond the limit, on
# a process's first write to a folder and every PRUNE_EVERY writes after (listing a folder of
# hundreds of entries on every save in `serve` would cost more than the rebuild's parse).
MAX_FOLDER_BYTES: Final = 256 * 1024 * 1024
PRUNE_EVERY: Final = 64
_writes: dict[Path, int] = {}


def _read_entry(entry: Path) -> bytes | None:
    try:
        blob = entry.read_bytes()
        entry.touch()
    except OSError:
        return None
    return blob


def _write_atomically(entry: Path, blob: bytes) -> None:
    """A reader sees the whole entry or none; a failure only means no entry."""
    with contextlib.suppress(OSError, ValueError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            Path(temporary).replace(entry)
        finally:
            Path(temporary).unlink(missing_ok=True)
        count = _writes.get(entry.parent, 0)
        _writes[entry.parent] = count + 1
        if count % PRUNE_EVERY == 0:
            _prune(entry.parent, MAX_FOLDER_BYTES)


def _prune(folder: Path, max_bytes: int) -> None:
    """Remove the least recently used entries until the folder is within ``max_bytes``."""
    entries = []
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size


# -- selected briefs ------------------------------------------------------------------------
#
# What the select stage made of a dossier for one audience (``build.Selection``: plain data,
# no pydantic records) is kept under a key of everything it was made from. An HTML rebuild
# after a template edit then needs neither the YAML parser nor pydantic nor Babel: only the
# templates run again. The entries are pickles in the user's own cache folder, written and
# read by this user only, like the compiled templates beside them.

DEPENDENCIES: Final = ("babel", "markupsafe", "pydantic", "pydantic_core", "ryml", "yaml")


@functools.cache
def toolkit_fingerprint() -> str:
    """What this otsreport is made of: its code, its catalogs, Python, and the libraries
    whose behaviour shapes a selected brief. An edited checkout or an upgraded library never
    reuses what an earlier one selected."""
    digest = hashlib.sha256(f"{FORMAT!r} {sys.version} {package_digest()}".encode())
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            stat = Path(origin).stat() if origin else None
        except OSError:
            stat = None
        found = f"{origin}:{stat.st_size}:{stat.st_mtime_ns}" if stat else "absent"
        digest.update(f"{name}={found}\0".encode())
    return digest.hexdigest()


@functools.cache
def package_digest() -> str:
    """otsreport's own code and catalogs, by relative name and content: the same for two
    checkouts of the same commit, wherever they are (the shared store keys on it)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".mo") and "__pycache__" not in file.parts:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


def get_selection(key: str) -> Any | None:
    root = cache_root()
    if root is None:
        return None
    blob = _read_entry(root / "selections" / f"{key}.pickle")
    try:
        return pickle.loads(blob) if blob is not None else None
    except Exception:  # truncated, or from classes since renamed: select again
        return None


def put_selection(key: str, value: Any) -> None:
    root = cache_root()
    if root is not None:
        _write_atomically(root / "selections" / f"{key}.pickle", pickle.dumps(value, protocol=5))


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for this process and on disk for the next.

    Jinja2 keys each entry by template name and a checksum of its source, so environments
    with different search paths share entries safely, and an edited template recompiles.
    """

    def __init__(self) -> None:
        # Code objects by template and source checksum (an edited template compiles again),
        # so a render does not unmarshal them.
        self.memory: dict[tuple[str, str], CodeType] = {}
        root = cache_root()
        self.disk = jinja2.FileSystemBytecodeCache(str(root / "jinja")) if root else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.memory.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        if self.disk is not None:
            with contextlib.suppress(OSError, ValueError, EOFError):
                self.disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.memory[bucket.key, bucket.checksum] = bucket.code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.memory[bucket.key, bucket.checksum] = bucket.code
        if self.disk is not None:
            with contextlib.suppress(OSError):
                Path(self.disk.directory).mkdir(parents=True, exist_ok=True)
                self.disk.dump_bytecode(bucket)
