"""Word documents (DOCX): python-docx reads the paragraphs with their styles.

Word already knows what a heading is: paragraphs in the Title style name the document, those
in Heading styles stay out of the numbered paragraphs, and the document properties give the
author, date and language.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from otsreport.authoring.document import Document, byline_author, clean
from otsreport.errors import Problem, UserError


def read_word(file: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(file))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UserError(Problem(f"not a readable Word document: {error}", file)) from None
    properties = document.core_properties
    title = properties.title or None
    author = properties.author or None
    paragraphs: list[str] = []
    for paragraph in document.paragraphs:
        text = clean(paragraph.text)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if not text:
            continue
        if style == "Title":
            title = title or text
        elif style.startswith("Heading") or style == "Subtitle":
            continue
        elif not paragraphs and byline_author(text):
            author = author or byline_author(text)
        else:
            paragraphs.append(text)
    return Document(
        paragraphs,
        title=title,
        author=author,
        language=(properties.language or "").split("-")[0].lower() or None,
    )
