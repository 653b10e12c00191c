"""HTML: the self-contained screen page, the templates' own output."""

from __future__ import annotations

from otsreport.formats import Making, OutputFormat, register


def _make(making: Making) -> bytes:
    return making.screen_html().encode()


HTML = register(
    OutputFormat(
        name="html",
        suffix="html",
        media_type="text/html; charset=utf-8",
        summary="a self-contained page for the screen",
        make=_make,
    )
)
