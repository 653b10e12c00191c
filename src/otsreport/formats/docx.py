"""Word: a DOCX for clearance, written with python-docx from the composed brief and styled
by a reference document (``otsreport.word``); with ``--since``, also its redline, the same
document with what changed as Word's tracked changes (``word.redline``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from otsreport.formats import Extra, Made, Making, Need, OutputFormat, register

if TYPE_CHECKING:
    from otsreport.check.reading import Reading


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


def _make(making: Making) -> Made:
    """The DOCX, fitted to its page budget, kept for the redline made from it."""
    from otsreport.word.job import docx_bytes

    if "docx" not in making.found:
        brief, stamp, html = making.brief, making.stamp, making.screen_html()

        def write(tight: int) -> bytes:
            return docx_bytes(brief, html, _reference(making), stamp, tight)

        fitted = Made(write(0)) if making.max_pages is None else _fitted(making, write)
        making.found["docx"] = fitted
    done: Made = making.found["docx"]
    return done


def _fitted(making: Making, write: Callable[[int], bytes]) -> Made:
    """The DOCX fitted to its audience's page budget as LibreOffice lays it out, with the
    pages it counted (the build holds them to the budget as it does the PDF's); without
    LibreOffice, written as it is, with a warning."""
    from otsreport.word.pages import fit
    from otsreport.word.tighter import STEPS

    budget = making.max_pages
    assert budget is not None
    data, found, unmeasured = fit(write, len(STEPS), budget)
    if found is None:
        making.warnings.append(
            f"audience '{making.audience}': the Word page count was not checked ({unmeasured})"
        )
        return Made(data)
    return Made(data, found.pages)


def _pages(data: bytes) -> int | None:
    """The DOCX's pages as LibreOffice lays it out; None without LibreOffice (or when it
    fails on the file)."""
    from otsreport.word.pages import Unmeasured, measure

    try:
        found = measure(data)
    except Unmeasured:
        return None
    return None if found is None else found.pages


def _needs() -> list[Need]:
    from otsreport.word.pages import soffice

    program = soffice() or ""
    remedy = (
        "Debian/Ubuntu: apt install libreoffice-writer-nogui; Fedora: dnf install "
        "libreoffice-writer"
    )
    return [Need("LibreOffice, to count a Word brief's pages against its budget", program, remedy)]


def _sniff(data: bytes) -> bool:
    return data.startswith(b"PK")


def _reader(data: bytes, depth: int) -> Reading:
    from otsreport.check.channels import read_docx

    return read_docx(data, depth)


def _extras(making: Making) -> list[Extra]:
    """The redline, when the build compares with an earlier edition."""
    if making.options.since is None:
        return []
    from otsreport.word.redline import INFIX, redline_docx

    return [Extra(INFIX, lambda: redline_docx(_make(making).data, making.brief, making.stamp))]


DOCX = register(
    OutputFormat(
        name="docx",
        suffix="docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        summary="Word for clearance, styled by a reference document (--reference-doc)",
        make=_make,
        inputs=_inputs,
        extras=_extras,
        sniff=_sniff,
        reader=_reader,
        pages=_pages,
        needs=_needs,
        what="the Word document (as LibreOffice lays it out)",
    )
)
