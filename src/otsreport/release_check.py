"""The release check: does a built brief carry text its own marking does not allow?

It reads the brief as a recipient would, from outside: the text of an HTML file, or the
text of every page of a PDF and of every file attached to it, and the marking the brief
declares. Then it looks for every passage of the dossier that is marked above that banner.
It trusts nothing the build recorded, so it also catches a template or a tool that leaks.

Passages shorter than ``MIN_PASSAGE`` characters, and passages that also belong to a record
at or below the banner, are not evidence of a leak (a name like "Valdoria" is in both).
Long passages are matched by their beginning and their end, since a PDF's text can be
broken by a page foot or a footnote in between.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

from otsreport.errors import Problem, UserError
from otsreport.files import read_regular
from otsreport.models import COLLECTIONS, Dossier
from otsreport.release import ORDER, rank
from otsreport.typography import STRAIGHT_QUOTES

MIN_PASSAGE: Final = 16
WINDOW: Final = 48
_MARKING = re.compile(r"TLP:(?:CLEAR|GREEN|AMBER\+STRICT|AMBER|RED)")
_TEXT_FIELDS: Final = (
    "title",
    "summary",
    "note",
    "quote",
    "context",
    "subject",
    "reason",
    "wording",
    "gist",
    "name",
    "short_name",
    "description",
    "perspective",
    "text",
)


@dataclass(frozen=True)
class Leak:
    record: str
    marking: str
    where: str
    passage: str

    def __str__(self) -> str:
        shown = self.passage if len(self.passage) <= 80 else self.passage[:77] + "..."
        return f'{self.where}: {self.record} ({self.marking}): "{shown}"'


@dataclass(frozen=True)
class Report:
    banner: str
    leaks: list[Leak]


def check_release(brief: Path, dossier: Dossier) -> Report:
    """Every passage of ``dossier`` marked above the brief's banner that the brief holds."""
    parts, banner = _read(brief)
    restricted = _restricted_passages(dossier, banner)
    leaks: dict[tuple[str, str], Leak] = {}
    for where, text in parts:
        flat = _normalise(text)
        for record, marking, passage in restricted:
            if (record, passage) not in leaks and passage in flat:
                leaks[record, passage] = Leak(record, marking, where, passage)
    return Report(banner, list(leaks.values()))


def _read(brief: Path) -> tuple[list[tuple[str, str]], str]:
    raw = read_regular(brief, 512 * 1024 * 1024, "brief")
    if raw.startswith(b"%PDF"):
        return _read_pdf(brief)
    if raw.startswith(b"PK"):
        return _read_docx(raw, brief)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(Problem("not a PDF, Word or UTF-8 HTML brief", brief)) from None
    meta = re.search(r'<meta name="otsreport-marking" content="([^"]+)"', text)
    plain = _html_text(text)
    return [("HTML text", plain), ("HTML source", html.unescape(text))], _banner(
        meta.group(1) if meta else plain, brief
    )


def _read_pdf(brief: Path) -> tuple[list[tuple[str, str]], str]:
    from otsreport.extract import read_pages

    pages, attached = read_pages(brief)
    parts = [(f"page {n}", text) for n, text in enumerate(pages, 1)]
    parts.append(("the PDF's text", "\n".join(pages)))
    for name, contents in attached.items():
        for data in contents:
            parts.append((f"attachment {name}", _attachment_text(data)))
    return parts, _banner(pages[0] if pages else "", brief)


_STRAIGHT: Final = str.maketrans(STRAIGHT_QUOTES)
MAX_DOCX_PART: Final = 64 * 1024 * 1024


def _read_docx(raw: bytes, brief: Path) -> tuple[list[tuple[str, str]], str]:
    """Every XML part of a Word brief (body, headers, footers, footnotes, properties) as text:
    a leak in a footnote or a document property is a leak too."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = []
        for info in archive.infolist():
            if info.filename.endswith(".xml") and info.file_size <= MAX_DOCX_PART:
                xml = archive.read(info).decode("utf-8", errors="replace")
                text = html.unescape(re.sub(r"<[^>]+>", " ", xml))
                parts.append((info.filename, text))
    except (zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise UserError(Problem(f"not a readable Word brief: {error}", brief)) from None
    headers = " ".join(text for name, text in parts if "/header" in name)
    return parts, _banner(headers, brief)


def _attachment_text(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    try:
        return "\n".join(_strings(json.loads(text)))
    except ValueError:
        return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _banner(text: str, brief: Path) -> str:
    found = _MARKING.search(text)
    if found is None:
        raise UserError(Problem("the brief declares no TLP marking", brief))
    return found.group(0)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def _html_text(source: str) -> str:
    parser = _TextOnly()
    parser.feed(source)
    return " ".join(parser.chunks)


def _normalise(text: str) -> str:
    """What differs between a passage and its printed form: hyphenation at line ends, soft
    hyphens, spacing, typographic quotes and Unicode composition."""
    text = re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", unicodedata.normalize("NFC", text))
    text = text.replace("\u00ad", "")
    text = text.translate(_STRAIGHT)
    return " ".join(text.split())


def _restricted_passages(dossier: Dossier, banner: str) -> list[tuple[str, str, str]]:
    """(record, marking, passage) for the text marked above ``banner``, less what is shared
    with text at or below it: the fields of records at or below it and the passages their
    citations quote. A source's full text is not such a share: a brief that releases only
    part of what it draws from a source carries only the cited passages."""
    above: list[tuple[str, str, str]] = []
    below: set[str] = set()
    for record, marking, passage, kind in _passages(dossier):
        if rank(marking) > rank(banner):
            if kind != "quote":
                above.append((record, marking, passage))
        elif kind != "paragraph":
            below.add(passage)
    found = []
    for record, marking, passage in above:
        if len(passage) < MIN_PASSAGE:
            continue
        probes = [p for p in _windows(passage) if not any(p in text for text in below)]
        found += [(record, marking, probe) for probe in probes]
    return found


def _windows(passage: str) -> list[str]:
    """What to look for: a short passage whole; a long one by its beginning and its end, so
    that a page foot or a footnote in between does not hide it."""
    if len(passage) <= 2 * WINDOW:
        return [passage]
    return [passage[:WINDOW], passage[-WINDOW:]]


def _passages(dossier: Dossier) -> Iterator[tuple[str, str, str, str]]:
    """Every text of the dossier with the marking that governs it, and what it is."""
    info = dossier.info
    top = ORDER[-1]
    for text in _texts(info.summary):
        yield "summary", info.summary_marking or top, text, "field"
    for number, point in enumerate(info.key_points, 1):
        for text in _texts(point.text):
            yield f"key point {number}", point.marking or top, text, "field"
    for collection in COLLECTIONS:
        for record in getattr(dossier, collection):
            marking = record.marking or top
            for name in _TEXT_FIELDS:
                field_marking = record.field_markings.get(name, marking)
                for text in _texts(getattr(record, name, None)):
                    yield record.id, field_marking, text, "field"
            for text in getattr(record, "roles", []) + getattr(record, "aliases", []):
                for part in _texts(text):
                    yield record.id, record.field_markings.get("roles", marking), part, "field"
            for citation in getattr(record, "citations", []):
                yield record.id, marking, _normalise(citation.quote), "quote"
            for paragraph in getattr(record, "paragraphs", None) or []:
                yield record.id, marking, _normalise(paragraph), "paragraph"


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield _normalise(value)
    elif isinstance(value, dict):
        for text in value.values():
            yield _normalise(str(text))
