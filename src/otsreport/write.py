"""Atomic writes: a file is either its old self or its complete new self, never half of each.

Each output goes to a temporary file in the destination folder (same file system, so the
rename is atomic) and is renamed over the target only once complete. A failure or Ctrl-C
removes the temporary file and leaves yesterday's brief untouched. New files get the mode
the user's umask allows (0666 less the umask), as any other program's would; a user's own
file that otsreport rewrites keeps its mode and stays the same file (see ``write_all``).
"""

from __future__ import annotations

import contextlib
import os
import stat
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


def write_all(files: Sequence[tuple[Path, bytes]], *, keep: bool = False) -> None:
    """Stage every file as a temporary sibling, then rename them all into place.

    Staging first means a full disk or Ctrl-C while writing leaves every old file as it was;
    the renames that follow take microseconds. ``keep``: the targets are the user's own
    files (a dossier's YAML); one that exists keeps its mode (a private 0600 file stays
    private), and one with other hard links is written in place, once staged, so that it
    stays the file those links name.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            staged.append((_stage(target, data, keep), target))
        for temporary, target in staged:
            if keep and _linked(target):
                _overwrite(target, temporary)
            else:
                temporary.replace(target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _linked(target: Path) -> bool:
    try:
        return target.stat().st_nlink > 1
    except OSError:
        return False


def _overwrite(target: Path, staged: Path) -> None:
    """``target`` given ``staged``'s content in place: the same inode, so its hard links see
    the new text (the content was written and checked once already, in ``staged``)."""
    try:
        with target.open("r+b") as stream:
            stream.write(staged.read_bytes())
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise UserError(Problem(f"cannot write: {error.strerror}", target)) from None


TEMPORARY_TRIES: Final = 100


def _stage(target: Path, data: bytes, keep: bool) -> Path:
    if target.is_dir():
        raise UserError(Problem("output path is a folder, expected a file", target))
    if (target.exists() or target.is_symlink()) and not is_regular(target):
        # Renaming over it would replace a device, pipe or link (as root, /dev/null).
        raise UserError(
            Problem("output path exists and is not a regular file; not replacing it", target)
        )
    handle, temporary = _create_temporary(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep and target.exists():
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(Problem(f"cannot write: {error.strerror}", target)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new '.NAME.xxxxxxxx.tmp' beside ``target``, created 0666 so that the system applies
    the umask (``tempfile.mkstemp`` would make it 0600 whatever the umask)."""
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(TEMPORARY_TRIES):
        temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise UserError(
                Problem(f"cannot write here: {error.strerror}", target.parent)
            ) from None
    raise UserError(Problem("cannot find a free temporary name", target.parent))
