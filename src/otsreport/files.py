"""Reading a user's file safely: a regular file, of bounded size, or a clear error.

Every path otsreport reads comes from a user and may be hostile: a FIFO would hang the
build, a device would never end, a symbolic link could point anywhere. The file is opened
without blocking and checked on the open descriptor itself, so what is checked is what is
read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from otsreport.errors import Problem, UserError

DEFAULT_LIMIT: Final = 64 * 1024 * 1024


def read_regular(path: Path, limit: int = DEFAULT_LIMIT, what: str = "file") -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UserError(Problem(f"{what} not found", path)) from None
    except IsADirectoryError:
        raise UserError(Problem(f"expected a {what}, found a folder", path)) from None
    except PermissionError:
        raise UserError(Problem(f"{what} cannot be read (permission denied)", path)) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UserError(Problem(f"{what} cannot be read: {reason}", path)) from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UserError(Problem(f"expected a {what}, found a folder", path))
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                Problem(f"{what} is not a regular file (a pipe, socket or device?)", path)
            )
        if info.st_size > limit:
            raise UserError(
                Problem(f"{what} is {info.st_size:,} bytes; the limit is {limit:,}", path)
            )
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise UserError(Problem(f"{what} cannot be read: {error.strerror}", path)) from None
    if len(data) > limit:
        raise UserError(Problem(f"{what} is over {limit:,} bytes", path))
    return data


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file, without following a link or opening it."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except (OSError, ValueError):
        return False
