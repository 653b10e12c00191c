"""Reading back the data an archival brief carries (see ``archive.py``).

The PDF may be anyone's, so it is read as hostile input: a regular file of bounded size,
parsed under a time limit and a memory cap (a decompression bomb fails with MemoryError),
and any failure of the parser is reported as an unreadable PDF, never as a bug.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

from otsreport.errors import Problem, UserError
from otsreport.files import read_regular
from otsreport.limits import RenderTimeout, bounded

# The files an archival PDF carries (``archive.py``): the dossier as cut, and how it was built.
DATA_ATTACHMENT: Final = "dossier.json"
BUILD_ATTACHMENT: Final = "build.json"
MAX_PDF_BYTES: Final = 512 * 1024 * 1024
MAX_ATTACHMENT_BYTES: Final = 64 * 1024 * 1024
PARSE_SECONDS: Final = 60.0
PARSE_MEMORY: Final = 1024**3


def extract_attachment(pdf: Path, name: str) -> bytes:
    """The bytes of the file ``name`` embedded in ``pdf``, or a clear error."""
    attachments = read_attachments(pdf)
    if name not in attachments:
        found = ", ".join(sorted(attachments)) or "none"
        raise UserError(
            Problem(
                f"carries no '{name}' (embedded files: {found}); build it with "
                "`--pdf-variant archive`",
                pdf,
            )
        )
    data = attachments[name][0]
    if name.endswith(".json"):
        try:
            json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise UserError(
                Problem(f"embedded '{name}' is damaged: not the JSON otsreport writes", pdf)
            ) from None
    return data


def read_attachments(pdf: Path) -> dict[str, list[bytes]]:
    """Every embedded file of ``pdf`` by name, each no larger than the limit."""
    return _parse(pdf, pages=False)[1]


def read_pages(pdf: Path) -> tuple[list[str], dict[str, list[bytes]]]:
    """The text of each page and the embedded files, read in one pass under the same guards."""
    return _parse(pdf, pages=True)


def _parse(pdf: Path, *, pages: bool) -> tuple[list[str], dict[str, list[bytes]]]:
    from io import BytesIO

    from pypdf import PdfReader

    data = read_regular(pdf, MAX_PDF_BYTES, "PDF")
    try:
        with bounded(PARSE_SECONDS, PARSE_MEMORY):
            reader = PdfReader(BytesIO(data))
            if reader.is_encrypted:
                raise UserError(Problem("the PDF is encrypted; otsreport writes none", pdf))
            text = [page.extract_text() or "" for page in reader.pages] if pages else []
            attachments = {name: list(files) for name, files in reader.attachments.items()}
    except UserError:
        raise
    except (RenderTimeout, MemoryError):
        raise UserError(
            Problem(
                f"not a readable PDF: it takes over {PARSE_SECONDS:g} s or expands too far", pdf
            )
        ) from None
    except Exception as error:  # a hostile or broken PDF can fail anywhere in the parser
        raise UserError(
            Problem(f"not a readable PDF: {type(error).__name__}: {error}", pdf)
        ) from None
    for name, files in attachments.items():
        if any(len(contents) > MAX_ATTACHMENT_BYTES for contents in files):
            raise UserError(
                Problem(f"embedded file '{name}' is over {MAX_ATTACHMENT_BYTES:,} bytes", pdf)
            )
    return text, attachments
