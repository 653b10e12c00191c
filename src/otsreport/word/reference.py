"""A user's reference document, rebuilt as a clean package before python-docx opens it.

A reference DOCX is hostile input that travels into every brief made from it. It should
lend its styles, numbering, page setup and letterhead (headers and footers, with their
pictures) and nothing else: not its body, its comments, notes, properties, document
variables, macros, embedded objects, custom XML or links to other files or servers, none of
which a reader of the brief would expect to find in it. So the package is not edited but
rebuilt: the parts that carry those four things are read (with a parser that loads no DTD,
resolves no entity and reads no network), cleaned, and written into a new package; anything
else is left behind. Bad XML in a part is a data error naming the file and the part.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from otsreport.errors import Problem, UserError
from otsreport.files import read_regular

MAX_REFERENCE_BYTES: Final = 32 * 1024 * 1024
MAX_UNPACKED_BYTES: Final = 256 * 1024 * 1024  # a zip bomb stops here
MAX_PARTS: Final = 10_000

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_RT: Final = R + "/"
_CT: Final = "application/vnd.openxmlformats-officedocument."
MAIN: Final = "word/document.xml"
MAIN_TYPE: Final = _CT + "wordprocessingml.document.main+xml"
IMAGE: Final = _RT + "image"

# What the main document may keep a relationship to, with the content type it is written as.
KEPT: Final[dict[str, str]] = {
    _RT + "styles": _CT + "wordprocessingml.styles+xml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects": (
        "application/vnd.ms-word.stylesWithEffects+xml"
    ),
    _RT + "numbering": _CT + "wordprocessingml.numbering+xml",
    _RT + "settings": _CT + "wordprocessingml.settings+xml",
    _RT + "fontTable": _CT + "wordprocessingml.fontTable+xml",
    _RT + "theme": _CT + "theme+xml",
    _RT + "header": _CT + "wordprocessingml.header+xml",
    _RT + "footer": _CT + "wordprocessingml.footer+xml",
}
LETTERHEAD: Final = (_RT + "header", _RT + "footer")

# Settings that carry content or behaviour rather than look: document variables, a linked
# template, mail-merge data sources, editing restrictions, notes of the reference itself.
DROPPED_SETTINGS: Final = (
    "docVars",
    "attachedTemplate",
    "mailMerge",
    "documentProtection",
    "writeProtection",
    "saveThroughXslt",
    "footnotePr/w:footnote",
    "endnotePr/w:endnote",
)
# In a header or footer: marks of the reference's comments and notes (whose parts are not
# kept), and bindings to its custom XML.
DROPPED_MARKS: Final = (
    "commentRangeStart",
    "commentRangeEnd",
    "dataBinding",
    "r[w:commentReference]",
    "r[w:footnoteReference]",
    "r[w:endnoteReference]",
)
# Fields a letterhead may hold; any other (INCLUDETEXT, INCLUDEPICTURE, LINK, DDE...) could
# fetch a file or a URL when Word updates fields, which the brief asks it to do on opening.
SAFE_FIELDS: Final = frozenset(
    {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "STYLEREF", "TITLE"}
)


def clean_reference(file: Path) -> bytes:
    """The reference package rebuilt with only its styles, numbering, page setup and
    letterhead; a user error naming ``file`` (and the part) when it cannot be read."""
    data = read_regular(file, MAX_REFERENCE_BYTES, "reference document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Rebuild(file, archive).package()
    except zipfile.BadZipFile as error:
        raise UserError(
            Problem(f"not a Word document (.docx): it is not a zip file ({error})", file)
        ) from None


class _Rebuild:
    """Reads the parts worth keeping from one archive and writes them into a new one."""

    def __init__(self, file: Path, archive: zipfile.ZipFile) -> None:
        self.file = file
        self.archive = archive
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise self.error(f"has {len(infos):,} parts; the limit is {MAX_PARTS:,}")
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise self.error(f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
        self.names = {info.filename for info in infos}
        if MAIN not in self.names:
            raise self.error(f"not a Word document (.docx): no {MAIN}")
        self.parts: dict[str, bytes] = {}
        self.types: dict[str, str] = {MAIN: MAIN_TYPE}

    def error(self, message: str, part: str | None = None) -> UserError:
        where = f"part {part}: " if part else ""
        return UserError(Problem(f"{where}{message}", self.file))

    def package(self) -> bytes:
        document = self.xml(MAIN)
        relationships = self.relationships(MAIN)
        section = _body_section(document)
        wanted = set(_referenced_ids(section)) if section is not None else set()
        kept: dict[str, tuple[str, str]] = {}
        for rid, (kind, target) in relationships.items():
            if kind in KEPT and (kind not in LETTERHEAD or rid in wanted):
                kept[rid] = (kind, target)
        if not any(kind == _RT + "styles" for kind, _ in kept.values()):
            raise self.error("not a Word document (.docx): it has no styles part")
        for kind, target in kept.values():
            self.keep_part(kind, target)
        _keep_only_page_setup(document, section)
        _prune_references(document, set(kept))
        self.parts[MAIN] = _serialise(document)
        self.parts["word/_rels/document.xml.rels"] = _relationships_xml(
            (rid, kind, posixpath.relpath(target, "word")) for rid, (kind, target) in kept.items()
        )
        return self.write()

    def keep_part(self, kind: str, name: str) -> None:
        """One part the main document keeps, cleaned; a letterhead part keeps its pictures."""
        root = self.xml(name)
        images: dict[str, tuple[str, str]] = {}
        if kind in LETTERHEAD:
            _drop(root, DROPPED_MARKS)
            _drop_unsafe_fields(root)
            for rid, (rel_kind, target) in self.relationships(name).items():
                if rel_kind == IMAGE and self.keep_image(target):
                    images[rid] = (rel_kind, target)
        elif kind == _RT + "settings":
            _drop(root, DROPPED_SETTINGS)
        _prune_references(root, set(images))
        self.parts[name] = _serialise(root)
        self.types[name] = KEPT[kind]
        if images:
            folder, base = posixpath.split(name)
            self.parts[posixpath.join(folder, "_rels", base + ".rels")] = _relationships_xml(
                (rid, rel_kind, posixpath.relpath(target, folder))
                for rid, (rel_kind, target) in images.items()
            )

    def keep_image(self, name: str) -> bool:
        kind = self.content_types().get(name, "")
        if not kind.startswith("image/"):
            return False
        self.parts[name] = self.archive.read(name)
        self.types[name] = kind
        return True

    def content_types(self) -> dict[str, str]:
        """Each part's content type, from the package's [Content_Types].xml."""
        if not hasattr(self, "_types"):
            root = self.xml("[Content_Types].xml")
            defaults = {
                e.get("Extension", "").lower(): e.get("ContentType", "")
                for e in root.iter(f"{{{TYPES}}}Default")
            }
            found = {
                name: defaults.get(posixpath.splitext(name)[1][1:].lower(), "")
                for name in self.names
            }
            for override in root.iter(f"{{{TYPES}}}Override"):
                found[override.get("PartName", "").lstrip("/")] = override.get("ContentType", "")
            self._types = found
        return self._types

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """The internal relationships of ``source`` to parts the archive holds: id ->
        (type, part name). External ones (a template, a server) are never followed."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        found: dict[str, tuple[str, str]] = {}
        for element in self.xml(rels).iter(f"{{{PACKAGE_RELS}}}Relationship"):
            target = element.get("Target", "")
            if element.get("TargetMode", "Internal") != "Internal" or "://" in target:
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            name = posixpath.normpath(name)
            if name in self.names and name != source and not name.startswith("../"):
                found[element.get("Id", "")] = (element.get("Type", ""), name)
        return found

    def xml(self, name: str) -> Any:
        """Part ``name`` parsed without DTDs, entities or network; errors name the part."""
        from lxml import etree

        if name not in self.names:
            raise self.error("missing", name)
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
        )
        try:
            tree = etree.parse(io.BytesIO(self.archive.read(name)), parser)
        except etree.XMLSyntaxError as error:
            raise self.error(
                f"not well-formed XML ({error}); save the document again from Word, "
                "or use another reference document",
                name,
            ) from None
        if tree.docinfo.doctype:
            raise self.error(
                "declares a DTD (a Word document never does; entities could expand without "
                "end); save the document again from Word, or use another reference document",
                name,
            )
        return tree.getroot()

    def write(self) -> bytes:
        overrides = "".join(
            f'<Override PartName="/{name}" ContentType="{kind}"/>'
            for name, kind in sorted(self.types.items())
        )
        self.parts["[Content_Types].xml"] = _declaration(
            f'<Types xmlns="{TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        )
        self.parts["_rels/.rels"] = _relationships_xml([("rId1", _RT + "officeDocument", MAIN)])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in ["[Content_Types].xml", "_rels/.rels", *sorted(self.parts)]:
                if name in self.parts:
                    target.writestr(name, self.parts.pop(name))
        return out.getvalue()


def _body_section(document: Any) -> Any:
    """The body's own section properties (page size, margins, header and footer links)."""
    body = document.find(f"{{{W}}}body")
    if body is None or not len(body) or body[-1].tag != f"{{{W}}}sectPr":
        return None
    return body[-1]


def _keep_only_page_setup(document: Any, section: Any) -> None:
    """The document with an empty body but for its page setup; nothing else at its root."""
    for child in list(document):
        if child.tag != f"{{{W}}}body":
            document.remove(child)
    body = document.find(f"{{{W}}}body")
    if body is None:
        from lxml import etree

        body = etree.SubElement(document, f"{{{W}}}body")
    for child in list(body):
        if child is not section:
            body.remove(child)


def _referenced_ids(element: Any) -> Iterable[str]:
    for node in element.iter():
        for attribute, value in node.attrib.items():
            if attribute.startswith(f"{{{R}}}"):
                yield value


def _prune_references(root: Any, kept: set[str]) -> None:
    """Whatever points at a relationship that was not kept goes: a hyperlink keeps its text,
    anything else goes with the run that holds it (a picture, an embedded object)."""
    doomed = [
        node
        for node in root.iter()
        if any(a.startswith(f"{{{R}}}") and v not in kept for a, v in node.attrib.items())
    ]
    for node in doomed:
        if node.tag == f"{{{W}}}hyperlink":
            _unwrap(node)
            continue
        run = next((a for a in node.iterancestors(f"{{{W}}}r")), None)
        victim = run if run is not None else node
        parent = victim.getparent()
        if parent is not None:
            parent.remove(victim)


def _unwrap(node: Any) -> None:
    parent = node.getparent()
    if parent is None:
        return
    index = parent.index(node)
    for offset, child in enumerate(list(node)):
        parent.insert(index + offset, child)
    parent.remove(node)


def _drop(root: Any, paths: Iterable[str]) -> None:
    for path in paths:
        for node in root.findall(f".//w:{path}", namespaces={"w": W}):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)


