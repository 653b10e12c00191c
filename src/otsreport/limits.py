"""Bounds on what user-supplied templates may cost: time and memory, at process level.

A template is code: `{% for a in range(100000) %}{% for b in range(100000) %}` runs for
hours, and `'x'.ljust(10**10)` asks for ten gigabytes. The sandbox refuses the obvious cases
(``render.BoundedSandbox``); these limits catch the rest, as WeasyPrint's security notes
advise: a timer (SIGALRM, in the main thread) and a cap on the process's data segment
(RLIMIT_DATA), both restored when the render ends. An allocation past the cap fails with
``MemoryError`` instead of waking the kernel's out-of-memory killer.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Final

DEFAULT_RENDER_SECONDS: Final = 60.0
RENDER_MEMORY_BYTES: Final = 2 * 1024**3  # on top of what the process holds already
PDF_MEMORY_BYTES: Final = 8 * 1024**3  # a PDF worker's cap: a 636-page brief takes 3.3 GiB


class RenderTimeout(Exception):
    """A render ran past its time limit."""


@contextlib.contextmanager
def bounded(seconds: float | None, memory: int | None = RENDER_MEMORY_BYTES) -> Iterator[None]:
    """Run the body under a time limit (main thread only) and a memory cap (the process)."""
    with _memory_cap(memory), _time_limit(seconds):
        yield


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise RenderTimeout(f"stopped after {seconds:g} s (--render-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_cap(extra: int | None) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    in_use = data_in_use()
    if not extra or not in_use:  # unknown usage (not Linux): a cap could starve the process
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = in_use + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def cap_process_memory(limit: int = PDF_MEMORY_BYTES) -> None:
    """For a worker process: a fixed cap on its data segment for the rest of its life."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def data_in_use() -> int:
    """This process's data segment now (VmData), in bytes; 0 when it cannot be read."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
