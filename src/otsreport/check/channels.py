"""Every channel of a built brief, read back as a recipient's tools would read it.

A brief can carry text in far more places than its pages: a PDF's Info and XMP metadata, its
bookmarks, the alternate and actual text of its structure tree, link URIs, annotations and
embedded files (read again, recursively); an HTML file's attributes, comments and metadata;
a Word file's every part (body, headers, footers, notes, comments, properties, relationship
targets) and the names of its media. Each reader returns the texts by channel, what the brief
declares of itself (its marking, the dossier it was built from) and where its printed marking
must stand. Every file is hostile input: sizes and XML parsing are bounded.

Which reader reads a file is the format registry's to say (``formats.reading``): each
format's entry points to its reader here (``read_html``, ``read_pdf``, ``read_docx``,
``read_json``) or brings its own, and ``read_brief`` dispatches through it.
"""

from __future__ import annotations

import base64
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, Final
from urllib.parse import unquote

from otsreport.check.reading import DECLARED, Reading
from otsreport.errors import Problem, UserError

MAX_PART: Final = 64 * 1024 * 1024
MAX_UNPACKED: Final = 512 * 1024 * 1024
MAX_DEPTH: Final = 3  # embedded files inside embedded files
MIN_ATTRIBUTE: Final = 4  # shorter attribute values (sizes, flags, ids) hold no passage
HTML_MARKING: Final = "the HTML's marking element"
# Streams that hold pictures or fonts: binary, never text a reader sees as text.
_BINARY_STREAMS: Final = {"/Image", "/FontFile", "/FontFile2", "/FontFile3", "/XRef"}
_PICTURES_AND_FONTS: Final = (".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif", ".tiff")
_PICTURES_AND_FONTS_ALL: Final = (*_PICTURES_AND_FONTS, ".odttf", ".ttf", ".otf", ".bmp", ".svg")
_HEADER_OR_FOOTER: Final = re.compile(r"^word/(?:header|footer)\d*\.xml$")
# The Word parts a reader reads as text; the rest (styles, numbering, settings, themes,
# relationships) are the format's own words, where only whole passages are sought.
_PROSE_PART: Final = re.compile(
    r"^(?:word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|docProps/.*)$"
)
# HTML attributes a reader is shown or read aloud; the rest are the page's machinery.
_READ_ATTRIBUTES: Final = frozenset(
    {"alt", "title", "aria-label", "aria-description", "content", "placeholder", "summary"}
    | {"label", "value", "href", "src", "srcdoc", "data", "download", "cite"}
)
JSON_BOUNDARY: Final = "\n|\n"
_PDF_KEYS: Final = {"/" + name.replace("-", ""): name for name in DECLARED}


def read_brief(data: bytes, depth: int = 0) -> Reading:
    """The channels of a brief of any registered format, read by the format that wrote it:
    the first whose ``sniff`` (or, for a text format, ``recognises``) knows the bytes, the
    later-registered first (a plug-in's JSON before plain JSON, a text format's declared
    head before a page that merely mentions ``<html``). Bytes no format knows are read as
    plain text."""
    from otsreport import formats

    fmt = formats.reading(data)
    if fmt is not None:
        return formats.read_back(fmt, data, depth)
    reading = Reading("text")
    reading.add("text", as_text(data))
    return reading


def _registered(text: str) -> Reading | None:
    """The reading of the registered format that recognises ``text``, if one does."""
    from otsreport import formats

    for fmt in formats.registered():
        if fmt.read is not None and fmt.recognises(text):
            return fmt.read(text)
    return None


