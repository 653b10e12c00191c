"""Word: a DOCX for clearance, written with python-docx from the composed brief and styled
by a reference document (``otsreport.word``); with ``--since``, also its redline, the same
document with what changed as Word's tracked changes (``word.redline``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from otsreport.formats import Extra, Making, OutputFormat, register


def _reference(making: Making) -> Path:
    """The reference document, found and checked once per brief, before any output."""
    if "reference" not in making.found:
        from otsreport.word.job import find_reference

        making.found["reference"] = find_reference(
            making.options.reference_docx, making.search_path
        )
    reference: Path = making.found["reference"]
    return reference


def _inputs(making: Making) -> list[str]:
    from otsreport.word.job import reference_digest

    return [f"reference={reference_digest(_reference(making))}"]


def _make(making: Making) -> bytes:
    """The DOCX, kept for the redline made from it."""
    from otsreport.word.job import docx_bytes

    if "docx" not in making.found:
        brief, stamp, html = making.brief, making.stamp, making.screen_html()

        def write(tight: int) -> bytes:
            return docx_bytes(brief, html, _reference(making), stamp, tight)

        making.found["docx"] = write(0) if making.max_pages is None else _fitted(making, write)
    data: bytes = making.found["docx"]
    return data


def _fitted(making: Making, write: Callable[[int], bytes]) -> bytes:
    """The DOCX fitted to its audience's page budget as LibreOffice lays it out, and held
    to it as the PDF is; without LibreOffice, written as it is, with a warning."""
    from otsreport.budget import check_budget
    from otsreport.word.pages import fit
    from otsreport.word.tighter import STEPS

    budget = making.max_pages
    assert budget is not None
    data, found, unmeasured = fit(write, len(STEPS), budget)
    if found is None:
        making.warnings.append(
            f"audience '{making.audience}': the Word page count was not checked ({unmeasured})"
        )
        return data
    what = "the Word document (as LibreOffice lays it out)"
    check_budget(
        making.audience, what, found.pages, budget, making.options.allow_overflow, making.warnings
    )
    return data


def _extras(making: Making) -> list[Extra]:
    """The redline, when the build compares with an earlier edition."""
    if making.options.since is None:
        return []
    from otsreport.word.redline import INFIX, redline_docx

    return [Extra(INFIX, lambda: redline_docx(_make(making), making.brief, making.stamp))]


DOCX = register(
    OutputFormat(
        name="docx",
        suffix="docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        summary="Word for clearance, styled by a reference document (--reference-doc)",
        make=_make,
        inputs=_inputs,
        extras=_extras,
    )
)
