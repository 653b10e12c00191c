"""PDF: print quality, laid out by WeasyPrint.

The build lays PDFs out itself, in its worker processes and in parts when long, and holds
them to the profile's page budget (``build``, ``pdfjobs``); here is what a PDF depends on
beyond its brief, so the manifest rebuilds it when any of that changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from otsreport.formats import Making, OutputFormat, register

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
