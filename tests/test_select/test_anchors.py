"""Anchors to the quote: text fragments in every citation link (HTML, PDF, Word), made from
released quotes only, and a TextQuoteSelector for each quote in the JSON a brief carries."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pikepdf
import pytest

from otsreport.release import ELISION
from otsreport.select.anchors import at_quotes, quote_selector, text_directive, with_selectors
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, run

LONG = "Valdoria took over the chairmanship of the Varen Basin Commission on 1 January 2025."


def test_a_short_quote_is_the_whole_directive_and_a_long_one_its_ends() -> None:
    assert text_directive("in Port Elm") == "text=in%20Port%20Elm"
    assert text_directive(LONG) == "text=Valdoria%20took%20over%20the,on%201%20January%202025."
    assert text_directive("   ") == ""


def test_dashes_commas_and_ampersands_are_escaped() -> None:
    directive = text_directive("north-east, salt & fish")
    assert directive == "text=north%2Deast%2C%20salt%20%26%20fish"
    assert unquote(directive.removeprefix("text=")) == "north-east, salt & fish"


def test_a_link_opens_at_each_quote_once() -> None:
    url = "https://gazette.example/a"
    assert at_quotes(url, ["in Port Elm", "in Port Elm", "the lake"]) == (
        url + "#:~:text=in%20Port%20Elm&text=the%20lake"
    )
    assert at_quotes(url + "#part", ["the lake"]) == url + "#part:~:text=the%20lake"
    assert at_quotes(url + "#:~:text=x", ["the lake"]) == url + "#:~:text=x&text=the%20lake"
    assert at_quotes(None, ["the lake"]) == "" and at_quotes(url, [" "]) == url


def test_a_selector_takes_context_but_not_across_an_elision() -> None:
    paragraph = "The commission met in Port Elm on Monday to survey the lake."
    selector = quote_selector(paragraph, "in Port Elm")
    assert selector == {
        "type": "TextQuoteSelector",
        "exact": "in Port Elm",
        "prefix": "The commission met ",
        "suffix": " on Monday to survey the lake.",
    }
    cut = f"The commission met{ELISION}in Port Elm"
    assert quote_selector(cut, "in Port Elm") == {
        "type": "TextQuoteSelector",
        "exact": "in Port Elm",
    }
    assert quote_selector("elsewhere", "absent")["exact"] == "absent"


def test_every_citation_of_the_dossier_gets_a_selector() -> None:
    data = with_selectors(load_dossier(OTHER_DOSSIER).model_dump(mode="json"))
    citations = [c for e in data["events"] for c in e["citations"]]
    assert citations and all(c["selector"]["exact"] == c["quote"] for c in citations)
    assert any(c["selector"].get("prefix") or c["selector"].get("suffix") for c in citations)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("anchors")
    result = run(
        "build", "-d", str(OTHER_DOSSIER), "-a", "research", "-a", "press",
        "-f", "html", "-f", "pdf", "-f", "docx", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _start(href: str) -> str:
    """The first term of a link's first text directive, decoded."""
    directive = href.split(":~:", 1)[1].split("&")[0].removeprefix("text=")
    return unquote(directive.split(",")[0])


def _unquoted(text: str) -> str:
    return "".join(c for c in text if c not in "“”‘’„«»\"'").strip()


def test_every_quote_in_the_research_html_links_to_its_source_at_the_quote(built: Path) -> None:
    root = lxml.html.fromstring((built / "research.html").read_text(encoding="utf-8"))
    linked = root.xpath("//a[@class='at-quote']")
    assert len(linked) >= 10
    for link in linked:
        assert link.get("href").startswith("https://") and ":~:text=" in link.get("href")
        quote = _unquoted(link.text_content())  # the brief prints quotes in quotes
        assert quote.startswith(_unquoted(_start(link.get("href")))), (quote, link.get("href"))


def _fragments(built: Path, name: str) -> list[str]:
    html = lxml.html.fromstring((built / f"{name}.html").read_text(encoding="utf-8"))
    hrefs = [str(h) for h in html.xpath("//a/@href") if ":~:" in h]
    with pikepdf.open(built / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            for note in page.get("/Annots") or []:
                if "/A" in note and "/URI" in note.A and ":~:" in str(note.A.URI):
                    hrefs.append(str(note.A.URI))
    with zipfile.ZipFile(io.BytesIO((built / f"{name}.docx").read_bytes())) as docx:
        rels = [n for n in docx.namelist() if n.endswith(".rels")]
        texts = "".join(docx.read(n).decode() for n in rels)
    hrefs += [part.split('"')[0] for part in texts.split('Target="')[1:] if ":~:" in part]
    return hrefs


def _quotes(value: object) -> Iterator[str]:
    """Every citation's quote in a dossier's JSON (records, disputes)."""
    if isinstance(value, dict):
        if "selector" in value:
            yield value["quote"]
        for item in value.values():
            yield from _quotes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _quotes(item)


def test_links_in_every_format_carry_only_released_quotes(built: Path) -> None:
    released = json.loads((built / "press.edition.json").read_text(encoding="utf-8"))["dossier"]
    quotes = list(_quotes(released))
    press = _fragments(built, "press")
    research = _fragments(built, "research")
    assert any("#:~:" in h for h in press)
    for href in press:
        for directive in href.split(":~:", 1)[1].split("&"):
            for term in directive.removeprefix("text=").split(","):
                assert any(unquote(term) in quote for quote in quotes), href
    # The sources' own assessments are withheld from the press: their quotes link only in
    # research's brief.
    withheld = "The%20Gazette%20believes%20the"
    assert any(withheld in href for href in research)
    assert not any(withheld in href for href in press)


def test_the_brief_json_carries_a_selector_for_every_quote(built: Path) -> None:
    record = json.loads((built / "research.edition.json").read_text(encoding="utf-8"))
    citations = [c for e in record["dossier"]["events"] for c in e["citations"]]
    assert citations
    for citation in citations:
        assert citation["selector"]["type"] == "TextQuoteSelector"
        assert citation["selector"]["exact"] == citation["quote"]
