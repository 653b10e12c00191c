"""Anchors to the quote: links that open a source at the words a brief cites, and the same
place as a W3C Web Annotation selector for tools that read the brief's data.

A link carries a text fragment (WICG "URL Fragment Text Directives": ``#:~:text=start,end``)
built from the citation's quote, so a browser scrolls to and highlights the quoted words. A
short quote is the whole directive; a long one its first and last words (``start,end``), as
the specification advises, each percent-encoded with ``-``, ``,`` and ``&`` escaped too.

Both are made here, in the select stage, from the dossier as cut for the reader, so the text
in a link is a released quote and nothing else: a withheld record's quote is not in the cut,
and a selector's context stops where the cut elided withheld text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final
from urllib.parse import quote as percent_encoded

from otsreport.release import ELISION

WHOLE_WORDS: Final = 8  # a quote of up to this many words is matched whole
EDGE_WORDS: Final = 4  # a longer one by its first and last words
CONTEXT: Final = 32  # characters of prefix and suffix in a selector
DIRECTIVE: Final = ":~:"


def _encoded(words: Sequence[str]) -> str:
    """Words as a text directive's term: percent-encoded, '-' too (it marks a prefix or a
    suffix there), and ',' and '&' (which separate terms and directives)."""
    return percent_encoded(" ".join(words), safe="").replace("-", "%2D")


def text_directive(quote: str) -> str:
    """'text=The%20accord' for a short quote; 'text=first%20words,last%20words' for a long
    one. Empty for a quote of no words."""
    words = quote.split()
    if not words:
        return ""
    if len(words) <= WHOLE_WORDS:
        return "text=" + _encoded(words)
    return f"text={_encoded(words[:EDGE_WORDS])},{_encoded(words[-EDGE_WORDS:])}"


def at_quotes(url: str | None, quotes: Iterable[str]) -> str:
    """``url`` opened at ``quotes`` (one text directive each, in order): '' without a URL;
    the URL as it is when no quote has words."""
    if not url:
        return ""
    directives = [d for d in dict.fromkeys(text_directive(q) for q in quotes) if d]
    if not directives:
        return url
    joined = "&".join(directives)
    if DIRECTIVE in url:  # the address already has a directive: add ours to it
        return f"{url}&{joined}"
    return f"{url}{'' if '#' in url else '#'}{DIRECTIVE}{joined}"


def quote_selector(paragraph: str, quote: str) -> dict[str, str]:
    """A W3C Web Annotation TextQuoteSelector for ``quote`` in ``paragraph`` (as cut): the
    exact words, and up to ``CONTEXT`` characters either side, stopping at an elision."""
    selector = {"type": "TextQuoteSelector", "exact": quote}
    at = paragraph.find(quote)
    if at < 0:
        return selector
    before = paragraph[max(0, at - CONTEXT) : at]
    after = paragraph[at + len(quote) : at + len(quote) + CONTEXT]
    marker = ELISION.strip()  # the cut's elision: what stands beyond it is not the source's
    if marker in before:
        before = ""
    if marker in after:
        after = ""
    selector.update({"prefix": before, "suffix": after})
    return {key: value for key, value in selector.items() if value}


def with_selectors(dossier: dict[str, Any]) -> dict[str, Any]:
    """The cut dossier (as JSON data) with a ``selector`` on every citation, from its
    source's paragraphs as cut. A citation is the one record that names a ``source`` and
    quotes it; it is found wherever it stands (records, disputes)."""
    paragraphs = {
        source["id"]: source.get("paragraphs") or [] for source in dossier.get("sources", [])
    }

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("source"), str) and isinstance(value.get("quote"), str):
                texts = paragraphs.get(value["source"], [])
                number = value.get("paragraph")
                text = texts[number - 1] if isinstance(number, int) and number <= len(texts) else ""
                value["selector"] = quote_selector(text, value["quote"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(dossier)
    return dossier
