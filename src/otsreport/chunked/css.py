"""What a brief's print stylesheet asks of a whole-document layout, and its rewrites per part.

A part is laid out on its own, so every rule whose result depends on the rest of the document
is found here: page numbers in margin boxes (stamped after the merge instead), page numbers of
link targets (printed as literal numbers), running strings (carried into the part), and the
first page's rules (which only the first part may use). Rules that cannot be carried across
a cut (left and right pages, named pages, counters, other cross-references) are reported as
problems, and the brief is then laid out whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import cssselect2
import tinycss2

# The one form of cross-reference a part can print with a literal number instead.
PAGE_OF_TARGET: Final = re.compile(
    r"target-counter\(\s*attr\(\s*href(?:\s+url)?\s*\)\s*,\s*page\s*\)"
)
PAGE_ATTRIBUTE: Final = "data-otsreport-page"
_PAGE_COUNTER: Final = re.compile(r"\bcounters?\(\s*pages?\s*[,)]")
_OTHER_COUNTER: Final = re.compile(r"\b(?:target-counters?|target-text|counters?)\(")
_RUNNING: Final = re.compile(r"\b(?:string|element|attr|content|running)\(")
_UNUSED_PAGE: Final = "otsreport-never"  # a page name no element asks for
_PARITY: Final = re.compile(r":(?:left|right|blank|nth)\b|\b(?:recto|verso)\b")
_SIDES: Final = re.compile(r"\b(?:left|right|recto|verso)\b")
_STRING_VALUE: Final = re.compile(r"^(?:none|(?:[-\w]+\s+content\((?:\s*text\s*)?\)\s*,?\s*)+)$")


@dataclass(frozen=True)
class PrintRules:
    """What the merge must reproduce, and why the stylesheet cannot be chunked (if it can't)."""

    numbered_links: tuple[Any, ...]  # compiled selectors of links that print a page number
    string_setters: Any  # cssselect2.Matcher: element -> the running strings it sets
    counter_boxes: frozenset[str]  # margin boxes that show the page number
    problems: tuple[str, ...]


def print_rules(sheets: Iterable[str]) -> PrintRules:
    """Read the stylesheets (in document order) the way the cascade will apply them."""
    problems: list[str] = []
    links: list[Any] = []
    setters = cssselect2.Matcher()
    boxes: set[str] = set()
    footnotes = calls = False
    for selector, name, value in _declarations(sheets, problems):
        text = value.lower()
        if selector.startswith("@page"):
            if _PAGE_COUNTER.search(text):
                boxes.add(name)
                if _RUNNING.search(text):
                    problems.append(f"a page-number box ({name}) that also shows running text")
            continue
        if name == "content" and PAGE_OF_TARGET.search(text):
            links += compiled(selector, pseudo=True)
            text = PAGE_OF_TARGET.sub("", text)
        if name == "content" and _OTHER_COUNTER.search(text):
            problems.append(f"a counter or cross-reference in 'content' ({selector})")
        elif name in {"counter-reset", "counter-increment", "counter-set", "page"}:
            problems.append(f"'{name}' ({selector})")
        elif name in {"break-before", "break-after", "page-break-before", "page-break-after"}:
            if _SIDES.search(text):
                problems.append(f"breaks to left or right pages ({selector})")
        elif name == "string-set":
            if not _STRING_VALUE.match(text.strip()):
                problems.append(f"a running string other than content() ({selector})")
            for compiled_selector in compiled(selector, pseudo=False):
                setters.add_selector(compiled_selector, _string_names(text))
        footnotes |= name == "float" and "footnote" in text
        calls |= name == "content" and "::footnote-call" in selector and "attr(" in text
    if footnotes and not calls:
        problems.append("footnotes numbered by a counter (number them with attr())")
    return PrintRules(tuple(links), setters, frozenset(boxes), tuple(dict.fromkeys(problems)))


def compiled(selector: str, *, pseudo: bool) -> list[Any]:
    """The selectors of a rule; with ``pseudo``, those of its ::before/::after only."""
    try:
        selectors = cssselect2.compile_selector_list(selector)
    except cssselect2.SelectorError:
        return []
    return [s for s in selectors if (s.pseudo_element is not None) == pseudo]


def _string_names(value: str) -> tuple[str, ...]:
    """'doc-title content(), other content()' -> ('doc-title', 'other'); none -> ()."""
    return tuple(re.findall(r"([-\w]+)\s+content\(", value))


def _declarations(sheets: Iterable[str], problems: list[str]) -> Iterator[tuple[str, str, str]]:
    """(selector, property, value) of each declaration; margin boxes as (@page, box, content)."""
    for sheet in sheets:
        yield from _rules(_parse(sheet), problems)


def _parse(css: str) -> list[Any]:
    return list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _rules(rules: Iterable[Any], problems: list[str]) -> Iterator[tuple[str, str, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":
            selector = tinycss2.serialize(rule.prelude).strip()
            for item in _contents(rule.content):
                if item.type == "declaration":
                    yield selector, item.lower_name, tinycss2.serialize(item.value)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page":
            prelude = tinycss2.serialize(rule.prelude).strip()
            named = re.match(r"[-\w]", prelude) and not prelude.startswith(_UNUSED_PAGE)
            if _PARITY.search(prelude) or named:
                problems.append(
                    f"page rules for left, right, blank or named pages (@page {prelude})"
                )
            for item in _contents(rule.content or []):
                if item.type == "at-rule":
                    value = _box_content(item)
                    yield f"@page {prelude}", item.lower_at_keyword, value
        elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports"}:
            yield from _rules(_nested(rule), problems)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            problems.append("an @import of another stylesheet")


def _contents(tokens: list[Any]) -> list[Any]:
    return list(tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True))


def _nested(rule: Any) -> list[Any]:
    return list(
        tinycss2.parse_rule_list(rule.content or [], skip_comments=True, skip_whitespace=True)
    )


def _box_content(box: Any) -> str:
    for item in _contents(box.content or []):
        if item.type == "declaration" and item.lower_name == "content":
            return str(tinycss2.serialize(item.value))
    return ""


def part_css(css: str, boxes: frozenset[str], *, first: bool) -> str:
    """A part's copy of a stylesheet: link page numbers from an attribute, the page-number
    boxes laid out but not drawn (the stamp draws them), and, in every part but the first,
    no first-page rules (its first page is not the brief's)."""
    css = PAGE_OF_TARGET.sub(f"attr({PAGE_ATTRIBUTE})", css)
    return _rewrite_pages(css, lambda box: box in boxes, neutralise_first=not first)


def stamp_css(css: str, boxes: frozenset[str]) -> str:
    """The stamp's copy: only the page-number boxes drawn, on pages like the brief's."""
    return _rewrite_pages(css, lambda box: box not in boxes, neutralise_first=False)


def _rewrite_pages(css: str, hide: Any, *, neutralise_first: bool) -> str:
    rules = _parse(css)
    _rewrite_rules(rules, hide, neutralise_first)
    return str(tinycss2.serialize(rules))


def _rewrite_rules(rules: list[Any], hide: Any, neutralise_first: bool) -> None:
    hidden = tinycss2.parse_component_value_list(";visibility:hidden !important;")
    for rule in rules:
        if rule.type != "at-rule":
            continue
        if rule.lower_at_keyword in {"media", "supports"} and rule.content:
            nested = _nested(rule)
            _rewrite_rules(nested, hide, neutralise_first)
            rule.content = tinycss2.parse_component_value_list(tinycss2.serialize(nested))
        elif rule.lower_at_keyword == "page":
            if neutralise_first and ":first" in tinycss2.serialize(rule.prelude):
                rule.prelude = tinycss2.parse_component_value_list(f" {_UNUSED_PAGE} ")
            text = ""
            for item in _contents(rule.content or []):
                if item.type == "at-rule" and hide(item.lower_at_keyword):
                    item.content = [*(item.content or []), *hidden]
                text += item.serialize() + (";" if item.type == "declaration" else "")
            rule.content = tinycss2.parse_component_value_list(text)
