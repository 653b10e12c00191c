"""A build's PDFs: laid out in worker processes, each whole or, when long, in parts.

``pdf.py`` lays one HTML out with WeasyPrint; this module decides where and how: in workers
started early (they pay WeasyPrint's import while the parent renders HTML), each task under
the jobs' time limit, and a long brief cut in parts (``chunked``) that share the workers.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, Final

from otsreport import pdf
from otsreport.errors import Problem, UserError
from otsreport.executors import Executor
from otsreport.limits import cap_process_memory, run_bounded, within
from otsreport.pdf import PdfJob, RenderedPdf


def _warm_up() -> None:
    """Runs first in each worker: pay WeasyPrint's import while the parent does its own work.

    At a lower priority, so on a machine with few cores the parent (loading, checking and
    rendering HTML, or finding that nothing needs building) is not slowed down by it.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.nice(19)
    cap_process_memory()  # layout of hostile HTML may not take the machine's memory
    pdf.shared_state()


class PdfWorkers:
    """Worker processes for PDFs, started when the build finds its first out-of-date PDF.

    ``import weasyprint`` takes most of a second; started then, the workers pay it while the
    parent renders the rest of the batch's HTML. A build with nothing stale starts none. A
    worker that dies (killed by the system for memory, say) breaks the pool, and the build
    stops with an error instead of waiting for it forever.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self.pool: Any = None

    def start(self) -> None:
        """Start the workers now (once), so they warm up while the parent works on."""
        if self.pool is not None:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=_warm_up)
        for _ in range(self.count):  # start them now, not at the first PDF
            self.pool.submit(_nothing)

    def __enter__(self) -> PdfWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is None:
            return
        for process in list(getattr(self.pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function(*args)`` in a worker; a future of its result."""
        self.start()
        return self.pool.submit(function, *args)

    def bounded(self, seconds: float | None, what: str) -> Callable[..., Any]:
        """A ``submit`` whose tasks stop after ``seconds`` (``limits.run_bounded``)."""
        return partial(self.submit, run_bounded, seconds, what)


@contextlib.contextmanager
def _worker_deaths() -> Iterator[None]:
    """A worker that died (killed by the system, say) stops the build with an error."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
    except BrokenProcessPool:
        raise UserError(
            Problem(
                "a PDF worker process died (killed by the system: out of memory, or stuck "
                "past its --render-timeout); nothing was written. Try again with fewer --jobs, "
                "or a smaller brief"
            )
        ) from None


def _nothing() -> None:
    """A first task, so each worker starts (and warms up) at once."""


def render_jobs(
    jobs: Sequence[PdfJob],
    workers: Executor | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[RenderedPdf]:
    """Render every job: in the worker processes when given, else in one of its own.

    Longest documents first, so the workers finish close together. A long brief is laid
    out in parts (``chunked``), whose tasks share the same workers (one, with no workers).
    Each task runs under the jobs' time limit (``limits.run_bounded``). ``workers`` may be
    any ``executors.Executor`` (the local pool, a Dask cluster, either behind the store).
    """
    if not jobs:
        return []
    note = progress or (lambda _: None)
    cuts, seconds = _cut_all(jobs)
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    results: dict[int, RenderedPdf] = {}
    with _worker_deaths(), contextlib.ExitStack() as stack:
        # Layout runs in a worker even with --jobs 1: there a timer can stop it and a memory
        # cap hold it (a thread cannot be stopped), and its memory is not added to this
        # process's (the dossier, the brief, a long brief's parts).
        if workers is None:
            workers = stack.enter_context(PdfWorkers(1))
        bounded = [
            workers.bounded(limit, f"{job.name}: the layout{_of(job)}")
            for job, limit in zip(jobs, seconds, strict=True)
        ]
        whole = {i: bounded[i](pdf.render_job, jobs[i]) for i in order if cuts[i][0] is None}
        for index in order:
            cut, warnings = cuts[index]
            if cut is None:
                results[index] = whole[index].result()
            else:
                from otsreport.chunked.layout import in_parts

                results[index] = in_parts(jobs[index], cut, bounded[index])
            results[index].warnings[:0] = warnings
            note("rendered a PDF")
    return [results[index] for index in range(len(jobs))]


# A brief estimated at this many pages or more is laid out in parts (layout "auto").
PARTS_FROM_PAGES: Final = 30
CHARACTERS_PER_PAGE: Final = 3000  # of text, in a page of the built-in print style
_TAGS: Final = re.compile(r"<style.*?</style>|<[^>]+>", re.DOTALL)


def estimated_pages(html: str) -> float:
    """Pages the text of ``html`` fills, about, before it is laid out."""
    return len(_TAGS.sub("", html)) / CHARACTERS_PER_PAGE


def _cut_all(jobs: Sequence[PdfJob]) -> tuple[list[tuple[Any, list[str]]], list[float | None]]:
    """Each job's parts (``cut_for``) and the seconds its layout tasks have left: the cut,
    bounded too, and each layout task together take about the job's time limit."""
    cuts: list[tuple[Any, list[str]]] = []
    seconds: list[float | None] = []
    for job in jobs:
        started = time.monotonic()
        with within(job.timeout, f"{job.name}: cutting it in parts{_of(job)}"):
            cuts.append(cut_for(job))
        spent = time.monotonic() - started
        seconds.append(max(job.timeout - spent, job.timeout / 4) if job.timeout else None)
    return cuts, seconds


def _of(job: PdfJob) -> str:
    return f" (--render-timeout {job.timeout:g} s)" if job.timeout else ""


def cut_for(job: PdfJob) -> tuple[Any, list[str]]:
    """The parts to lay ``job`` out in (a ``chunked.split.Cut``) or None, with the reason
    when a long brief is laid out whole. The chunked package (lxml, tinycss2, pikepdf) is
    imported only for a brief that may be cut."""
    if job.layout == "whole" or job.html_with_toc is not None:
        return None, []
    long = estimated_pages(job.html) >= PARTS_FROM_PAGES
    if job.layout == "auto" and not long:
        return None, []
    from otsreport.chunked.layout import parts_for

    return parts_for(job.html, long=long)
