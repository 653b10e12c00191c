"""Reading back the data an archival brief carries (see ``build._embedded_data``)."""

from __future__ import annotations

from pathlib import Path

from otsreport.errors import Problem, UserError


def extract_attachment(pdf: Path, name: str) -> bytes:
    """The bytes of the file ``name`` embedded in ``pdf``, or a clear error."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(pdf).attachments
    except (PyPdfError, OSError, ValueError) as error:
        raise UserError(Problem(f"not a readable PDF: {error}", pdf)) from None
    if name not in attachments:
        found = ", ".join(sorted(attachments)) or "none"
        raise UserError(
            Problem(
                f"carries no '{name}' (embedded files: {found}); build it with "
                "`--pdf-variant archive`",
                pdf,
            )
        )
    return attachments[name][0]
