"""One brief's DOCX in a build: the reference document found and checked, the timeline chart
drawn as a picture, the document written.

The chart is the SVG the brief's own timeline template draws (so a customised chart template
shows in Word too), laid out by WeasyPrint and rasterised by pdfium at twice its size.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from otsreport.errors import Problem, UserError
from otsreport.paths import builtin_templates_dir
from otsreport.select.views import Brief
from otsreport.word.reference import clean_reference

REFERENCE_NAME: Final = "reference.docx"
_SVG: Final = re.compile(r'<figure class="timeline-chart">.*?(<svg\b.*?</svg>)', re.DOTALL)


def find_reference(given: Path | None, search_path: Sequence[Path]) -> Path:
    """``--reference-docx``, else a ``reference.docx`` in a template folder, else the
    package's; checked before any output is made (a user's file is hostile input)."""
    candidates = (
        [given]
        if given is not None
        else [folder / REFERENCE_NAME for folder in [*search_path, builtin_templates_dir()]]
    )
    for candidate in candidates:
        if given is not None or candidate.is_file():
            clean_reference(candidate)  # refused now, before any output is made
            return candidate
    raise UserError(Problem("no reference.docx found, not even the package's"))


def reference_digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()[:16]


def docx_bytes(brief: Brief, html: str, reference: Path, stamp: datetime, tight: int = 0) -> bytes:
    """The DOCX of ``brief``; ``html`` is its screen page, for the chart's SVG; ``tight``:
    how much denser than the reference's layout (``word.tighter``)."""
    from otsreport.word.document import write_docx

    chart = _chart_png(html) if brief_has_chart(brief) else None
    package = io.BytesIO(clean_reference(reference))  # python-docx never sees the user's file
    try:
        return write_docx(brief, reference=package, stamp=stamp, chart_png=chart, tight=tight)
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UserError(
            Problem(f"the reference document could not be used: {error}", reference)
        ) from None


def brief_has_chart(brief: Brief) -> bool:
    return any(section.chart is not None for section in brief.sections)


def _chart_png(html: str) -> bytes | None:
    """The timeline SVG as a PNG, or None when the page has none."""
    match = _SVG.search(html)
    if match is None:
        return None
    import pypdfium2
    import weasyprint

    svg = match.group(1)
    width = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if width is None:
        return None
    page = (
        f"<html><head><style>@page {{ size: {width.group(1)}px {width.group(2)}px; margin: 0 }}"
        "body { margin: 0 } svg { width: 100%; height: auto; display: block }</style></head>"
        f"<body>{svg}</body></html>"
    )
    pdf = weasyprint.HTML(string=page, url_fetcher=_no_fetching).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2.5).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _no_fetching(url: str, *_: object, **__: object) -> dict[str, object]:
    raise ValueError(f"the chart loads nothing: refused {url}")
