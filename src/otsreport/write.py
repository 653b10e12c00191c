"""Atomic writes: a file is either its old self or its complete new self, never half of each.

Each output goes to a temporary file in the destination folder (same file system, so the
rename is atomic) and is renamed over the target only once complete. A failure or Ctrl-C
removes the temporary file and leaves yesterday's brief untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from otsreport.errors import Problem, UserError


def prepare_folder(folder: Path) -> None:
    """Create the output folder, or say clearly why it cannot be used."""
    if folder.exists() and not folder.is_dir():
        raise UserError(Problem("output path exists and is not a folder", folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (PermissionError, FileExistsError, NotADirectoryError) as error:
        raise UserError(Problem(f"cannot create output folder: {error.strerror}", folder)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(Problem("output folder is not writable", folder))


def write_atomic(target: Path, data: bytes) -> None:
    if target.is_dir():
        raise UserError(Problem("output path is a folder, expected a file", target))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise UserError(Problem(f"cannot write here: {error.strerror}", target.parent)) from None
    temp_path = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp_path.chmod(0o644)
        temp_path.replace(target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
