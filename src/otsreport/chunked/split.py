"""Cutting a brief's print HTML into parts that can be laid out on their own.

The cut falls between blocks: the front matter (cover, contents), the sections of ``<main>``,
and, inside a section too long for one part, between its blocks, a table's rows or a list's
items. Never right after a heading or a caption. A block split across parts keeps its
wrapper in each (without its ``id`` after the first), a table its header row, a numbered
list its numbering. Costs are estimated from text and element counts, which is what
WeasyPrint's layout time and memory follow.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

import cssselect2
import lxml.html

from otsreport.chunked.css import PAGE_ATTRIBUTE, PrintRules, part_css, print_rules

# Cost units of one character of text, one HTML element, one SVG element (SVG is drawn
# element by element, and costs the most per element).
ELEMENT_COST: Final = 40
SVG_COST: Final = 150
# A part of about a dozen pages: a worker laying it out stays well under 250 MiB.
PART_COST: Final = 160_000
NUMBERED_SHARE: Final = 4  # a part printing page numbers of other places: a quarter of that
_SPLITTABLE: Final = {"main", "section", "article", "div", "table", "tbody", "ul", "ol"}
_KEEP_WITH_NEXT: Final = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "dt"}
_REPEATED: Final = {"thead", "colgroup"}  # every part of a table has them
_SVG: Final = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Part:
    """One part's document as HTML, with a slot for each page number it prints.

    Kept as text, not as a tree: a long brief's parts would otherwise hold several copies of
    its document in memory while the layout needs it.
    """

    text: str  # the HTML, with ``slot`` where each link's page number goes
    anchors: frozenset[str]  # ids of the elements this part lays out
    stubs: frozenset[str]  # ids it links to in other parts (empty anchors keep the links)
    slots: tuple[str, ...]  # the target id of each slot, in order
    slot: str  # a random marker, so no text of the brief can pass for one

    def html(self, pages: dict[str, int]) -> str:
        """The part as HTML, its links numbered from ``pages`` (0 where still unknown)."""
        pieces = self.text.split(self.slot)
        numbers = [str(pages.get(target, 0)) for target in self.slots]
        return "".join(p + n for p, n in zip(pieces, [*numbers, ""], strict=True))

    def targets(self) -> set[str]:
        return set(self.slots)


@dataclass
class Cut:
    """A brief in parts, or the reasons it cannot be cut."""

    parts: list[Part]
    rules: PrintRules
    sheets: list[str]
    language: str = ""
    problems: tuple[str, ...] = ()


def stylesheets(root: Any) -> list[Any]:
    """The <style> elements that apply to print, in document order."""
    return [
        style
        for style in root.iter("style")
        if (style.get("media") or "all").strip().lower() in {"all", "print"}
    ]


TOO_SHORT: Final = "too short to cut"


def cut(html: str, budget: int = PART_COST, at_least: int = 1) -> Cut:
    """Cut ``html`` into parts of about ``budget`` cost each, or smaller ones when that makes
    fewer than ``at_least`` parts."""
    root = lxml.html.document_fromstring(html)
    styles = stylesheets(root)
    sheets = [style.text or "" for style in styles]
    rules = print_rules(sheets)
    problems = list(rules.problems) + _document_problems(root)
    body = root.find("body")
    if body is None or body.find("main") is None:
        problems.append("no <main> element to cut between sections")
    language = str(root.get("lang") or "")
    if problems:
        return Cut([], rules, sheets, language, tuple(problems))
    entry = _scan(root, rules)
    pieces = list(_pieces(body, min(budget, _cost(body) // at_least + 1)))
    total = sum(piece.cost for piece in pieces)
    groups = _groups(pieces, min(budget, total // at_least + 1), root)
    if len(groups) < 2 or (at_least == 1 and total <= budget):
        return Cut([], rules, sheets, language, (TOO_SHORT,))
    for style in styles:
        style.text = part_css(style.text or "", rules.counter_boxes, first=False)
    parts = [_part(root, pieces, group, False, entry) for group in groups[1:]]
    for style, sheet in zip(styles, sheets, strict=True):
        style.text = part_css(sheet, rules.counter_boxes, first=True)
    return Cut([_part(root, pieces, groups[0], True, entry), *parts], rules, sheets, language)


def _document_problems(root: Any) -> list[str]:
    problems = []
    if root.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]"):
        problems.append("a linked stylesheet (<link rel=stylesheet>)")
    for value in root.xpath("//@style"):
        if any(word in value for word in ("counter", "string-set", "page:", "break-")):
            problems.append("print rules in a style attribute")
            break
    return problems


@dataclass(frozen=True)
class _Piece:
    path: tuple[int, ...]  # child indexes from the root
    cost: int
    cut_after: bool  # a part may end after this piece
    front: bool  # before <main>: the cover and the contents
    numbered: bool = False  # it prints page numbers of other places
    element: Any = field(default=None, compare=False)  # (lxml finds a child by index slowly)


def _pieces(body: Any, budget: int) -> Iterator[_Piece]:
    base = _path(body)
    front = True
    for index, child in enumerate(body):
        if not isinstance(child.tag, str):
            continue
        if child.tag == "main":
            front = False
            yield from _inside(child, (*base, index), budget)
        else:
            yield _Piece((*base, index), _cost(child), True, front, _numbered(child), child)


def _inside(element: Any, path: tuple[int, ...], budget: int) -> Iterator[_Piece]:
    """The blocks of ``element`` as pieces; a block over budget is opened up in turn."""
    for index, child in enumerate(element):
        if not isinstance(child.tag, str) or child.tag in _REPEATED:
            continue
        cost = _cost(child)
        if cost > budget and child.tag in _SPLITTABLE and _blocks_only(child):
            yield from _inside(child, (*path, index), budget)
        else:
            cut_after = child.tag not in _KEEP_WITH_NEXT
            yield _Piece((*path, index), cost, cut_after, False, _numbered(child), child)


def _numbered(element: Any) -> bool:
    return element.get(PAGE_ATTRIBUTE) is not None or bool(
        element.xpath(f".//a[@{PAGE_ATTRIBUTE}]")
    )


def _blocks_only(element: Any) -> bool:
    """No text directly inside: it can be cut between its children."""
    if (element.text or "").strip():
        return False
    return not any((child.tail or "").strip() for child in element)


def _cost(element: Any) -> int:
    nodes = sum(1 for _ in element.iter())
    drawn = sum(sum(1 for _ in svg.iter()) for svg in element.iter("svg", f"{_SVG}svg"))
    return len(element.text_content()) + ELEMENT_COST * (nodes - drawn) + SVG_COST * drawn


def _path(element: Any) -> tuple[int, ...]:
    path: list[int] = []
    while element.getparent() is not None:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return tuple(reversed(path))


def _groups(pieces: list[_Piece], budget: int, root: Any) -> list[list[int]]:
    """Consecutive pieces packed into parts of about ``budget``; a part that prints page
    numbers of other places (the contents, "see p. N") into a quarter of that, since it is
    laid out again once they are known, after every other part: kept small, the second
    round is short and shared among the workers. The front matter (cover and contents)
    is then a part of its own."""
    groups: list[list[int]] = [[]]
    cost, numbered = 0, False
    numbered_front = bool(root.xpath(f"//body/*[not(self::main)]//a[@{PAGE_ATTRIBUTE}]"))
    for index, piece in enumerate(pieces):
        previous = pieces[index - 1] if index else None
        within_front = previous is not None and previous.front and piece.front
        may_cut = previous is not None and previous.cut_after and groups[-1] and not within_front
        front_ends = previous is not None and previous.front and not piece.front
        limit = budget // NUMBERED_SHARE if numbered or piece.numbered else budget
        if may_cut and ((front_ends and numbered_front) or cost + piece.cost > limit):
            groups.append([])
            cost, numbered = 0, False
        groups[-1].append(index)
        cost += piece.cost
        numbered |= piece.numbered
    return groups


def _scan(root: Any, rules: PrintRules) -> _Entry:
    """One pass over the document, matching the print rules: every running-string assignment
    with its position, and the attribute the part CSS reads on links that print the page
    number of their target."""
    events = []
    positions = {}
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    for position, element in enumerate(wrapper.iter_subtree()):
        node = element.etree_element
        positions[node] = position
        internal = node.tag == "a" and (node.get("href") or "").startswith("#")
        if internal and any(selector.test(element) for selector in rules.numbered_links):
            node.set(PAGE_ATTRIBUTE, "0")
        matches = [m for m in rules.string_setters.match(element) if m[2] is None]
        if not matches:
            continue
        names = max(matches, key=lambda match: (match[0], match[1]))[3]
        text = " ".join(node.text_content().split())
        events += [(position, name, text) for name in names]
    return _Entry(positions, events)


def _part(root: Any, pieces: list[_Piece], group: list[int], first: bool, entry: _Entry) -> Part:
    """The document with only this group's pieces (and their wrappers) in its body."""
    start = pieces[group[0]].path
    keep = {pieces[i].element for i in group}
    opening = pieces[group[0]].element
    ancestors = [*reversed(list(opening.iterancestors())), opening]
    wrappers = {a for element in keep for a in element.iterancestors()}
    clones: dict[Any, Any] = {}
    document = _copy(root, keep | {root.find("head")}, wrappers, clones)
    # Blocks opened by an earlier piece go on here (their descendants are contiguous).
    before = pieces[group[0] - 1].path if group[0] else ()
    for depth in range(1, len(start)):
        if before[:depth] == start[:depth]:
            original = ancestors[depth]
            _continue(clones[original], original, start[depth])
    anchors = frozenset(document.xpath("//body//@id"))
    targets = {href[1:] for href in document.xpath("//body//a/@href") if href.startswith("#")}
    stubs = frozenset(targets - anchors)
    body = document.find("body")
    if not first:
        _prelude(body, entry.values_at(opening))
    if stubs:
        holder = lxml.html.Element("div", {"class": "otsreport-stubs", "style": _HIDDEN})
        for name in sorted(stubs):
            holder.append(lxml.html.Element("span", {"id": name}))
        body.append(holder)
    numbered = document.xpath(f"//body//a[@{PAGE_ATTRIBUTE}]")
    slot = f"otsreport-{secrets.token_hex(8)}"
    for link in numbered:
        link.set(PAGE_ATTRIBUTE, slot)
    text = str(lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>"))
    return Part(text, anchors, stubs, tuple(_target(link) for link in numbered), slot)


_HIDDEN: Final = "height:0;margin:0;padding:0;border:0;overflow:hidden"


def _copy(element: Any, keep: set[Any], wrappers: set[Any], clones: dict[Any, Any]) -> Any:
    """A copy of ``element`` holding only the kept blocks, their wrappers, and the header
    rows of the tables among those: the size of the part, not of the brief."""
    clone = lxml.html.Element(element.tag, dict(element.attrib))
    clone.text, clone.tail = element.text, element.tail
    clones[element] = clone
    for child in element:
        if child in keep:
            clone.append(copy.deepcopy(child))
        elif child in wrappers:
            clone.append(_copy(child, keep, wrappers, clones))
        elif isinstance(child.tag, str) and child.tag in _REPEATED:
            clone.append(copy.deepcopy(child))
    return clone


def _continue(wrapper: Any, original: Any, first_kept: int) -> None:
    """A block carried on from the previous part: its id stays there, its numbering goes on."""
    wrapper.attrib.pop("id", None)
    wrapper.set("class", f"{wrapper.get('class') or ''} otsreport-continued".strip())
    if wrapper.tag == "ol":
        before = sum(1 for child in original[:first_kept] if child.tag == "li")
        wrapper.set("start", str(int(wrapper.get("start") or 1) + before))


@dataclass
class _Entry:
    """Where each running string is set, to know its value where a part starts."""

    positions: dict[Any, int]
    events: list[tuple[int, str, str]]

    def values_at(self, first: Any) -> dict[str, str]:
        """The strings in force before ``first``, except those the part sets at once (on
        its first page the part's own value wins)."""
        begin = self.positions[first]
        opening = next((self.positions[e] for e in first.iter() if (e.text or "").strip()), begin)
        values: dict[str, str] = {}
        own: set[str] = set()
        for position, name, value in self.events:
            if position < begin:
                values[name] = value
            elif position <= opening:
                own.add(name)
        return {name: value for name, value in values.items() if name not in own}


def _prelude(body: Any, values: dict[str, str]) -> None:
    if not values:
        return
    strings = ", ".join(f'{name} "{_css_string(value)}"' for name, value in values.items())
    style = f"string-set: {strings};{_HIDDEN}"
    body.insert(0, lxml.html.Element("div", {"class": "otsreport-prelude", "style": style}))


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")


def _target(link: Any) -> str:
    return str(link.get("href") or "#")[1:]
