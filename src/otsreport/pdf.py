"""PDF output with WeasyPrint: the only module that imports it, and only when a PDF is made.

``import weasyprint`` costs most of a second, so commands that make no PDF never pay it.
The URL fetcher is the security boundary for user templates: it serves ``data:`` URLs and
files under the allowed folders (dossier, template folders, package assets) and refuses
every network URL and every other file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from otsreport.errors import Problem, UserError
from otsreport.limits import cap_process_memory, run_bounded, within


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Refused(ValueError):
    pass


def _make_fetcher(allowed_roots: Sequence[Path], refused: list[str]) -> Any:
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed_roots]

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            refused.append(url)
            raise _Refused(f"otsreport refused to load {url}: outside the project's folders")

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make, in a form a worker process can receive.

    ``html_with_toc`` is tried only when the first layout runs past ``toc_after_pages``:
    whether a brief needs a table of contents is known only once it is paginated.
    """

    html: str
    base_dir: Path
    allowed_roots: tuple[Path, ...]
    html_with_toc: str | None = None
    toc_after_pages: int = 2
    variant: str = "plain"
    attachments: tuple[EmbeddedFile, ...] = ()
    stamp: datetime | None = None  # attachment dates; never the clock, so builds reproduce
    max_pages: int | None = None  # the profile's page budget, which fitting tries to meet
    layout: str = "auto"  # whole | parts | auto: in parts when long (see chunked/)
    timeout: float | None = None  # seconds one layout task may take (--render-timeout)
    name: str = "the PDF"  # the file made, for messages


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside the PDF (PDF/A-3 associated file), e.g. the brief's own data."""

    name: str
    description: str
    data: bytes
    relationship: str = "Data"


# What each --pdf-variant asks of WeasyPrint.
VARIANTS: Final[dict[str, dict[str, Any]]] = {
    "ua": {"pdf_variant": "pdf/ua-1"},  # tagged: structure tree, /Lang, DisplayDocTitle
    "archive": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},  # archival, tagged, with data
    "plain": {},
}


@cache
def _shared_state() -> tuple[Any, dict[str, Any]]:
    """One FontConfiguration and image cache per process, shared by every PDF it renders."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration(), {}


def render_job(job: PdfJob) -> RenderedPdf:
    """Lay the brief out, with a table of contents if it runs long, then fit it to its pages.

    Fitting is what a typesetter does by hand: when the last page would hold only a few lines
    (a colophon alone, say) or the brief runs past its page budget, the brief is laid out again
    with the stylesheet's tighter spacing (``html.fit-1``, ``html.fit-2`` in paged.css) and the
    tighter layout is kept only if it is better. Most briefs are laid out once.
    """
    html = job.html
    document, warnings = layout(html, job)
    if job.html_with_toc is not None and len(document.pages) > job.toc_after_pages:
        html = job.html_with_toc
        document, more = layout(html, job)
        warnings = list(dict.fromkeys([*warnings, *more]))
    for step in FIT_STEPS:
        if not _needs_fitting(document, job.max_pages):
            break
        tighter = _with_class(html, step)
        candidate, more = layout(tighter, job)
        if _fits_better(candidate, document, job.max_pages):
            html, document, warnings = tighter, candidate, list(dict.fromkeys([*warnings, *more]))
    return _write(document, html, job, warnings)


# Layouts tried, in order, by fitting; each a class on <html> that paged.css styles. Tighter
# ones pull a near-empty last page back; a looser one fills it when nothing can be pulled back.
# Last resort: the colophon (whose facts the masthead and the metadata also carry) is left
# out rather than printed alone on a last page.
FIT_STEPS: Final = ("fit-1", "fit-2", "fit-loose", "fit-1 no-colophon")
# Past this length a near-empty last page is left as it is: laying out a long brief again
# costs more than the page is worth (a brief over its page budget is always fitted).
FIT_MAX_PAGES: Final = 16
# A last page with fewer lines of text than this (the colophon aside) is a near-empty page.
SPARSE_LINES: Final = 8


def _needs_fitting(document: Any, max_pages: int | None) -> bool:
    pages = len(document.pages)
    if max_pages is not None and pages > max_pages:
        return True
    return 1 < pages <= FIT_MAX_PAGES and text_lines(document.pages[-1]) < SPARSE_LINES


def _fits_better(candidate: Any, current: Any, max_pages: int | None) -> bool:
    """Fewer pages wins; at the same count, a last page that is no longer near-empty."""
    if len(candidate.pages) != len(current.pages):
        return len(candidate.pages) < len(current.pages)
    return not _needs_fitting(candidate, max_pages) and _needs_fitting(current, max_pages)


def text_lines(page: Any) -> int:
    """Lines of text in a laid-out page's body: not its margin boxes, footnotes or colophon."""
    from weasyprint.formatting_structure import boxes

    def count(box: Any) -> int:
        total = 0
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.MarginBox | boxes.FootnoteAreaBox) or _furniture(child):
                continue
            total += 1 if isinstance(child, boxes.LineBox) else count(child)
        return total

    return count(page._page_box)


