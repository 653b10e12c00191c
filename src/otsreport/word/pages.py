"""How many pages a Word brief runs to, and fitting it to its audience's page budget.

Word itself is not at hand, so the pages are counted the next best way: LibreOffice (headless
``soffice --convert-to pdf``) lays the DOCX out and pdfium counts the PDF's pages. Word and
LibreOffice break lines a little differently, so a brief is fitted with a margin: a last page
filled past ``FILL_MARGIN`` counts as one more page, since Word may well push it over.
Without LibreOffice nothing is measured and the build says so: a budget is never silently
taken as met.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

SOFFICE_SECONDS: Final = 60.0  # one conversion takes about a second; a hung one is killed
FILL_MARGIN: Final = 0.9  # a last page filled past this (of its text area) counts as full
NOT_FOUND: Final = "LibreOffice not found; `otsreport doctor`"


class Unmeasured(Exception):
    """LibreOffice was there but gave no PDF (it failed, or took too long): why, for the
    build's warning."""


@dataclass(frozen=True)
class Measure:
    """A DOCX as LibreOffice lays it out: its pages, and how full its last page is (0-1)."""

    pages: int
    last_fill: float

    def within(self, budget: int) -> bool:
        """Within the budget with the margin Word needs: the last page of a brief at its
        budget must not be nearly full."""
        return self.pages < budget or (self.pages == budget and self.last_fill <= FILL_MARGIN)


def soffice() -> str | None:
    """The LibreOffice program, or None: ``soffice`` (Debian's name), else ``libreoffice``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def measure(data: bytes, *, timeout: float = SOFFICE_SECONDS) -> Measure | None:
    """The DOCX ``data`` laid out by LibreOffice, or None when it is not installed.

    Each run has its own temporary folder and its own LibreOffice user profile, so parallel
    builds (and a LibreOffice the user has open) do not share a lock or a half-written
    profile; the run is killed, with everything it started, after ``timeout`` seconds.
    """
    program = soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="otsreport-pages-") as folder:
        work = Path(folder)
        (work / "brief.docx").write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(work / "brief.docx"),
        ]
        _run(command, timeout)
        pdf = work / "out" / "brief.pdf"
        if not pdf.is_file():
            raise Unmeasured("LibreOffice made no PDF of it")
        return pdf_measure(pdf.read_bytes())


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice in its own process group, killed whole on timeout (soffice starts a
    child, oosplash -> soffice.bin, that would otherwise outlive it)."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        raise Unmeasured(f"LibreOffice could not be started: {error}") from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise Unmeasured(f"LibreOffice took more than {timeout:g} s") from None


def pdf_measure(pdf: bytes) -> Measure:
    """A PDF's page count, and how far down its last page the body text reaches (the
    header and footer, the top and bottom tenth of the page, do not count)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = len(document)
        page = document[pages - 1]
        height = page.get_height()
        text = page.get_textpage()
        top, bottom = 0.1 * height, 0.9 * height  # from the top of the page
        lowest = top
        for index in range(text.count_chars()):
            _left, low, _right, _high = text.get_charbox(index)
            from_top = height - low
            if from_top < bottom:
                lowest = max(lowest, from_top)
        fill = (lowest - top) / (bottom - top)
    finally:
        document.close()
    return Measure(pages, round(fill, 3))


def fit(
    write: Callable[[int], bytes], steps: int, budget: int
) -> tuple[bytes, Measure | None, str | None]:
    """The DOCX ``write(step)`` makes, at the loosest step (0 is the reference's own layout,
    each next one tighter, up to ``steps``) LibreOffice lays out within ``budget``; else the
    tightest. With it, what it measured, and why it measured nothing (None when it did)."""
    data = write(0)
    try:
        found = measure(data)
    except Unmeasured as error:
        return data, None, str(error)
    if found is None:
        return data, None, NOT_FOUND
    for step in range(1, steps + 1):
        if found.within(budget):
            break
        tighter = write(step)
        try:
            tighter_found = measure(tighter)
        except Unmeasured as error:
            return data, None, str(error)
        if tighter_found is None:  # pragma: no cover - LibreOffice removed mid-build
            return data, None, NOT_FOUND
        data, found = tighter, tighter_found
    return data, found, None
