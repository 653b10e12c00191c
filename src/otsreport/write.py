"""Atomic writes: a file is either its old self or its complete new self, never half of each.

Each output goes to a temporary file in the destination folder (same file system, so the
rename is atomic) and is renamed over the target only once complete. A failure or Ctrl-C
removes the temporary file and leaves yesterday's brief untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from otsreport.errors import Problem, UserError
from otsreport.files import is_regular


def prepare_folder(folder: Path) -> None:
    """Create the output folder, or say clearly why it cannot be used."""
    if folder.exists() and not folder.is_dir():
        raise UserError(Problem("output path exists and is not a folder", folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(Problem(f"cannot create output folder: {error.strerror}", folder)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(Problem("output folder is not writable", folder))
    remove_stale_temporaries(folder)


STALE_AFTER_SECONDS: Final = 600


def remove_stale_temporaries(folder: Path) -> None:
    """A build killed while staging (kill -9, power loss) leaves '.NAME.xxxx.tmp' files; the
    next build removes those older than ten minutes, which no live build still writes."""
    now = time.time()
    for candidate in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER_SECONDS:
                candidate.unlink()


def write_atomic(target: Path, data: bytes) -> None:
    write_all([(target, data)])


def write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Stage every file as a temporary sibling, then rename them all into place.

    Staging first means a full disk or Ctrl-C while writing leaves every old file as it was;
    the renames that follow take microseconds.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            staged.append((_stage(target, data), target))
        for temporary, target in staged:
            temporary.replace(target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _stage(target: Path, data: bytes) -> Path:
    if target.is_dir():
        raise UserError(Problem("output path is a folder, expected a file", target))
    if (target.exists() or target.is_symlink()) and not is_regular(target):
        # Renaming over it would replace a device, pipe or link (as root, /dev/null).
        raise UserError(
            Problem("output path exists and is not a regular file; not replacing it", target)
        )
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise UserError(Problem(f"cannot write here: {error.strerror}", target.parent)) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(Problem(f"cannot write: {error.strerror}", target)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
