"""Saved web pages (HTML): trafilatura finds the article and its metadata.

trafilatura tells the main text from navigation, cookie notices, sidebars and footers by the
page's structure, and reads the title, author, date, site name and canonical address from the
page's metadata; what it returns as headings stays out of the numbered paragraphs.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from otsreport.authoring.document import (
    BOILERPLATE,
    BOILERPLATE_WORDS,
    Document,
    byline_author,
    clean,
)


def read_web_page(markup: str) -> Document:
    import trafilatura

    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    body = trafilatura.extract(
        markup,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if found is None or not body:
        return Document([])
    meta = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    tree = etree.fromstring(body.encode())
    paragraphs = [
        clean("".join(element.itertext()))
        for element in tree.iter("p", "quote", "item")
        if element.getparent() is not None and element.getparent().tag != "quote"
    ]
    title = meta.get("title")
    author = meta.get("author")
    kept: list[str] = []
    for text in paragraphs:
        if (
            not text
            or text == title
            or (len(text.split()) < BOILERPLATE_WORDS and BOILERPLATE.search(text))
        ):
            continue  # what trafilatura kept of a cookie notice or a subscription plea
        if len(kept) < 2 and byline_author(text):
            author = author or byline_author(text)
            continue
        kept.append(text)
    return Document(
        kept,
        title=title,
        author=author,
        publisher=meta.get("sitename"),
        published=meta.get("date"),
        language=meta.get("language") or _declared_language(markup),
        url=meta.get("url"),
    )


def _declared_language(markup: str) -> str | None:
    """The page's own <html lang>, as 'en' or 'hu-HU'."""
    try:
        root = lxml_html.document_fromstring(markup.encode())
    except (etree.ParserError, ValueError):
        return None
    language = (root.get("lang") or "").strip()
    return language.split("_")[0] if language else None
