"""Print rules read for a layout in parts: what the parts must reproduce, and what they can't."""

from __future__ import annotations

import pytest

from otsreport.chunked.css import PAGE_ATTRIBUTE, part_css, print_rules, stamp_css

PAGED = """
@page { @top-left { content: string(doc-title); }
        @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
@page :first { @top-left { content: none; } }
h2 { string-set: section-title content(); }
.toc a::after { content: leader(".") target-counter(attr(href url), page); }
.footnote { float: footnote; }
.footnote::footnote-call { content: attr(data-n); }
"""


def test_the_built_in_kind_of_stylesheet_can_be_laid_out_in_parts() -> None:
    rules = print_rules([PAGED])
    assert rules.problems == ()
    assert rules.counter_boxes == {"bottom-center"}
    assert len(rules.numbered_links) == 1


@pytest.mark.parametrize(
    ("css", "problem"),
    [
        ("@page :left { margin-left: 3cm }", "left, right"),
        ("@media print { @page chapter { margin: 1cm } }", "named pages"),
        ("h2 { counter-increment: chapter }", "counter-increment"),
        ("h2::before { content: counter(chapter) }", "counter or cross-reference"),
        ("a::after { content: target-text(attr(href)) }", "counter or cross-reference"),
        ("h1 { break-before: right }", "left or right"),
        ("h2 { string-set: title attr(title) }", "running string"),
        ("@page { @bottom-right { content: string(t) ' ' counter(page) } }", "running text"),
        (".note { float: footnote }", "footnotes numbered by a counter"),
        ("@import url(more.css);", "@import"),
    ],
)
def test_rules_a_part_cannot_reproduce_are_named(css: str, problem: str) -> None:
    problems = print_rules([css]).problems
    assert any(problem in p for p in problems), problems


def test_a_part_prints_link_numbers_from_an_attribute_and_hides_the_page_number() -> None:
    rules = print_rules([PAGED])
    rewritten = part_css(PAGED, rules.counter_boxes, first=False)
    assert "target-counter" not in rewritten
    assert f"attr({PAGE_ATTRIBUTE})" in rewritten
    centre = rewritten.split("@bottom-center")[1].split("}")[0]
    assert "visibility:hidden !important" in centre
    # Not the brief's first page: the first-page rules go; the first part keeps them.
    assert ":first" not in rewritten
    assert ":first" in part_css(PAGED, rules.counter_boxes, first=True)
    # Re-read, the rewritten sheet is one the parts can use.
    assert print_rules([rewritten]).problems == ()


def test_the_stamp_draws_only_the_page_number() -> None:
    rules = print_rules([PAGED])
    stamp = stamp_css(PAGED, rules.counter_boxes)
    top_left = stamp.split("@top-left")[1].split("}")[0]
    centre = stamp.split("@bottom-center")[1].split("}")[0]
    assert "visibility:hidden" in top_left and "visibility" not in centre
    assert ":first" in stamp  # the stamp's first page is the brief's first page
