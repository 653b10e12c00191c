"""Cutting a brief's print HTML into parts: where the cuts fall and what each part carries."""

from __future__ import annotations

import lxml.html

from otsreport.chunked.split import TOO_SHORT, cut

STYLE = """<style>
@page { @bottom-center { content: counter(page) " / " counter(pages); } }
.doc-title { string-set: doc-title content(); }
h2 { string-set: section-title content(); }
.toc h2 { string-set: none; }
.toc a::after, a.see::after { content: target-counter(attr(href url), page); }
</style>"""


def brief(rows: int = 60, items: int = 30) -> str:
    row = "<tr id='r{n}'><td>Row {n} of the long table, with words enough to cost</td></tr>"
    table = "".join(row.format(n=n) for n in range(rows))
    item = "<li id='i{n}'>Item {n} <a class='see' href='#r{n}'>see</a> and more words</li>"
    listed = "".join(item.format(n=n) for n in range(items))
    return f"""<!DOCTYPE html><html lang="en"><head>{STYLE}</head><body>
<header class="cover"><h1 class="doc-title">The Varen Question</h1></header>
<nav class="toc"><h2>Contents</h2><a href="#s1">One</a><a href="#s2">Two</a></nav>
<main>
<section id="s1"><h2>One</h2><table><caption>Rows</caption>
<thead><tr><th>Row</th></tr></thead><tbody>{table}</tbody></table></section>
<section id="s2"><h2>Two</h2><ol start="3">{listed}</ol></section>
</main><footer class="colophon">Made up.</footer></body></html>"""


def parsed(part: object, pages: dict[str, int] | None = None) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(part.html(pages or {}))  # type: ignore[attr-defined]


def test_a_brief_is_cut_between_blocks_into_parts_of_about_the_budget() -> None:
    result = cut(brief(), budget=4000)
    assert result.problems == ()
    assert len(result.parts) >= 4
    documents = [parsed(part) for part in result.parts]
    # Every row and every item is in exactly one part, in order.
    ids = [i for document in documents for i in document.xpath("//main//tr/@id | //main//li/@id")]
    assert ids == [f"r{n}" for n in range(60)] + [f"i{n}" for n in range(30)]
    # The cover and contents are a part of their own: it prints page numbers, so it is laid
    # out again cheaply once they are known.
    assert documents[0].xpath("//main") == [] or not documents[0].xpath("//main/*")
    assert documents[0].xpath("//nav[@class='toc']")
    assert documents[-1].xpath("//footer[@class='colophon']")


def test_a_table_cut_in_two_keeps_its_header_and_its_id_once() -> None:
    result = cut(brief(), budget=4000)
    tables = [(part, parsed(part)) for part in result.parts]
    with_rows = [document for _, document in tables if document.xpath("//tbody/tr")]
    assert len(with_rows) >= 2
    for document in with_rows:
        assert document.xpath("//thead/tr/th/text()") == ["Row"]
    assert sum(len(document.xpath("//section[@id='s1']")) for document in with_rows) == 1
    assert sum(len(document.xpath("//caption")) for document in with_rows) == 1
    continued = with_rows[1].xpath("//section")[0]
    assert "otsreport-continued" in continued.get("class")


def test_a_numbered_list_cut_in_two_goes_on_counting() -> None:
    result = cut(brief(rows=4, items=120), budget=4000)
    lists = [parsed(part).xpath("//ol") for part in result.parts]
    lists = [found[0] for found in lists if found]
    assert len(lists) >= 2
    first_items = len(lists[0].xpath("li"))
    assert lists[0].get("start") == "3"
    assert lists[1].get("start") == str(3 + first_items)


def test_a_part_carries_the_running_strings_in_force_where_it_starts() -> None:
    result = cut(brief(), budget=4000)
    second_table_part = next(part for part in result.parts[2:] if parsed(part).xpath("//tbody/tr"))
    prelude = parsed(second_table_part).xpath("//div[@class='otsreport-prelude']/@style")[0]
    assert 'doc-title "The Varen Question"' in prelude
    assert 'section-title "One"' in prelude
    # A part that opens with a heading of its own sets that string itself.
    starts_two = next(p for p in result.parts if parsed(p).xpath("//section[@id='s2']/h2"))
    styles = parsed(starts_two).xpath("//div[@class='otsreport-prelude']/@style")
    assert all("section-title" not in style for style in styles)


def test_links_print_the_page_numbers_they_are_given_and_keep_their_targets() -> None:
    result = cut(brief(), budget=4000)
    contents = result.parts[0]
    assert contents.targets() == {"s1", "s2"}
    document = parsed(contents, {"s1": 2, "s2": 7})
    numbers = document.xpath("//nav//a/@data-otsreport-page")
    assert numbers == ["2", "7"]
    # The targets are elsewhere: empty anchors stand in, so the links are kept.
    assert {"s1", "s2"} <= set(document.xpath("//div[@class='otsreport-stubs']/span/@id"))
    assert contents.stubs >= {"s1", "s2"} and not contents.anchors & {"s1", "s2"}


def test_a_short_brief_is_not_cut_and_a_foreign_stylesheet_is_refused() -> None:
    without_contents = brief(rows=2, items=2).replace('<nav class="toc">', "<nav>")
    assert cut(without_contents).problems == (TOO_SHORT,)
    linked = brief().replace("<head>", '<head><link rel="stylesheet" href="x.css">')
    assert any("linked stylesheet" in p for p in cut(linked, budget=4000).problems)
    mainless = brief().replace("<main>", "<div>").replace("</main>", "</div>")
    assert any("<main>" in p for p in cut(mainless, budget=4000).problems)


def test_the_cover_and_contents_stay_together_however_small_the_parts() -> None:
    first = parsed(cut(brief(), budget=10).parts[0])
    assert first.xpath("//header[@class='cover']") and first.xpath("//nav[@class='toc']")