def as_text(data: bytes) -> str:
    """Bytes as text, whichever Unicode encoding they are in (a byte-order mark says)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


# -- HTML -------------------------------------------------------------------------------------


def read_html(text: str) -> Reading:
    import lxml.html
    from lxml import etree

    reading = Reading("html")
    # The source as written, entities undone: what lies outside the document element
    # (text after </html>, comments before it), scripts and styles are in it too.
    reading.add("HTML source", html.unescape(text), prose=False)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return reading
    code = root.xpath("//style|//script")
    reading.add("HTML style and script", "\n".join(e.text or "" for e in code), prose=False)
    for element in code:  # the page's text without them
        element.text = ""
    reading.add("HTML text", "".join(root.itertext()))
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            reading.add("HTML comment", element.text or "")
            continue
        for name, value in element.attrib.items():
            prose = name in _READ_ATTRIBUTES
            reading.add(f"HTML attribute {name}", _decoded(value), prose=prose)
        if element.tag == "meta" and element.get("name") in DECLARED:
            reading.declared[str(element.get("name"))] = element.get("content", "")
        if "marking" in (element.get("class") or "").split():
            reading.printed.append((HTML_MARKING, element.text_content()))
    return reading


def _decoded(value: str) -> str:
    """An attribute as its text: percent-escapes (and '+' for a space) undone, and a data:
    URI decoded, whatever media type it claims."""
    if "%" not in value and "+" not in value and not value.startswith("data:"):
        return value
    if value.startswith("data:") and "," in value:
        head, _, body = value.partition(",")
        if ";base64" in head:
            try:
                return as_text(base64.b64decode(body, validate=False))
            except ValueError:
                return value
        return unquote(body)
    unquoted = unquote(value)
    return unquoted + "\n" + unquoted.replace("+", " ") if "+" in unquoted else unquoted


# -- JSON -------------------------------------------------------------------------------------


def read_json(value: Any) -> Reading:
    """Every string of a JSON file (an archive's dossier, an edition record); a file that
    declares itself (its marking and dossier as top-level keys) prints its marking there."""
    reading = Reading("json")
    if isinstance(value, dict) and isinstance(value.get(DECLARED[0]), str):
        reading.declared = {k: value[k] for k in DECLARED if isinstance(value.get(k), str)}
        reading.printed.append(("the JSON's marking", value[DECLARED[0]]))
    # keys and codes beside the values, each string apart
    reading.add("JSON", joined(strings(value, keys=True)), prose=False)
    return reading


def joined(texts: Iterable[str]) -> str:
    """A JSON file's strings as one text, a mark no passage holds between them: a passage
    is sought within a string, never read across two ('...of its own.' then the key 'id'
    would read '...of its own. id' and match a passage going on '...of its own. I...')."""
    return JSON_BOUNDARY.join(texts)


def strings(value: Any, *, keys: bool = False) -> Iterator[str]:
    """Every string of a parsed JSON or YAML value, and, with ``keys``, its keys."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield str(key)
            yield from strings(item, keys=keys)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, keys=keys)


# -- PDF --------------------------------------------------------------------------------------


def read_pdf(data: bytes, depth: int) -> Reading:
    import pikepdf
    import pypdfium2 as pdfium

    reading = Reading("pdf")
    # Every byte as Latin-1 too: what an earlier revision of the file (an incremental
    # update) still holds, and strings written plainly anywhere.
    reading.add("PDF bytes", data.decode("latin-1"), prose=False)
    document = pdfium.PdfDocument(data)
    try:
        for number in range(len(document)):
            page = document[number]
            text = page.get_textpage().get_text_range()
            reading.add(f"page {number + 1}", text)
            reading.printed.append((f"page {number + 1}", text))
    finally:
        document.close()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info")
        if isinstance(info, pikepdf.Dictionary):
            for key, name in _PDF_KEYS.items():
                if key in info:
                    reading.declared[name] = str(info[key])
        seen: set[tuple[int, int]] = set()
        _walk_pdf(pdf.trailer, "trailer", reading, seen, depth)
        for obj in pdf.objects:
            _walk_pdf(obj, "object", reading, seen, depth)
        for name, spec in pdf.attachments.items():  # typed /EmbeddedFile or not
            if depth < MAX_DEPTH:
                contents = _bounded_bytes(spec.get_file().obj)
                reading.merge(read_brief(contents, depth + 1), f"PDF attachment {name}")
    return reading


def _walk_pdf(
    obj: Any, where: str, reading: Reading, seen: set[tuple[int, int]], depth: int
) -> None:
    import pikepdf

    if getattr(obj, "is_indirect", False):
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.String):
        reading.add(f"PDF {where}", _decoded(str(obj)))
    elif isinstance(obj, pikepdf.Name):
        reading.add(f"PDF name {where}", _decoded(str(obj)[1:].replace("#", "%")), prose=False)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if not getattr(item, "is_indirect", False):
                _walk_pdf(item, where, reading, seen, depth)
    elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        kind = next((str(obj[k]) for k in ("/Type", "/S", "/Subtype") if k in obj), "")
        for key in obj.keys():  # noqa: SIM118 - a pikepdf object, not a dict
            value = obj[key]
            if not getattr(value, "is_indirect", False):
                _walk_pdf(value, f"{key} of {kind or 'a dictionary'}", reading, seen, depth)
        if isinstance(obj, pikepdf.Stream):
            _read_stream(obj, kind, reading, depth)


