"""PDF: print quality, laid out by WeasyPrint in the build's worker processes.

The build hands each brief's print copy to this format's ``pooled`` entry: ``job`` composes
the copy (with a table of contents when the profile's rule and the page count call for one)
in the build's process, and ``run`` lays every job of the build out together, in the
worker pool, a long brief in parts (``pdfjobs``, ``chunked``). The pages each PDF has come
back with it, and the build holds them to the audience's page budget as it does any paged
format's. What a PDF depends on beyond its brief is here too, so the manifest rebuilds it
when any of that changes; the release check reads a PDF back with ``check.channels``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from otsreport.formats import Made, Making, OutputFormat, Pooled, Progress, register

if TYPE_CHECKING:
    from otsreport.check.reading import Reading
    from otsreport.pdf import EmbeddedFile, PdfJob

TOC_PAGE_THRESHOLD: Final = 2

# Dublin Core elements XMP holds as lists (a bag or a sequence), not as one text.
_XMP_LISTS: Final = {"publisher", "date", "language", "subject", "type"}


def _inputs(making: Making) -> list[str]:
    options = making.options
    parts = [
        f"pdf-variant={options.pdf_variant}",
        _weasyprint(),
        f"pdf-layout={options.pdf_layout}",
    ]
    # An archival PDF carries the dossier itself: it depends on all of it.
    return parts + (list(making.batch) if options.pdf_variant == "archive" else [])


def with_dublin_core(data: bytes, pairs: Sequence[tuple[str, str]]) -> bytes:
    """The PDF with the brief's Dublin Core record (``select/metadata.py``) in its XMP,
    beside what WeasyPrint writes there (title, creator, description, dates). Nothing else
    changes: no editor or date is stamped, and the file's /ID follows its content, so the
    same brief gives the same bytes."""
    import io

    import pikepdf

    if not pairs or not data.startswith(b"%PDF"):
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for name, value in pairs:
                if name == "title":
                    continue  # WeasyPrint's, which the Info dictionary repeats
                meta[f"dc:{name}"] = [value] if name in _XMP_LISTS else value
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _weasyprint() -> str:
    """WeasyPrint's version (importlib.metadata: WeasyPrint itself is not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"weasyprint={version('weasyprint')}"
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return "weasyprint=?"


def _job(making: Making, name: str) -> tuple[PdfJob, tuple[tuple[str, str], ...]]:
    """The print copies of the brief already composed (with and without a table of contents
    when the profile leaves that to the page count), and the brief's Dublin Core record for
    the laid-out PDF's XMP."""
    from otsreport.paths import builtin_templates_dir
    from otsreport.pdf import PdfJob
    from otsreport.pdfjobs import estimated_pages

    paged = making.paged_html
    assert paged is not None, "the build gives every brief its print copy"
    rule = making.brief.toc
    html = paged(rule == "always")
    with_toc = None
    if rule == "auto":
        # Clearly long or clearly short from its text alone: one layout. Only a brief near
        # the threshold is laid out to count its pages, and again with contents if long.
        estimate = estimated_pages(html)
        if estimate > 2 * TOC_PAGE_THRESHOLD:
            html = paged(True)
        elif estimate > TOC_PAGE_THRESHOLD / 2:
            with_toc = paged(True)
    options = making.options
    assert making.selection is not None, "the build gives every brief its selection"
    job = PdfJob(
        html=html,
        base_dir=making.search_path[0],
        allowed_roots=(*making.search_path, builtin_templates_dir()),
        html_with_toc=with_toc,
        toc_after_pages=TOC_PAGE_THRESHOLD,
        variant=options.pdf_variant,
        attachments=_archive(making, options.pdf_variant),
        stamp=making.stamp,
        max_pages=making.max_pages,
        layout=options.pdf_layout,
        timeout=options.render_timeout,
        name=name,
    )
    return job, tuple(making.selection.brief.dublin_core)


def _archive(making: Making, variant: str) -> tuple[EmbeddedFile, ...]:
    """What an archival PDF carries: the dossier as cut to the brief's banner, and how the
    brief was made; nothing else (a template's own attachment links are dropped)."""
    if variant != "archive":
        return ()
    from otsreport.archive import attachments

    assert making.selection is not None, "the build gives every brief its selection"
    return attachments(making.audience, making.selection, variant)


def _run(jobs: Sequence[Any], workers: Any, progress: Progress) -> list[Made]:
    """Every job laid out, in the build's workers (``pdfjobs.render_jobs``)."""
    from otsreport.pdfjobs import render_jobs

    laid_out = render_jobs([job for job, _ in jobs], workers, progress)
    return [
        Made(with_dublin_core(pdf.data, dublin_core), pdf.pages, list(pdf.warnings))
        for pdf, (_, dublin_core) in zip(laid_out, jobs, strict=True)
    ]


def _sniff(data: bytes) -> bool:
    return data.startswith(b"%PDF")


def _reader(data: bytes, depth: int) -> Reading:
    from otsreport.check.channels import read_pdf

    return read_pdf(data, depth)


def _pages(data: bytes) -> int | None:
    """The pages of a PDF, as pdfium counts them."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


PDF = register(
    OutputFormat(
        name="pdf",
        suffix="pdf",
        media_type="application/pdf",
        summary="print quality, tagged PDF/UA (or PDF/A-3b with --pdf-variant archive)",
        make=None,
        inputs=_inputs,
        pooled=Pooled(_job, _run),
        sniff=_sniff,
        reader=_reader,
        pages=_pages,
        what="the PDF",
        fills_budget=True,
    )
)
