"""HTML: the self-contained screen page, the templates' own output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from otsreport.formats import Making, OutputFormat, register

if TYPE_CHECKING:
    from otsreport.check.reading import Reading


def _make(making: Making) -> bytes:
    return making.screen_html().encode()


def _sniff(data: bytes) -> bool:
    """A page, by the markup near its top (a hostile page need not start with it)."""
    from otsreport.check.channels import as_text

    head = as_text(data[:65536]).lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _reader(data: bytes, depth: int) -> Reading:
    from otsreport.check.channels import as_text, read_html

    return read_html(as_text(data))


HTML = register(
    OutputFormat(
        name="html",
        suffix="html",
        media_type="text/html; charset=utf-8",
        summary="a self-contained page for the screen",
        make=_make,
        sniff=_sniff,
        reader=_reader,
        what="the HTML page",
    )
)