def _read_stream(stream: Any, kind: str, reading: Reading, depth: int) -> None:
    """XMP metadata as XML; every other stream but pictures and fonts as text (appearance
    streams, scripts, private data: text drawn or stored outside the page's content)."""
    if kind in _BINARY_STREAMS or kind == "/EmbeddedFile" or "/FontFile" in kind:
        return  # embedded files are read as attachments, whole
    data = _bounded_bytes(stream)
    if kind == "/Metadata":
        reading.add("PDF XMP metadata", _xml_text(data) + "\n" + as_text(data))
    else:
        reading.add(f"PDF stream {kind or '(untyped)'}", data.decode("latin-1"), prose=False)


def _bounded_bytes(stream: Any) -> bytes:
    length = int(stream.get("/Length", 0))
    if length > MAX_PART:
        raise UserError(Problem(f"a stream of {length:,} bytes is over the limit"))
    data: bytes = stream.read_bytes()
    if len(data) > MAX_PART:
        raise UserError(Problem(f"a stream expands past {MAX_PART:,} bytes"))
    return data


# -- DOCX -------------------------------------------------------------------------------------


def read_docx(data: bytes, depth: int) -> Reading:
    reading = Reading("docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > MAX_UNPACKED:
            raise UserError(Problem(f"the package unpacks past {MAX_UNPACKED:,} bytes"))
        names = "\n".join(info.filename for info in infos)
        reading.add("Word package part names", names, prose=False)
        reading.add("Word package comment", as_text(archive.comment))
        for info in infos:
            if info.file_size > MAX_PART:
                raise UserError(Problem(f"part {info.filename} is over {MAX_PART:,} bytes"))
            _read_part(info.filename, archive.read(info), reading, depth)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise UserError(Problem(f"not a readable Word file: {error}")) from None
    return reading


def _read_part(name: str, data: bytes, reading: Reading, depth: int) -> None:
    """Every part, whatever its name says: XML as its text, attributes and comments (and as
    written); a PDF, Word file or text inside read again; pictures and fonts by name only."""
    if data.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith((b"<", b"<\x00")):
        try:
            text = _xml_text(as_text(data).encode())
        except UserError as error:
            raise UserError(Problem(f"part {name}: {error.problems[0].message}")) from None
        reading.add(f"Word part {name}", text, prose=_PROSE_PART.match(name) is not None)
        if _HEADER_OR_FOOTER.match(name):
            reading.printed.append((name, text))
        if name == "docProps/custom.xml":
            reading.declared.update(_custom_properties(data))
    elif data.startswith((b"%PDF", b"PK")) and depth < MAX_DEPTH:
        reading.merge(read_brief(data, depth + 1), f"Word embedded {name}")
    elif not name.lower().endswith(_PICTURES_AND_FONTS_ALL):
        reading.add(f"Word part {name}", as_text(data))


def _parse_xml(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UserError(Problem(f"a part of the brief is not well-formed XML: {error}")) from None


def _xml_text(data: bytes) -> str:
    """An XML part's text (runs joined as a reader sees them), its attribute values, and its
    comments and processing instructions."""
    from lxml import etree

    root = _parse_xml(data)
    lines = ["".join(p.itertext()) for p in root.iter("{*}p")]  # a paragraph's runs, joined
    if not lines:  # no paragraphs (properties, relationships): its text as it stands
        lines.append("".join(root.itertext()))
    lines += [
        _decoded(value)
        for element in root.iter()
        for value in element.attrib.values()
        if len(value) >= MIN_ATTRIBUTE
    ]
    others = [*root.itersiblings(preceding=True), *root.itersiblings(), *root.iter()]
    lines += [
        node.text or ""
        for node in others
        if isinstance(node, etree._Comment | etree._ProcessingInstruction)
    ]
    return "\n".join(lines)


def _custom_properties(data: bytes) -> dict[str, str]:
    root = _parse_xml(data)
    found = {}
    for prop in root.iter("{*}property"):
        name = prop.get("name", "")
        if name in DECLARED:
            found[name] = "".join(prop.itertext())
    return found
