"""Regenerate templates/reference.docx, the default look of Word briefs.

python-docx's blank document, with the styles briefs use and the fonts of the PDF. Run from
the repository root:  .venv/bin/python scripts/make-reference-docx.py
An institution replaces it with its own (`build --reference-docx`, or a reference.docx in a
template folder); only its styles, page setup, headers' look and letterhead are used.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Pt

from otsreport.word.styles import ensure_styles

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"


def main() -> None:
    document = docx.Document()
    package_rels = document.part.package.rels
    for key, relationship in list(package_rels.items()):
        if relationship.reltype == RT.THUMBNAIL:
            del package_rels[key]
    ensure_styles(document)
    for name in ("Normal", "Quote", "List Bullet", "Footnote Text"):
        document.styles[name].font.name = "Noto Serif"
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        document.styles[name].font.name = "Noto Sans"
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as the PDF
    section.left_margin = section.right_margin = Cm(3.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    properties = document.core_properties
    properties.title, properties.author = "otsreport reference document", "otsreport"
    properties.created = properties.modified = datetime.datetime(2026, 1, 1)
    document.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