def _drop_unsafe_fields(root: Any) -> None:
    """Fields other than page numbers, dates and the like lose their code and keep the text
    they show: a simple field is unwrapped; a complex field's runs from its start to its
    separator, and its end, are removed."""
    for field in list(root.iter(f"{{{W}}}fldSimple")):
        if not _safe(field.get(f"{{{W}}}instr", "")):
            _unwrap(field)
    open_fields: list[tuple[list[Any], list[str]]] = []  # (code runs, instruction), nested
    doomed: list[Any] = []
    for run in list(root.iter(f"{{{W}}}r")):
        kinds = [c.get(f"{{{W}}}fldCharType") for c in run.iter(f"{{{W}}}fldChar")]
        if "begin" in kinds:
            open_fields.append(([], []))
        if not open_fields:
            continue
        code, instruction = open_fields[-1]
        if not code or code[-1] is not None:  # still in the field's code
            code.append(run)
        instruction += [t.text or "" for t in run.iter(f"{{{W}}}instrText")]
        if "separate" in kinds:
            code.append(None)  # the code ends here; what follows is the shown text
        if "end" in kinds:
            open_fields.pop()
            if not _safe("".join(instruction)):
                doomed += [r for r in code if r is not None] + [run]
    for run in doomed:
        if run.getparent() is not None:
            run.getparent().remove(run)


def _safe(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in SAFE_FIELDS


def _serialise(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _declaration(xml: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + xml).encode()


def _relationships_xml(relationships: Iterable[tuple[str, str, str]]) -> bytes:
    from xml.sax.saxutils import quoteattr

    items = "".join(
        f"<Relationship Id={quoteattr(rid)} Type={quoteattr(kind)} Target={quoteattr(target)}/>"
        for rid, kind, target in relationships
    )
    return _declaration(f'<Relationships xmlns="{PACKAGE_RELS}">{items}</Relationships>')
