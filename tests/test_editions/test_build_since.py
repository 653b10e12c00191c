"""``build --since``: each brief says what changed for its reader, in every format and
language, and never mentions what its reader may not see."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
from pypdf import PdfReader

from otsreport.select.catalogue import load_catalogue
from otsreport.select.changes import placed

from ..conftest import OTHER_DOSSIER, edit, run
from .editions import EDITED_SUMMARY, RED_SUBJECT, editions

HIDDEN = ("kestria-quota", "joint fisheries quota", "forty tonnes", RED_SUBJECT)


def _build(tmp_path: Path, *args: str) -> Path:
    old, new = editions(tmp_path)
    out = tmp_path / "out"
    result = run("build", "-d", str(new), "--since", str(old), "-o", str(out), "-q", *args)
    assert result.exit_code == 0, result.output
    return out


def _changes_html(html: str) -> str:
    found = re.search(r'<section class="section section-changes.*?</section>', html, re.S)
    assert found is not None, "no changes section"
    return found.group(0)


def test_the_changes_for_each_reader_and_no_others(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "press", "-a", "research", "-f", "html")
    press = _changes_html((out / "press.html").read_text(encoding="utf-8"))
    ids = re.findall(r'id="item-change-([^"]+)"', press)
    assert ids == [
        "source-harbour-notes",
        "event-survey-2026",
        "statement-joint-shores",
        "event-valdoria-chairs-commission",
    ]
    assert f"<ins>{EDITED_SUMMARY}</ins>" in press
    assert "What changed since 15 January 2026" in press
    research = _changes_html((out / "research.html").read_text(encoding="utf-8"))
    assert "judgment-accord-holds" in research
    assert (
        '<del>likely</del><span class="change-arrow"> → </span><ins>very likely</ins>' in research
    )


def test_a_clear_brief_never_mentions_the_record_raised_to_red(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "press", "-f", "html", "-f", "docx", "-f", "pdf")
    html = (out / "press.html").read_text(encoding="utf-8")
    words = "\n".join(p.text for p in docx.Document(str(out / "press.docx")).paragraphs)
    pdf = "\n".join(page.extract_text() for page in PdfReader(out / "press.pdf").pages)
    for text in (html, words, pdf):
        assert "What changed since" in text
        for hidden in HIDDEN:
            assert hidden not in text


def test_the_section_in_word_and_in_another_language(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "press", "-f", "docx", "--lang", "hu")
    document = docx.Document(str(out / "press.hu.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    start = next(  # the section's heading, not its entry in the contents
        i
        for i, p in enumerate(document.paragraphs)
        if p.text.startswith("Mi változott") and p.style.name == "Heading 1"
    )
    assert paragraphs[start + 1 : start + 3] == ["Új", "Harbour notes on the survey"]
    assert "Visszavonva" in paragraphs and "Módosult" in paragraphs


def test_without_since_there_is_no_such_section(tmp_path: Path) -> None:
    _, new = editions(tmp_path)
    out = tmp_path / "plain"
    result = run("build", "-d", str(new), "-a", "press", "-f", "html", "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert "section-changes" not in (out / "press.html").read_text(encoding="utf-8")


def test_placed_after_the_bottom_line_unless_the_profile_places_it() -> None:
    catalogue = load_catalogue()
    entries = [catalogue[name] for name in ("timeline", "summary", "sources")]
    assert [e.spec.id for e in placed(entries, catalogue)] == [
        "timeline",
        "summary",
        "changes",
        "sources",
    ]
    own = [catalogue["timeline"], catalogue["changes"], catalogue["summary"]]
    assert placed(own, catalogue) == own


def test_since_nothing_is_a_usage_error(tmp_path: Path) -> None:
    _, new = editions(tmp_path)
    result = run("build", "-d", str(new), "--since", str(tmp_path / "gone"), "-f", "html")
    assert result.exit_code == 2
    assert "no edition at" in result.output


def test_the_earlier_wording_can_be_hidden_on_screen_and_is_not_printed(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "research", "-f", "html", "-f", "pdf")
    section = _changes_html((out / "research.html").read_text(encoding="utf-8"))
    toggle = re.search(
        r'<input type="checkbox" class="changes-toggle" id="([^"]+)" checked>', section
    )
    assert (
        toggle is not None
        and f'<label class="changes-toggle-label" for="{toggle.group(1)}">' in section
    )
    body = section[section.index('<div class="changes-body">') :]
    assert "<del>" in body and "<ins>" in body  # what the toggle shows and hides follows it
    printed = " ".join(page.extract_text() for page in PdfReader(out / "research.pdf").pages)
    assert "Show the earlier wording" not in printed


def test_markdown_and_text_say_what_changed_too(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "research", "-f", "md", "-f", "txt")
    for name in ("research.md", "research.txt"):
        text = (out / name).read_text(encoding="utf-8")
        assert "What changed since 15 January 2026" in text, name
        assert "likely → very likely" in text, name


def test_a_quote_of_a_source_now_withheld_is_not_a_before(tmp_path: Path) -> None:
    """An event re-sourced because its source is now RED: a CLEAR reader's "What changed"
    must not print the old quote, nor the source's id, as what it was before."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(OTHER_DOSSIER, old)
    with (old / "sources.yaml").open("a", encoding="utf-8") as stream:
        stream.write(
            "- id: wire\n  title: Harbour wire report\n  kind: news\n  publisher: Harbour Wire\n"
            "  language: en\n  text: sources/wire.txt\n  perspective: A wire service.\n"
        )
    (old / "sources" / "wire.txt").write_text(
        "Harbour news.\n\nZQWIRE the harbour master quit after a bribery probe.\n"
    )
    with (old / "events.yaml").open("a", encoding="utf-8") as stream:
        stream.write(
            "- id: harbour-resign\n  date: 2025-09-01\n  kind: meeting\n"
            "  title: Harbour master resigns\n  participants: [valdoria]\n"
            "  summary: The harbour master of Port Elm quit.\n  topics: [water]\n"
            "  citations:\n"
            '    - {source: wire, paragraph: 2, quote: "ZQWIRE the harbour master quit"}\n'
        )
    shutil.copytree(old, new)
    edit(
        new / "sources.yaml",
        "  title: Harbour wire report\n",
        "  title: Harbour wire report\n  marking: TLP:RED\n",
    )
    with (new / "sources" / "basin-bulletin.txt").open("a", encoding="utf-8") as stream:
        stream.write("\nThe harbour master of Port Elm resigned.\n")
    edit(
        new / "events.yaml",
        '{source: wire, paragraph: 2, quote: "ZQWIRE the harbour master quit"}',
        '{source: basin-bulletin, paragraph: 4, quote: "The harbour master of Port Elm resigned."}',
    )
    out = tmp_path / "o"
    result = run(
        "build", "-d", str(new), "--since", str(old), "-a", "press", "-f", "txt", "-f", "docx",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (out / "press.txt").read_text(encoding="utf-8")
    assert "Harbour master resigns" in text  # the event itself is told
    assert "ZQWIRE" not in text and "wire →" not in text
    body = docx.Document(str(out / "press.redline.docx")).element.xml
    assert "ZQWIRE" not in body
