"""Word: a DOCX for clearance, written with python-docx from the composed brief and styled
by a reference document (``otsreport.word``)."""

from __future__ import annotations

from pathlib import Path

from otsreport.formats import Making, OutputFormat, register


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
    from otsreport.word.job import docx_bytes

    return docx_bytes(making.brief, making.screen_html(), _reference(making), making.stamp)


DOCX = register(
    OutputFormat(
        name="docx",
        suffix="docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        summary="Word for clearance, styled by a reference document (--reference-doc)",
        make=_make,
        inputs=_inputs,
    )
)