def _furniture(box: Any) -> bool:
    element = getattr(box, "element", None)
    return element is not None and "colophon" in (element.get("class") or "").split()


def _with_class(html: str, name: str) -> str:
    """``html`` with ``name`` among the classes of its root element (set by base.html.j2)."""
    return html.replace("<html ", f'<html class="{name}" ', 1)


def _warm_up() -> None:
    """Runs first in each worker: pay WeasyPrint's import while the parent does its own work.

    At a lower priority, so on a machine with few cores the parent (loading, checking and
    rendering HTML, or finding that nothing needs building) is not slowed down by it.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.nice(19)
    cap_process_memory()  # layout of hostile HTML may not take the machine's memory
    _shared_state()


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
    workers: PdfWorkers | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[RenderedPdf]:
    """Render every job: in the worker processes when given, else in one of its own.

    Longest documents first, so the workers finish close together. A long brief is laid
    out in parts (``chunked``), whose tasks share the same workers (one, with no workers).
    Each task runs under its job's time limit (``limits.run_bounded``), less the time the
    cut took: in a worker, even with --jobs 1, as a timer can stop only a main thread.
    """
    note = progress or (lambda _: None)
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    results: dict[int, RenderedPdf] = {}
    cuts: list[tuple[Any, list[str]]] = []
    bounded: list[Callable[..., Any]] = []
    with _worker_deaths(), contextlib.ExitStack() as stack:
        workers = workers or stack.enter_context(PdfWorkers(1))
        for job in jobs:
            started, limit = time.monotonic(), f" (--render-timeout {job.timeout or 0:g} s)"
            with within(job.timeout, f"{job.name}: cutting it in parts{limit}"):
                cuts.append(cut_for(job))
            left = job.timeout and max(job.timeout - (time.monotonic() - started), job.timeout / 4)
            what = f"{job.name}: the layout{limit}"
            bounded.append(partial(workers.submit, run_bounded, left or None, what))
        whole = {i: bounded[i](render_job, jobs[i]) for i in order if cuts[i][0] is None}
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


def render_pdf(html: str, job: PdfJob) -> RenderedPdf:
    """Lay out ``html`` once, as it is, and write the PDF."""
    document, warnings = layout(html, job)
    return _write(document, html, job, warnings)


def write_options(job: PdfJob) -> dict[str, Any]:
    import weasyprint

    options = dict(VARIANTS[job.variant])
    if job.attachments:
        options["attachments"] = [
            weasyprint.Attachment(
                file_obj=io.BytesIO(item.data),
                name=item.name,
                description=item.description,
                relationship=item.relationship,
                created=job.stamp,
                modified=job.stamp,
            )
            for item in job.attachments
        ]
    return options


def layout(html: str, job: PdfJob) -> tuple[Any, list[str]]:
    """Paginate ``html``; resources resolve against the job's folder and stay confined."""
    import weasyprint

    font_config, image_cache = _shared_state()
    refused: list[str] = []
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=str(job.base_dir.resolve()) + "/",
            url_fetcher=_make_fetcher(job.allowed_roots, refused),
        ).render(font_config=font_config, cache=image_cache, **write_options(job))
    except Exception as error:  # WeasyPrint raises many kinds on bad CSS or HTML
        raise UserError(Problem(f"PDF rendering failed: {error}")) from error
    finally:
        logger.removeHandler(collector)
        for url in refused:  # so the next brief that asks is refused (and warned) again
            image_cache.pop(url, None)
    warnings = [f"refused to load {url} (outside the project's folders)" for url in refused]
    warnings += [m for m in collector.messages if "refused to load" not in m]
    return document, warnings


def _write(document: Any, html: str, job: PdfJob, warnings: list[str]) -> RenderedPdf:
    # The same brief always gets the same /ID, so rebuilding gives the same bytes.
    identifier = hashlib.md5(html.encode(), usedforsecurity=False).hexdigest().encode()
    try:
        data = document.write_pdf(pdf_identifier=identifier, **write_options(job))
    except Exception as error:
        raise UserError(Problem(f"PDF rendering failed: {error}")) from error
    return RenderedPdf(data, len(document.pages), warnings)
