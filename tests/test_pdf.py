"""Checks on the PDFs of the sample build: facts in the text, pages, fonts, outline, footnotes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from otsreport.paths import sample_dossier_dir
from otsreport.validate import load_dossier
from tests.conftest import assert_holds_every_fact

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils missing")
needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
AUDIENCES = ("executive", "diplomatic", "press", "research")


def pages_text(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


def test_research_pdf_holds_every_fact(sample_build: Path) -> None:
    text = " ".join(pages_text(sample_build / "research.pdf"))
    assert_holds_every_fact(text)
    # ...and every event's date, as the reader's locale writes it.
    for event in load_dossier(sample_dossier_dir()).events:
        if event.date is not None:
            date = event.date.format("en_GB").replace("\u2009", " ")
            assert date in text.replace("\u2009", " "), event.id


def test_executive_is_at_most_two_pages(sample_build: Path) -> None:
    assert len(PdfReader(sample_build / "executive.pdf").pages) <= 2


def test_press_is_clear_on_every_page_and_carries_no_analysis(sample_build: Path) -> None:
    pages = pages_text(sample_build / "press.pdf")
    assert all("TLP:CLEAR" in page for page in pages)
    whole = " ".join(pages)
    dossier = load_dossier(sample_dossier_dir())
    for assessment in dossier.assessments:
        assert assessment.wording[:40] not in whole, assessment.id
    assert "Key judgments" not in whole and "Outlook" not in whole


@pytest.mark.parametrize("audience", AUDIENCES)
def test_marking_header_and_page_numbers_on_every_page(sample_build: Path, audience: str) -> None:
    pages = pages_text(sample_build / f"{audience}.pdf")
    marking = {
        "executive": "TLP:AMBER",
        "diplomatic": "TLP:AMBER",
        "press": "TLP:CLEAR",
        "research": "TLP:AMBER",
    }[audience]
    for number, page in enumerate(pages, 1):
        assert page.count(marking) >= 2, (audience, number)  # top and bottom margin boxes
        assert f"Page {number} of {len(pages)}" in page
        if number > 1:
            assert "Azerbaijan and Hungary in the Organization of Turkic States" in page


@pytest.mark.parametrize("audience", AUDIENCES)
def test_metadata_and_outline(sample_build: Path, audience: str) -> None:
    reader = PdfReader(sample_build / f"{audience}.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title.startswith(
        "Azerbaijan and Hungary in the Organization of Turkic States"
    )
    assert reader.metadata.get("/Keywords")
    assert reader.metadata.get("/Subject", "").startswith("Azerbaijan–Hungary relations")
    assert reader.metadata.get("/CreationDate", "").startswith("D:20261127")
    assert not reader.metadata.get("/Author")  # no issuer named: not "otsreport"
    assert reader.trailer["/Root"].get("/Lang") == "en-GB"
    html = (sample_build / f"{audience}.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="section-[^"]+-heading">([^<]+)</h2>', html)
    outline = reader.outline
    assert outline[0].title.startswith("Azerbaijan and Hungary")  # type: ignore[union-attr]
    # The h2 entries sit one level below the title; h3 entries are nested lists below them.
    second_level = [entry.title for entry in outline[1] if not isinstance(entry, list)]  # type: ignore[union-attr]
    assert second_level == [h.replace("&#39;", "'") for h in headings]


def test_table_of_contents_when_longer_than_two_pages(sample_build: Path) -> None:
    research = pages_text(sample_build / "research.pdf")
    assert len(research) > 2 and "Contents" in research[0]
    assert re.search(r"Timeline \.+ ?\d", research[0]) or re.search(
        r"Timeline\s*\.{3,}\s*\d", research[0]
    )
    assert "Contents" not in " ".join(pages_text(sample_build / "executive.pdf"))


@needs_poppler
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_font_is_embedded(sample_build: Path, audience: str) -> None:
    listing = subprocess.run(
        ["pdffonts", str(sample_build / f"{audience}.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        columns = line.split()
        assert columns[-5] == "yes", line  # the 'emb' column


@needs_qpdf
@pytest.mark.parametrize("audience", AUDIENCES)
def test_qpdf_check_passes(sample_build: Path, audience: str) -> None:
    result = subprocess.run(
        ["qpdf", "--check", str(sample_build / f"{audience}.pdf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_azerbaijani_hungarian_turkish_letters_render(tmp_path: Path) -> None:
    from otsreport.pdf import PdfJob, render_pdf

    letters = "ə Ə ğ ı İ ş ç ö ü ő ű"
    html = f'<html lang="az"><body style="font-family: Noto Serif"><p>{letters}</p></body></html>'
    rendered = render_pdf(html, PdfJob(html, tmp_path, (tmp_path,)))
    pdf = tmp_path / "letters.pdf"
    pdf.write_bytes(rendered.data)
    assert letters in pages_text(pdf)[0]


def test_footnotes_sit_on_the_page_of_their_call_and_no_page_is_near_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import weasyprint
    from weasyprint.formatting_structure import boxes

    import otsreport.pdf
    import otsreport.pdfjobs
    from otsreport.build import BuildOptions, render
    from otsreport.pdf import PdfJob, RenderedPdf

    # Catch the very job WeasyPrint is given (with the paged-media stylesheet), then lay it
    # out here as a worker would (fitting included), and keep the layout it writes, where
    # the boxes of each page can be inspected.
    given: list[PdfJob] = []

    def capture(jobs: list[PdfJob], *_: object) -> list[RenderedPdf]:
        given.extend(jobs)
        return [RenderedPdf(b"", 1) for _ in jobs]

    monkeypatch.setattr(otsreport.pdfjobs, "render_jobs", capture)
    render(BuildOptions(audiences=["research"], formats=["pdf"], release_check=False))
    written: list[weasyprint.Document] = []
    write = otsreport.pdf._write

    def keep(document: weasyprint.Document, *rest: Any) -> RenderedPdf:
        written.append(document)
        return write(document, *rest)

    monkeypatch.setattr(otsreport.pdf, "_write", keep)
    otsreport.pdf.render_job(given[0])
    document = written[0]
    seen_calls = 0
    for number, page in enumerate(document.pages, 1):
        children = page._page_box.children
        footnote_area = next((c for c in children if isinstance(c, boxes.FootnoteAreaBox)), None)
        body = next(
            c for c in children if not isinstance(c, (boxes.FootnoteAreaBox, boxes.MarginBox))
        )
        notes = {
            id(note.element)
            for note in (footnote_area.children if footnote_area else [])
            if note.element is not None
        }
        calls = {
            id(box.footnote.element)
            for box in body.descendants()
            if getattr(box, "footnote", None) is not None
        }
        assert calls == notes, f"page {number}: calls and footnotes differ"
        seen_calls += len(calls)
        if number < len(document.pages):
            blocks = [b for b in page._page_box.descendants() if isinstance(b, boxes.LineBox)]
            bottom = max(b.position_y + b.height for b in blocks)
            assert bottom > page.height * 0.6, f"page {number} is near empty"
    assert seen_calls > 40  # one note per distinct citation (46 in the sample's research)


HOSTILE = """{{% extends "default:sections/summary.html.j2" %}}
{{% block content %}}
<img src="http://127.0.0.1:{port}/beacon.png" alt="">
<img src="file:///etc/passwd" alt="">
<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
<style>@import url("http://127.0.0.1:{port}/import.css");
.lead {{ background: url("file:///etc/hostname"); }}</style>
<a rel="attachment" href="file:///etc/passwd">passwd</a>
<object data="file:///etc/passwd"></object>
{{{{ super() }}}}
{{% endblock %}}
"""


def test_hostile_template_leaks_nothing_and_reaches_no_server(tmp_path: Path) -> None:
    import http.server
    import threading

    from otsreport.build import BuildOptions, build

    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"root:x:0:0 from the server")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        mine = tmp_path / "mine" / "sections"
        mine.mkdir(parents=True)
        (mine / "summary.html.j2").write_text(
            HOSTILE.format(port=server.server_address[1]), encoding="utf-8"
        )
        out = tmp_path / "out"
        result = build(
            BuildOptions(
                audiences=["diplomatic"],
                formats=["pdf"],
                out=out,
                template_dirs=[tmp_path / "mine"],
            )
        )
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    pdf = (out / "diplomatic.pdf").read_bytes()
    text = " ".join(pages_text(out / "diplomatic.pdf"))
    assert "root:x:0:0" not in text and b"root:x:0:0" not in pdf
    assert b"/EmbeddedFile" not in pdf
    refused = "\n".join(result.warnings)
    assert "file:///etc/passwd" in refused
    assert f"http://127.0.0.1:{server.server_address[1]}/beacon.png" in refused


def test_templates_cannot_include_files_outside_their_folders(tmp_path: Path) -> None:
    from otsreport.build import BuildOptions, build
    from otsreport.errors import UserError

    mine = tmp_path / "mine"
    mine.mkdir()
    for name in ("/etc/passwd", "../../../../etc/passwd"):
        (mine / "brief.html.j2").write_text(f'{{% include "{name}" %}}', encoding="utf-8")
        with pytest.raises(UserError, match=r"template not found|leads outside its folder"):
            build(
                BuildOptions(
                    audiences=["press"], formats=["html"], out=tmp_path / "o", template_dirs=[mine]
                )
            )


def test_a_near_empty_last_page_is_fitted_back(tmp_path: Path) -> None:
    from otsreport.pdf import PdfJob, render_job, render_pdf

    # Loose paragraphs: two spill onto a second page; the tighter fit-1 spacing takes them back.
    style = (
        "@page { size: A6; margin: 10mm } p { margin: 0 0 9mm; font: 10pt/1.2 serif }"
        " html.fit-1 p { margin: 0 0 2mm }"
    )
    body = "".join(f"<p>Paragraph {n} of a brief that nearly fits.</p>" for n in range(14))
    html = f'<html lang="en"><head><style>{style}</style></head><body>{body}</body></html>'
    job = PdfJob(html, tmp_path, (tmp_path,))
    assert render_pdf(html, job).pages == 2  # as laid out once
    assert render_job(job).pages == 1  # fitted
