"""Laying a long brief out in parts: the tasks the workers run, and the rounds around them.

Round one lays every part out at once, printing 0 for page numbers that point into other
parts. Once every part's page count is known, each target's page number is known too, and
only the parts that print such numbers (the contents, "see p. N") are laid out again with
them; again if that moved anything, up to ``ROUNDS`` times. The page numbers of the page
footers are then laid out once, for the whole brief (``stamp``), and everything merged.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, wait
from dataclasses import dataclass, replace
from html import escape
from typing import Any, Final

import pikepdf

from otsreport.chunked.css import stamp_css
from otsreport.chunked.merge import Bookmark, LaidOutPart, merge
from otsreport.chunked.split import TOO_SHORT, Cut, cut
from otsreport.errors import Problem, UserError

ROUNDS: Final = 3
Submit = Callable[..., "Future[Any]"]


@dataclass(frozen=True)
class PartTask:
    """What a worker needs to lay out one part (``job`` is a ``pdf.PdfJob``)."""

    html: str
    job: Any
    stubs: frozenset[str]


def lay_out_part(task: PartTask) -> LaidOutPart:
    """Lay one part out and write it as PDF (runs in a worker)."""
    from otsreport.pdf import layout, write_options

    document, warnings = layout(task.html, task.job)
    anchors: dict[str, int] = {}
    bookmarks: list[Bookmark] = []
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            if name not in task.stubs:
                anchors.setdefault(name, number)
        for level, label, (x, y), state in page.bookmarks:
            top = (page.height - y) * 0.75  # CSS px, y down -> PDF points, y up
            bookmarks.append(Bookmark(level, label, number, x * 0.75, top, state == "open"))
    data = document.write_pdf(**write_options(task.job))
    pages = len(document.pages)
    del document
    gc.collect()  # a laid-out page holds cycles; free them before the next part, not later
    return LaidOutPart(data, pages, anchors, tuple(bookmarks), task.stubs, tuple(warnings))


def lay_out_stamp(html: str, job: Any) -> bytes:
    """The page numbers alone, on as many pages as the brief (runs in a worker)."""
    from otsreport.pdf import layout, write_options

    plain = replace(job, variant="plain", attachments=())
    document, _ = layout(html, plain)
    return bytes(document.write_pdf(**write_options(plain)))


def stamp_html(cut: Cut, pages: int) -> str:
    """A document of ``pages`` empty pages under the brief's own page rules, of which only
    the page-number boxes are drawn."""
    styles = "".join(
        f"<style>{stamp_css(sheet, cut.rules.counter_boxes)}</style>" for sheet in cut.sheets
    )
    # Drawn over the brief's pages: nothing but the numbers may paint.
    styles += f"<style>{_TRANSPARENT}</style>"
    breaks = '<div style="break-after:page"></div>' * (pages - 1) + "<div></div>"
    head = f'<!DOCTYPE html><html lang="{escape(cut.language)}"><head>{styles}</head>'
    return f"{head}<body>{breaks}</body></html>"


_TRANSPARENT: Final = (
    "html, body { background: none !important; }"
    " @page { background: none !important; border: none !important; }"
)


class NotStable(Exception):
    """The parts' page numbers kept moving: lay the brief out whole."""


def parts_for(html: str, *, long: bool) -> tuple[Cut | None, list[str]]:
    """The parts to lay ``html`` out in, or None (whole), with the reason when it matters;
    a brief that is not ``long`` (laid out in parts on request) is cut in four at least."""
    try:
        parts = cut(html, at_least=1 if long else 4)
    except RecursionError:  # the CSS parser and the rewrites recurse into nested blocks
        raise UserError(
            Problem(
                "a print stylesheet nests brackets, or @media and @supports blocks, too deeply "
                "to be read (a stylesheet under styles/ in a template folder?); flatten it"
            )
        ) from None
    if parts.problems and (long or parts.problems != (TOO_SHORT,)):
        return None, [f"laid out whole, in one process: {'; '.join(parts.problems)}"]
    return (parts if parts.parts else None), []


def in_parts(job: Any, cut: Cut, submit: Submit) -> Any:
    """The brief laid out in parts and merged (a ``pdf.RenderedPdf``); laid out whole when
    the parts' page numbers do not settle."""
    from otsreport.pdf import RenderedPdf, render_job

    try:
        data, pages, warnings = _rounds(cut, job, submit)
    except NotStable:
        reason = "its parts' page numbers did not settle"
    except (ValueError, pikepdf.PdfError) as error:  # a structure the merge does not know
        reason = f"its parts could not be merged ({error})"
    else:
        return RenderedPdf(data, pages, warnings)
    rendered = submit(render_job, job).result()
    rendered.warnings.insert(0, f"laid out whole: {reason}")
    return rendered


def _rounds(cut: Cut, job: Any, submit: Submit) -> tuple[bytes, int, list[str]]:
    """The merged PDF, its page count and the layout's warnings."""
    tasks = [_task(cut, index, job, {}) for index in range(len(cut.parts))]
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i].html))
    pending = {index: submit(lay_out_part, tasks[index]) for index in order}
    laid = _results([pending[index] for index in range(len(tasks))])
    used: list[dict[str, int]] = [{} for _ in tasks]
    for _ in range(ROUNDS):
        numbers = page_numbers(laid)
        stale = [
            index
            for index, part in enumerate(cut.parts)
            if any(numbers.get(t, 0) != used[index].get(t, 0) for t in part.targets())
        ]
        if not stale:
            break
        again = _results([submit(lay_out_part, _task(cut, i, job, numbers)) for i in stale])
        for index, part in zip(stale, again, strict=True):
            laid[index] = part
            used[index] = {t: numbers.get(t, 0) for t in cut.parts[index].targets()}
    else:
        raise NotStable
    total = sum(part.pages for part in laid)
    stamp = submit(lay_out_stamp, stamp_html(cut, total), job).result()
    warnings = [w for part in laid for w in part.warnings if "No anchor" not in w]
    return merge(laid, stamp), total, list(dict.fromkeys(warnings))


def _results(futures: list[Future[Any]]) -> list[Any]:
    """The futures' results, or the first failure as soon as it happens: a part stopped
    by its time limit ends the build without waiting for the parts queued behind it."""
    done, _ = wait(futures, return_when=FIRST_EXCEPTION)
    for future in done:
        if future.exception() is not None:
            future.result()  # raises it
    return [future.result() for future in futures]


def _task(cut: Cut, index: int, job: Any, numbers: dict[str, int]) -> PartTask:
    part = cut.parts[index]
    own = job if index == 0 else replace(job, attachments=())
    return PartTask(part.html(numbers), own, part.stubs)


def page_numbers(parts: Sequence[LaidOutPart]) -> dict[str, int]:
    """Every anchor's page number in the merged brief (from 1)."""
    numbers: dict[str, int] = {}
    first_page = 1
    for part in parts:
        for name, page in part.anchors.items():
            numbers.setdefault(name, first_page + page)
        first_page += part.pages
    return numbers
