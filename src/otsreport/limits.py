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
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, Final

from otsreport.errors import Problem, UserError

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


class _OutOfTime(BaseException):
    """A worker's task past its time: not an ``Exception``, so that no ``except Exception``
    on the way (WeasyPrint turns those into its own errors) mistakes it for bad input."""


@contextlib.contextmanager
def _time_limit(
    seconds: float | None, raising: Callable[[str], BaseException] = RenderTimeout
) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise raising(f"stopped after {seconds:g} s (--render-timeout)")

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
    with _lowered(resource.RLIMIT_DATA, in_use + extra):
        yield


@contextlib.contextmanager
def _lowered(kind: int, cap: int) -> Iterator[None]:
    """The soft limit of resource ``kind`` lowered to ``cap`` (never raised past what is
    set already) while the block runs, then restored; where the system refuses, the block
    runs as it would have."""
    import resource

    soft, hard = resource.getrlimit(kind)
    for bound in (hard, soft):
        if bound != resource.RLIM_INFINITY:
            cap = min(cap, bound)
    try:
        resource.setrlimit(kind, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (soft, hard))


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


TEMPLATE_ADVICE: Final = (
    "a template or print stylesheet asks for too much (a loop, thousands of running strings "
    "or nested rules?). Undo the last change to them, or allow more time with "
    "--render-timeout SECONDS"
)


def run_bounded(
    seconds: float | None,
    what: str,
    function: Callable[..., Any],
    *args: Any,
    advice: str = TEMPLATE_ADVICE,
) -> Any:
    """Run ``function(*args)`` in a worker process, in its main thread, under a timer.

    A signal reaches only a main thread, so layout (which a hostile stylesheet can keep busy
    for minutes) runs in a worker, never in a thread. The timer ends the task with a clear
    error and the worker lives on; should it not fire (the process stuck in C code), a CPU
    time limit a little past it makes the system kill the worker, which the parent reports.
    """
    with _cpu_limit(seconds * 1.5 + 1 if seconds else None), within(seconds, what, advice):
        return function(*args)


@contextlib.contextmanager
def within(seconds: float | None, what: str, advice: str = TEMPLATE_ADVICE) -> Iterator[None]:
    """The body stopped after ``seconds`` (in the main thread) with a user error saying what
    to do; no ``except Exception`` inside can swallow the stop."""
    try:
        with _time_limit(seconds, _OutOfTime):
            yield
    except _OutOfTime:
        raise UserError(
            Problem(f"{what} ran past its time limit and was stopped: {advice}")
        ) from None


@contextlib.contextmanager
def _cpu_limit(seconds: float | None) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    if not seconds:
        yield
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with _lowered(resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime + seconds) + 1):
        yield


def in_child(
    seconds: float, memory: int, what: str, advice: str, function: Callable[..., Any], *args: Any
) -> Any:
    """``function(*args)`` in a process of its own, under a time limit and a memory cap.

    For parsers of hostile files in C (pdfium, libxml2): one that meets a decompression bomb
    may abort the whole process when an allocation fails; in a child that is a clean error.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ProcessPoolExecutor(
        1, mp_context=context, initializer=cap_process_memory, initargs=(memory,)
    )
    try:
        future = pool.submit(run_bounded, seconds, what, function, *args, advice=advice)
        return future.result()
    except BrokenProcessPool:
        raise UserError(
            Problem(f"{what} was stopped by the system (past {memory // 1024**2:,} MiB?): {advice}")
        ) from None
    finally:
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def run_bounded_in_thread(
    seconds: float | None,
    what: str,
    function: Callable[..., Any],
    *args: Any,
    advice: str = TEMPLATE_ADVICE,
) -> Any:
    """``run_bounded`` for a thread other than the main one (a Dask worker runs its tasks in
    threads, and a signal reaches only a main thread).

    The timer raises the stop in that thread the way a signal handler does in the main one:
    between two bytecodes (CPython's ``PyThreadState_SetAsyncExc``), so layout in Python is
    stopped as it would be in a local worker. There is no CPU or memory cap here: a cluster's
    workers are bounded by the cluster (the Dask nanny's memory limit restarts a worker past it).
    """
    if not seconds:
        return function(*args)
    import ctypes

    ident, lock, running = threading.get_ident(), threading.Lock(), [True]

    def expire() -> None:
        with lock:
            if running[0]:
                stop = ctypes.py_object(_OutOfTime)
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), stop)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        timer.start()
        try:
            return function(*args)
        finally:
            with lock:
                running[0] = False
            timer.cancel()
    except _OutOfTime:
        raise UserError(
            Problem(f"{what} ran past its time limit and was stopped: {advice}")
        ) from None
