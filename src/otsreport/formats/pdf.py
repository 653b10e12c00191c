"""PDF: print quality, laid out by WeasyPrint.

The build lays PDFs out itself, in its worker processes and in parts when long, and holds
them to the profile's page budget (``build``, ``pdfjobs``); here is what a PDF depends on
beyond its brief, so the manifest rebuilds it when any of that changes.
"""

from __future__ import annotations

from otsreport.formats import Making, OutputFormat, register


def _inputs(making: Making) -> list[str]:
    options = making.options
    parts = [
        f"pdf-variant={options.pdf_variant}",
        _weasyprint(),
        f"pdf-layout={options.pdf_layout}",
    ]
    # An archival PDF carries the dossier itself: it depends on all of it.
    return parts + (list(making.batch) if options.pdf_variant == "archive" else [])


def _weasyprint() -> str:
    """WeasyPrint's version (importlib.metadata: WeasyPrint itself is not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"weasyprint={version('weasyprint')}"
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return "weasyprint=?"


PDF = register(
    OutputFormat(
        name="pdf",
        suffix="pdf",
        media_type="application/pdf",
        summary="print quality, tagged PDF/UA (or PDF/A-3b with --pdf-variant archive)",
        make=None,
        inputs=_inputs,
    )
)
