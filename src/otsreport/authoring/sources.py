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
from otsreport.authoring.rewrite import checked, rendered
from otsreport.authoring.scaffold import REPLACE
from otsreport.errors import Problem, UsageError, UserError
from otsreport.files import read_regular
from otsreport.limits import in_child
from otsreport.load import read_yaml
from otsreport.load.yamlfile import YamlDocument
from otsreport.write import write_all

MAX_DOCUMENT_BYTES: Final = 64 * 1024 * 1024
READ_SECONDS: Final = 120.0
READ_MEMORY: Final = 2 * 1024**3
ID_WORDS: Final = 5
MAX_ID: Final = 80  # a record id's length limit in the dossier
_ID: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Added:
    source_id: str
    text_file: Path
    document: Document


def read_document(file: Path) -> Document:
    """Read ``file`` by what it is (its first bytes), not by its name, in a process of its own
    under a time and memory bound: a document from the web is hostile input (a PDF that
    never ends, a stream that inflates to gigabytes, a zip bomb posing as a Word file)."""
    data = read_regular(file, MAX_DOCUMENT_BYTES, "document")
    advice = (
        "it may be damaged, or built to expand without end (a decompression bomb?). "
        "Save it again from its program, or import its text as a .txt file"
    )
    try:
        document = in_child(
            READ_SECONDS, READ_MEMORY, f"{file}: reading it", advice, _read, data, file
        )
    except (UserError, UsageError):
        raise
    except MemoryError:
        raise UserError(
            Problem(f"not readable: it expands past its memory allowance; {advice}", file)
        ) from None
    except Exception as error:  # a broken file can fail anywhere inside a parser
        raise UserError(Problem(f"not readable: {type(error).__name__}: {error}", file)) from None
    assert isinstance(document, Document)
    return document


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
    base = _fitted(slug(document.title or file.stem, ID_WORDS)) or "source"
    chosen = source_id or _unused(base, existing)
    if not _ID.match(chosen) or len(chosen) > MAX_ID:
        raise UsageError(
            f"--id '{chosen}' is not a valid id: lower-case words joined by '-', "
            f"at most {MAX_ID} characters"
        )
    if chosen in existing:
        raise UsageError(f"the dossier already has a source '{chosen}'; choose another --id")
    text_file = dossier / "sources" / f"{chosen}.txt"
    if text_file.exists():
        raise UsageError(f"{text_file} already exists; choose another --id")
    entry = _entry(chosen, document, text_file.relative_to(dossier))
    listed = _appended(listing, entry)
    text_file.parent.mkdir(exist_ok=True)
    write_all(
        [
            (text_file, ("\n\n".join(document.paragraphs) + "\n").encode()),
            (sources_file, listed),
        ],
        keep=True,
    )
    return Added(chosen, text_file, document)


def _existing_ids(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(item.get("id")) for item in value if isinstance(item, dict)}


def _entry(source_id: str, document: Document, text: Path) -> dict[str, Any]:
    """The new entry, with only the facts found that the dossier will accept: a page's
    address that is not http(s), a date or language in another form, is left out rather
    than written into a file that would then not load."""
    from pydantic import ValidationError

    from otsreport.models.dossier import Source

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
    try:
        Source.model_validate(entry)
    except ValidationError as error:
        for problem in error.errors():
            field = str(problem["loc"][0]) if problem["loc"] else ""
            if field in optional:
                entry.pop(field, None)
            elif field == "language":
                entry["language"] = "en"
    return entry


def _appended(listing: YamlDocument, entry: dict[str, Any]) -> bytes:
    """``sources.yaml`` with ``entry`` at the end of its list, written in the list's own
    style (a flow list ``[...]`` gains a flow item); checked by reading it back."""
    block = rendered(entry, flow=False)
    by_hand = f"Add this entry to its list yourself:\n{block}"
    if not isinstance(listing.value, list):
        raise UserError(Problem(f"does not hold a list of sources. {by_hand}", listing.file))
    text, root = listing.text.removeprefix("\ufeff"), listing.node_at(())
    if isinstance(root, yaml.SequenceNode) and root.flow_style:
        start, end = root.start_mark, root.end_mark.index - 1  # at '[' and at ']'
        if not root.value and start.column == 0 and text[start.index : end + 1] == "[]":
            # new-dossier's empty list: the entry as a block, a comment after [] kept above it
            comment = text[end + 1 :].split("\n", 1)[0].strip()
            lead = comment + "\n" if comment else ""
            rest = text[end + 1 :].split("\n", 1)[1] if "\n" in text[end + 1 :] else ""
            text = (text[: start.index] + lead + block + rest).replace(REPLACE, "", 1)
        else:  # after the last item (a trailing comma or a comment may follow it)
            at = root.value[-1].end_mark.index if root.value else end
            flow = rendered(entry, flow=True).strip()
            text = text[:at] + (", " if root.value else "") + flow + text[at:]
    elif isinstance(root, yaml.SequenceNode):
        indent = " " * root.start_mark.column
        text = text.rstrip("\n") + "\n" + "".join(indent + line for line in block.splitlines(True))
    return checked(listing.file, text, [*listing.value, entry], by_hand)


def _fitted(base: str) -> str:
    """An id made from a title, cut at a word so that it and a '-NN' suffix fit the limit."""
    room = MAX_ID - 4
    return base if len(base) <= room else base[:room].rsplit("-", 1)[0] or base[:room]


def _unused(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
