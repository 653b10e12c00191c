"""add-source: a saved page, the PDF printed from it, a Word file and plain text, each into a
fresh new-dossier folder; the article's paragraphs in, the site's boilerplate out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import REPO, run

PAGE = REPO / "tests" / "pages" / "varen-herald.html"
ARTICLE = [
    "The Varen Basin Commission opened its spring survey season on Tuesday, sending six boats "
    "from Port Elm to count fish stocks along the northern shore of the lake.",
    "The commission's chair, Zoë Várkonyi, said the survey would settle a question that has "
    "divided the two shore states for a decade: whether the lake can bear a shared fishing "
    "quota at all.",
    "Kestria has long argued for a joint quota, while Valdoria wants the survey's results "
    "first. Officials on both sides said they would accept the commission's figures, which are "
    "due in June.",
]
BOILERPLATE = [
    "cookie",
    "Accept all",
    "Sign in",
    "Most read",
    "Ferry timetable",
    "newsletter",
    "All rights reserved",
    "Privacy policy",
    "A quota in question",
    "By Mira",
]


def new_dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "survey"
    result = run("new-dossier", str(folder), "--title", "The Lake Varen survey")
    assert result.exit_code == 0, result.output
    return folder


def imported(folder: Path, file: Path, *extra: str) -> tuple[str, dict[str, object]]:
    result = run("add-source", str(file), "--dossier", str(folder), *extra)
    assert result.exit_code == 0, result.output
    [entry] = yaml.safe_load((folder / "sources.yaml").read_text())
    text = (folder / str(entry["text"])).read_text()
    assert run("validate", "-d", str(folder)).exit_code == 0
    return text, entry


def assert_article_only(text: str) -> None:
    paragraphs = text.strip().split("\n\n")
    for paragraph in ARTICLE:  # whole sentences, across the PDF's line breaks
        assert paragraph in paragraphs, (paragraph, paragraphs)
    for word in BOILERPLATE:
        assert word not in text, word


def test_saved_web_page(tmp_path: Path) -> None:
    text, entry = imported(new_dossier(tmp_path), PAGE)
    assert_article_only(text)
    assert entry["url"] == "https://herald.example/2026/03/survey-season"
    assert entry["author"] == "Mira Tolvanen"
    assert entry["published"] == "2026-03-04"
    assert entry["publisher"] == "The Varen Herald"
    assert entry["title"] == "Commission opens survey season on Lake Varen"
    assert entry["language"] == "en"


def test_pdf_laid_out_by_weasyprint(tmp_path: Path) -> None:
    import weasyprint

    pdf = tmp_path / "herald.pdf"
    weasyprint.HTML(PAGE).write_pdf(pdf)
    text, entry = imported(new_dossier(tmp_path), pdf, "--id", "herald")
    assert_article_only(text)
    assert entry["id"] == "herald"
    assert entry["author"] == "Mira Tolvanen"
    assert entry["published"] == "2026-03-04"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium missing")
def test_pdf_printed_by_a_browser_with_its_header_and_footer(tmp_path: Path) -> None:
    pdf = tmp_path / "printed.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            PAGE.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text, entry = imported(new_dossier(tmp_path), pdf)
    assert_article_only(text)
    assert "file://" not in text and "1/1" not in text
    assert entry["author"] == "Mira Tolvanen"


def test_word_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "Mira Tolvanen"
    document.core_properties.language = "en-GB"
    document.add_paragraph("Commission opens survey season on Lake Varen", style="Title")
    document.add_paragraph(ARTICLE[0])
    document.add_heading("A quota in question", 1)
    document.add_paragraph(ARTICLE[1])
    document.add_paragraph(ARTICLE[2])
    file = tmp_path / "herald.docx"
    document.save(str(file))
    text, entry = imported(new_dossier(tmp_path), file)
    assert text.strip().split("\n\n")[:3] == ARTICLE
    assert "A quota in question" not in text
    assert entry["title"] == "Commission opens survey season on Lake Varen"
    assert entry["author"] == "Mira Tolvanen"


def test_plain_text_keeps_title_and_byline_out_of_the_paragraphs(tmp_path: Path) -> None:
    file = tmp_path / "herald.txt"
    file.write_text("Survey season opens\n\nBy Mira Tolvanen\n\n" + "\n\n".join(ARTICLE) + "\n")
    text, entry = imported(new_dossier(tmp_path), file)
    assert text.split("\n\n")[0] == ARTICLE[0]
    assert (entry["title"], entry["author"]) == ("Survey season opens", "Mira Tolvanen")


COURIER = REPO / "tests" / "pages" / "kestria-courier.html"
COURIER_ARTICLE = [
    "The ferry between Kestra Harbour and Port Elm will run again from May, ending a two-year "
    "pause caused by low water in the lake's southern channel.",
    "Dredging finished in January, the Varen Basin Commission said, and the channel is now "
    "deep enough for the older of the two ferries.",
    "Fares will stay at their 2024 level for the first season, the operator announced on Monday.",
]


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_page_with_no_tell_tale_class_names_or_byline_word(tmp_path: Path, kind: str) -> None:
    """Cookie notice in anonymous divs, share links and related stories inside the content,
    a byline without 'By': the article still comes out alone, with its author and date."""
    import weasyprint

    file = COURIER
    if kind == "pdf":
        file = tmp_path / "courier.pdf"
        weasyprint.HTML(COURIER).write_pdf(file)
    text, entry = imported(new_dossier(tmp_path), file)
    assert text.strip().split("\n\n") == COURIER_ARTICLE
    assert (entry["author"], entry["published"]) == ("Tomas Ederle", "2026-02-17")
    if kind == "html":
        assert entry["url"] == "https://courier.example/news/ferry-link"
        assert entry["publisher"] == "Kestria Courier"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "found no article text"),
        (b"%PDF-1.7\nnot really a pdf", "not a readable PDF"),
        (b"PK\x03\x04broken", "not a readable Word document"),
        (b"<html><body><nav>Home</nav></body></html>", "found no article text"),
    ],
)
def test_unreadable_or_empty_input_is_a_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    folder = new_dossier(tmp_path)
    before = (folder / "sources.yaml").read_bytes()
    file = tmp_path / "input.bin"
    file.write_bytes(content)
    result = run("add-source", str(file), "--dossier", str(folder))
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert (folder / "sources.yaml").read_bytes() == before  # nothing half-written
    assert not any((folder / "sources").iterdir())


def test_the_same_id_twice_is_refused(tmp_path: Path) -> None:
    folder = new_dossier(tmp_path)
    imported(folder, PAGE, "--id", "herald")
    result = run("add-source", str(PAGE), "--dossier", str(folder), "--id", "herald")
    assert result.exit_code == 2 and "already has a source 'herald'" in result.output
