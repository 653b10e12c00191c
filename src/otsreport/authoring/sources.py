"""``add-source``: a document's text into ``sources/ID.txt`` and its entry into ``sources.yaml``.

The entry is appended as text, so the file's comments and layout stay as the analyst left
them; both files are written together or not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from otsreport.authoring.document import Document, slug
from otsreport.errors import Problem, UsageError, UserError
from otsreport.files import read_regular
from otsreport.limits import RenderTimeout, bounded
from otsreport.load import read_yaml
from otsreport.write import write_all

MAX_DOCUMENT_BYTES: Final = 64 * 1024 * 1024
READ_SECONDS: Final = 120.0
READ_MEMORY: Final = 2 * 1024**3
ID_WORDS: Final = 5
_ID: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Added:
    source_id: str
    text_file: Path
    document: Document


def read_document(file: Path) -> Document:
    """Read ``file`` by what it is (its first bytes), not by its name, under a time and
    memory bound: a document from the web is hostile input (a PDF that never ends, a zip
    bomb posing as a Word file)."""
    data = read_regular(file, MAX_DOCUMENT_BYTES, "document")
    try:
        with bounded(READ_SECONDS, READ_MEMORY):
            return _read(data, file)
    except (RenderTimeout, MemoryError):
        raise UserError(
            Problem(f"not readable: it takes over {READ_SECONDS:g} s or expands too far", file)
        ) from None
    except (UserError, UsageError):
        raise
    except Exception as error:  # a broken file can fail anywhere inside a parser
        raise UserError(Problem(f"not readable: {type(error).__name__}: {error}", file)) from None


def _read(data: bytes, file: Path) -> Document:
    if data.startswith(b"%PDF"):
        from otsreport.authoring.pdf import read_pdf

        return read_pdf(file)
    if data.startswith(b"PK"):
        from otsreport.authoring.word import read_word

        return read_word(file)
    text = _decode(data, file)
    head = text[:4096].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head:
        from otsreport.authoring.web import read_web_page

        return read_web_page(text)
    from otsreport.authoring.plain import read_plain

    return read_plain(text)


def _decode(data: bytes, file: Path) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(Problem("not a PDF, Word document, web page or UTF-8 text", file))


def add_source(file: Path, dossier: Path, source_id: str | None = None) -> Added:
    """Import ``file`` into the dossier folder ``dossier`` as a new source."""
    sources_file = dossier / "sources.yaml"
    if not sources_file.is_file():
        raise UsageError(
            f"{dossier} is not a dossier folder (no sources.yaml); "
            "start one with `otsreport new-dossier`"
        )
    document = read_document(file)
    if not document.paragraphs:
        raise UserError(
            Problem("found no article text in it (empty, or only navigation and notices)", file)
        )
    listing = read_yaml(sources_file)  # a user's file: bounded, safe scalars, located errors
    existing = _existing_ids(listing.value)
    chosen = source_id or _unused(slug(document.title or file.stem, ID_WORDS) or "source", existing)
    if not _ID.match(chosen):
        raise UsageError(f"--id '{chosen}' is not a valid id: lower-case words joined by '-'")
    if chosen in existing:
        raise UsageError(f"the dossier already has a source '{chosen}'; choose another --id")
    text_file = dossier / "sources" / f"{chosen}.txt"
    if text_file.exists():
        raise UsageError(f"{text_file} already exists; choose another --id")
    text_file.parent.mkdir(exist_ok=True)
    entry = _entry(chosen, document, text_file.relative_to(dossier))
    write_all(
        [
            (text_file, ("\n\n".join(document.paragraphs) + "\n").encode()),
            (sources_file, _appended(listing.text, entry).encode()),
        ]
    )
    return Added(chosen, text_file, document)


def _existing_ids(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(item.get("id")) for item in value if isinstance(item, dict)}


def _entry(source_id: str, document: Document, text: Path) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": source_id, "title": document.title or source_id}
    optional = {
        "author": document.author,
        "publisher": document.publisher,
        "published": document.published,
        "url": document.url,
    }
    entry.update({key: value for key, value in optional.items() if value})
    entry["language"] = document.language or "en"
    entry["text"] = text.as_posix()
    return entry


def _appended(current: str, entry: dict[str, Any]) -> str:
    """``sources.yaml`` with ``entry`` at the end; an empty ``[]`` list is replaced."""
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=96)
    lines = current.rstrip("\n").split("\n") if current.strip() else []
    for index, line in enumerate(lines):
        if line.strip() == "[]":
            del lines[index]
            break
    head = "\n".join(lines)
    return (head + "\n" if head else "") + block


def _unused(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
