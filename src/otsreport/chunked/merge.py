"""Merging the parts' PDFs into one: what a whole layout would have written, in one file.

The first part is the base: its catalog carries the metadata, the language, the PDF/A output
intent and attachments. Every other part brings its pages, its structure elements (appended
to the one Document element, its parent-tree keys moved past the ones already taken, its
table-header ids made unique), and its named destinations. The outline is built anew from
the parts' headings, and "Page X of Y" is drawn on each page from the stamp, marked as a
pagination artifact so that assistive technology skips it as it skips running heads.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String


@dataclass(frozen=True)
class Bookmark:
    """A heading in the outline: its level, label and place (page of the whole brief)."""

    level: int
    label: str
    page: int
    left: float
    top: float
    open: bool


@dataclass(frozen=True)
class LaidOutPart:
    """One part as a worker returns it."""

    data: bytes
    pages: int
    anchors: dict[str, int]  # id -> page within the part (0-based), stubs left out
    bookmarks: tuple[Bookmark, ...]  # pages within the part
    stubs: frozenset[str]
    warnings: tuple[str, ...] = ()


def merge(parts: Sequence[LaidOutPart], stamp: bytes) -> bytes:
    """One PDF from the parts in order, stamped with page numbers; its /ID a digest of its
    content, so the same brief gives the same bytes."""
    base = pikepdf.open(io.BytesIO(parts[0].data))
    tree = _StructureTree(base)
    names = _destinations(base, parts[0].stubs)
    for index, part in enumerate(parts[1:], start=1):
        with pikepdf.open(io.BytesIO(part.data)) as other:
            first_page = len(base.pages)
            with warnings.catch_warnings():  # named destinations are merged below
                warnings.simplefilter("ignore")
                base.pages.extend(other.pages)
            tree.append(other, list(base.pages)[first_page:], f"p{index}-")
            names.update(_copied(base, _destinations(other, part.stubs)))
    tree.finish()
    _write_names(base, names)
    _write_outline(base, _bookmarks(parts))
    with pikepdf.open(io.BytesIO(stamp)) as stamps:
        _stamp(base, stamps)
    out = io.BytesIO()
    base.save(out, deterministic_id=True)
    base.close()
    return out.getvalue()


class _StructureTree:
    """The base's structure tree, with every part's elements and parent-tree keys added."""

    def __init__(self, base: pikepdf.Pdf) -> None:
        root = base.Root.get("/StructTreeRoot")
        self.pdf = base
        self.root = root
        self.document = _document_element(root) if root is not None else None
        self.nums: list[tuple[int, Any]] = _nums(root) if root is not None else []
        self.next_key = max((key for key, _ in self.nums), default=-1) + 1
        if self.document is not None:
            self._prune(self.document)

    def append(self, other: pikepdf.Pdf, pages: list[pikepdf.Page], prefix: str) -> None:
        root = other.Root.get("/StructTreeRoot")
        if self.document is None or root is None:
            return
        offset = self.next_key
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        foreign_document = _document_element(root)
        document = self.pdf.copy_foreign(foreign_document)
        entries = [(key + offset, self._copy(value)) for key, value in _nums(root)]
        for kid in _kids(document):
            if isinstance(kid, Dictionary):
                kid.P = self.document
                self.document.K.append(kid)
        for _, value in entries:
            for element in value if isinstance(value, Array) else [value]:
                if isinstance(element, Dictionary) and element.get("/P") == document:
                    element.P = self.document
        _prefix_ids(document, prefix)
        self.nums += entries
        self.next_key = max((key for key, _ in self.nums), default=-1) + 1
        self._prune(self.document)

    def _copy(self, value: Any) -> Any:
        return _bring(self.pdf, value)

    def _prune(self, document: Dictionary) -> None:
        """Drop the empty elements the parts' hidden helpers (running strings, stubs) leave."""
        document.K = Array([kid for kid in _kids(document) if not _empty(kid)])

    def finish(self) -> None:
        if self.root is None:
            return
        flat = Array()
        for key, value in sorted(self.nums, key=lambda entry: entry[0]):
            flat.append(key)
            flat.append(value)
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=flat))
        self.root.ParentTreeNextKey = self.next_key


