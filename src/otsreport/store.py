"""A shared, content-addressed store of laid-out PDFs and long briefs' parts.

Layout is the slow step of a build (seconds a brief, minutes a long one); its result is a pure
function of what is laid out. Each result is therefore kept under a key of everything it was
made from (``executors.stored``: the composed HTML, the job's options, the content of the
template folders it may load from, and the toolkit, WeasyPrint and fonts that lay it out), in
a folder or at any fsspec URL (a shared disk, S3, ...). A second checkout, or a second
machine, that builds the same brief takes the result instead of laying it out again.

Each entry carries the SHA-256 of its payload: one that does not match (a torn copy, a disk
error, a hand edit) is ignored and made again, never handed to the build. Writes are atomic:
a temporary name first, then a rename (or fsspec's move), so a reader sees a whole entry or
none. Entries are plain bytes and JSON, never pickles: a store others can write cannot run
code here. What is taken from it is checked like everything else before it is written (the
release check runs on the machine that writes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path
from typing import Any, Final

from otsreport.errors import Problem, UsageError, UserError

MAGIC: Final = b"otsreport-store-1 sha256="
ENV: Final = "OTSREPORT_STORE"
_URL_SCHEMES_AS_FOLDERS: Final = ("file://",)


def _entry_name(key: str) -> str:
    return f"v1/{key[:2]}/{key}"


def seal(payload: bytes) -> bytes:
    """An entry: a header naming its payload's digest, then the payload."""
    return MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of an entry whose digest matches; None for anything else."""
    if not blob.startswith(MAGIC):
        return None
    header, _, payload = blob.partition(b"\n")
    expected = header[len(MAGIC) :].decode("ascii", "replace")
    return payload if hashlib.sha256(payload).hexdigest() == expected else None


class Store:
    """Entries by key in a folder, or at a URL through fsspec (imported only then)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.damaged = 0  # entries found whose digest did not match: ignored, made again
        self.fs: Any = None
        if "://" in location and not location.startswith(_URL_SCHEMES_AS_FOLDERS):
            self.fs, self.root = _filesystem(location)
        else:
            folder = Path(location.removeprefix("file://")).expanduser()
            self.root = str(_folder(folder))

    def get(self, key: str) -> bytes | None:
        """The payload kept under ``key``, or None (absent, unreadable or damaged)."""
        try:
            blob = self._read(f"{self.root}/{_entry_name(key)}")
        except (OSError, ValueError):
            return None
        if blob is None:
            return None
        payload = unseal(blob)
        self.damaged += payload is None
        return payload

    def put(self, key: str, payload: bytes) -> None:
        """Keep ``payload`` under ``key``: written under a temporary name, then renamed."""
        target = f"{self.root}/{_entry_name(key)}"
        temporary = f"{target}.{secrets.token_hex(4)}.tmp"
        if self.fs is None:
            _write_then_rename(Path(temporary), Path(target), seal(payload))
            return
        try:
            self.fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            self.fs.pipe_file(temporary, seal(payload))
            self.fs.mv(temporary, target)
        finally:
            with contextlib.suppress(Exception):
                if self.fs.exists(temporary):
                    self.fs.rm_file(temporary)

    def _read(self, path: str) -> bytes | None:
        if self.fs is None:
            try:
                return Path(path).read_bytes()
            except FileNotFoundError:
                return None
        try:
            return bytes(self.fs.cat_file(path))
        except FileNotFoundError:
            return None


def _folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            Problem(f"cannot create the store folder: {error.strerror}", folder)
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(Problem("the store folder is not writable", folder))
    return folder


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it; a usage error when fsspec or
    the protocol's package is missing."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(
            Problem(f"a store at a URL ({url}) needs fsspec: pip install 'otsreport[distributed]'")
        ) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as error:
        raise UsageError(Problem(f"cannot open the store {url}: {error}")) from None
    return fs, str(path).rstrip("/")


def _write_then_rename(temporary: Path, target: Path, blob: bytes) -> None:
    """Created with the mode the umask allows (a store may be shared by a group), written
    whole, then renamed over the target: a reader never sees half an entry."""
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
