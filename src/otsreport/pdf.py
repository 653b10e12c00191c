"""PDF output with WeasyPrint: the only module that imports it, and only when a PDF is made.

``import weasyprint`` costs most of a second, so commands that make no PDF never pay it.
The URL fetcher (``confine.py``) is the security boundary for user templates: it serves
only the templates' own assets; a PDF's attachments are the build's own list.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Final

from otsreport.confine import make_fetcher, own_attachments_only
from otsreport.errors import Problem, UserError


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


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
def shared_state() -> tuple[Any, dict[str, Any]]:
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
    if lost := lost_notes(document):
        warnings.append(
            f"{lost} footnote(s) could not be placed on the page of their call, in any "
            "spacing tried; a page holds too many notes (see the notes' numbers in the PDF)"
        )
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
    if (max_pages is not None and pages > max_pages) or lost_notes(document):
        return True
    return 1 < pages <= FIT_MAX_PAGES and text_lines(document.pages[-1]) < SPARSE_LINES


def _fits_better(candidate: Any, current: Any, max_pages: int | None) -> bool:
    """No note lost wins; then fewer pages; at the same count, a last page that is no
    longer near-empty."""
    lost, lost_before = lost_notes(candidate), lost_notes(current)
    if bool(lost) != bool(lost_before):
        return not lost
    if len(candidate.pages) != len(current.pages):
        return len(candidate.pages) < len(current.pages)
    return not _needs_fitting(candidate, max_pages) and _needs_fitting(current, max_pages)


def lost_notes(document: Any) -> int:
    """Footnotes called in the text but laid out on no page. WeasyPrint drops a note whose
    call sits in a table cell at the foot of a page when the note does not fit there (it is
    reported to the next page, then lost when the row moves); another spacing moves the
    break, so fitting tries one, and the build warns if none places every note."""
    from weasyprint.formatting_structure import boxes

    calls = notes = 0
    pending = [page._page_box for page in document.pages]
    while pending:
        box = pending.pop()
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.FootnoteAreaBox):
                notes += len(child.children)
                continue
            tag = getattr(child, "element_tag", None) or ""
            calls += isinstance(child, boxes.InlineBox) and tag.endswith("::footnote-call")
            pending.append(child)
    return max(0, calls - notes)


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


def render_pdf(html: str, job: PdfJob) -> RenderedPdf:
    """Lay out ``html`` once, as it is, and write the PDF."""
    document, warnings = layout(html, job)
    return _write(document, html, job, warnings)


def write_options(job: PdfJob) -> dict[str, Any]:
    import weasyprint

    options = dict(VARIANTS[job.variant])
    options["custom_metadata"] = True  # the marking and dossier the brief declares
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

    font_config, image_cache = shared_state()
    refused: list[str] = []
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=str(job.base_dir.resolve()) + "/",
            url_fetcher=make_fetcher(job.allowed_roots, refused),
        ).render(font_config=font_config, cache=image_cache, **write_options(job))
        own_attachments_only(document)
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