def _document_element(root: Any) -> Any:
    kids = root.K
    return kids[0] if isinstance(kids, Array) else kids


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K", Array())
    return list(kids) if isinstance(kids, Array) else [kids]


def _empty(element: Any) -> bool:
    return isinstance(element, Dictionary) and element.get("/S") == Name.Div and not _kids(element)


def _nums(root: Any) -> list[tuple[int, Any]]:
    """The parent tree's entries (WeasyPrint writes one flat /Nums array)."""
    tree = root.get("/ParentTree")
    if tree is None:
        return []
    if "/Kids" in tree:
        raise ValueError("a parent tree with /Kids")
    nums = tree.Nums
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]


def _prefix_ids(document: Any, prefix: str) -> None:
    """Table header ids are numbered per file; a part's could repeat another's."""
    stack = list(_kids(document))
    while stack:
        element = stack.pop()
        if not isinstance(element, Dictionary) or "/S" not in element:
            continue
        if "/ID" in element:
            element.ID = String(prefix + str(element.ID))
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array([String(prefix + str(h)) for h in attributes.Headers])
        stack.extend(kid for kid in _kids(element) if isinstance(kid, Dictionary))


def _destinations(pdf: pikepdf.Pdf, stubs: frozenset[str]) -> dict[str, Any]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    tree = pikepdf.NameTree(names.Dests)
    return {key: value for key, value in tree.items() if key not in stubs}


def _copied(base: pikepdf.Pdf, names: dict[str, Any]) -> dict[str, Any]:
    return {key: _bring(base, value) for key, value in names.items()}


def _bring(pdf: pikepdf.Pdf, value: Any) -> Any:
    """``value`` from another file, usable in ``pdf``: indirect objects are copied (each
    once: pikepdf keeps one map per source file, so pages already brought are reused)."""
    if isinstance(value, Array | Dictionary) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_bring(pdf, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _bring(pdf, item) for key, item in value.items()})
    return value


def _write_names(base: pikepdf.Pdf, names: dict[str, Any]) -> None:
    if "/Names" not in base.Root:
        if not names:
            return
        base.Root.Names = Dictionary()
    tree = pikepdf.NameTree.new(base)
    for key in sorted(names):
        tree[key] = names[key]
    base.Root.Names.Dests = tree.obj


def _bookmarks(parts: Sequence[LaidOutPart]) -> list[Bookmark]:
    marks: list[Bookmark] = []
    first_page = 0
    for part in parts:
        marks += [
            Bookmark(m.level, m.label, m.page + first_page, m.left, m.top, m.open)
            for m in part.bookmarks
        ]
        first_page += part.pages
    return marks


def _write_outline(base: pikepdf.Pdf, marks: Iterable[Bookmark]) -> None:
    """The outline nested by heading level, as WeasyPrint nests it."""
    if "/Outlines" in base.Root:
        del base.Root.Outlines
    stack: list[tuple[int, list[pikepdf.OutlineItem]]] = []
    with base.open_outline() as outline:
        stack = [(0, outline.root)]
        for mark in marks:
            while stack[-1][0] >= mark.level:
                stack.pop()
            item = pikepdf.OutlineItem(
                mark.label, mark.page, pikepdf.PageLocation.XYZ, left=mark.left, top=mark.top
            )
            item.is_closed = not mark.open
            stack[-1][1].append(item)
            stack.append((mark.level, item.children))


def _free_name(page: pikepdf.Page) -> Name:
    """A resource name the page does not use (pikepdf's own would be random)."""
    taken = set(page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary()).keys())
    number = 0
    while f"/OtsPageNumber{number}" in taken:
        number += 1
    return Name(f"/OtsPageNumber{number}")


def _stamp(base: pikepdf.Pdf, stamps: pikepdf.Pdf) -> None:
    """Each page's number, drawn from the stamp's page as a pagination artifact."""
    for page, stamp in zip(base.pages, stamps.pages, strict=True):
        form = base.copy_foreign(stamp.as_form_xobject())
        name = _free_name(page)
        page.add_resource(form, Name.XObject, name)
        page.contents_add(base.make_stream(b"q\n"), prepend=True)
        page.contents_add(
            base.make_stream(
                b"Q\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC "
                + bytes(name)
                + b" Do EMC Q\n"
            )
        )
