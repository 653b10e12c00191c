"""Pages that read as designed, measured on the PDFs of every audience: of the sample and of
two fresh fictional dossiers (a long cast and many events; no places or roles at all).

Each rule is read from the tagged PDF (``pdf_layout.measure``): no heading, table caption
or table header without two lines of what it heads after it on its page; no page under a
third full but the last, and no last page of fewer than four lines; no blank run over a
third of a page that the next block would have fitted; each note printed once; and no
table column empty all the way down (read from the HTML the PDF is laid out from).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import html5lib
import pytest

from tests.conftest import REPO, run
from tests.pdf_layout import Sheet, blank_runs, measure, stranded, thin_pages

AUDIENCES = ["executive", "diplomatic", "press", "research"]
FRESH = ["orin-railway", "salt-marsh"]
DOSSIERS = REPO / "tests" / "dossiers"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def builds(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every audience of each fresh dossier built once (PDF and HTML), with the sample's."""
    folders = {"sample": sample_build}
    for name in FRESH:
        out = tmp_path_factory.mktemp(name)
        result = run("build", "-d", str(DOSSIERS / name), "-o", str(out), "-f", "pdf", "-f", "html")
        assert result.exit_code == 0, result.output
        folders[name] = out
    return folders


@cache
def sheets(pdf: Path) -> list[Sheet]:
    return measure(pdf)


BRIEFS = [(dossier, audience) for dossier in ["sample", *FRESH] for audience in AUDIENCES]


@pytest.mark.parametrize(("dossier", "audience"), BRIEFS)
def test_pages_read_as_designed(builds: dict[str, Path], dossier: str, audience: str) -> None:
    pages = sheets(builds[dossier] / f"{audience}.pdf")
    problems = stranded(pages) + thin_pages(pages) + blank_runs(pages)
    assert not problems, f"{dossier}/{audience}: {problems}"


@pytest.fixture(scope="module")
def hungarian(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every audience in Hungarian (longer words, other quotes and page references), of the
    sample and of a fresh dossier, PDF only."""
    folders = {}
    for name in ["sample", "orin-railway"]:
        out = tmp_path_factory.mktemp(f"{name}-hu")
        where = [] if name == "sample" else ["-d", str(DOSSIERS / name)]
        result = run("build", *where, "--lang", "hu", "-o", str(out), "-f", "pdf")
        assert result.exit_code == 0, result.output
        folders[name] = out
    return folders


@pytest.mark.parametrize("dossier", ["sample", "orin-railway"])
def test_pages_read_as_designed_in_another_language(
    hungarian: dict[str, Path], dossier: str
) -> None:
    for audience in AUDIENCES:
        pages = sheets(hungarian[dossier] / f"{audience}.hu.pdf")
        problems = stranded(pages) + thin_pages(pages) + blank_runs(pages)
        numbers = [
            row.text.split(".", 1)[0]
            for page in pages
            for row in page.notes
            if row.text.split(".", 1)[0].isdigit()
        ]
        problems += [f"note {n} twice" for n, count in Counter(numbers).items() if count > 1]
        assert not problems, f"{dossier}/{audience} (hu): {problems}"


@pytest.mark.parametrize(("dossier", "audience"), BRIEFS)
def test_each_note_number_is_used_once(
    builds: dict[str, Path], dossier: str, audience: str
) -> None:
    numbers = [
        row.text.split(".", 1)[0]
        for page in sheets(builds[dossier] / f"{audience}.pdf")
        for row in page.notes
        if row.text.split(".", 1)[0].isdigit()
    ]
    twice = [number for number, count in Counter(numbers).items() if count > 1]
    assert not twice, f"{dossier}/{audience}: notes numbered {twice} more than once"


def empty_columns(html: Path) -> list[str]:
    """Headings of table columns that no row of their table fills."""
    page = html5lib.parse(html.read_text(), namespaceHTMLElements=False)
    found = []
    for table in page.iter("table"):
        headings = [th.text or "" for th in table.findall("./thead/tr/th")]
        rows = [
            row.findall("./*")
            for row in table.findall("./tbody/tr")
            if len(row.findall("./*")) == len(headings)
        ]
        for index, heading in enumerate(headings):
            if rows and not any("".join(row[index].itertext()).strip() for row in rows):
                found.append(heading)
    return found


@pytest.mark.parametrize(("dossier", "audience"), BRIEFS)
def test_no_column_is_empty_all_the_way_down(
    builds: dict[str, Path], dossier: str, audience: str
) -> None:
    html = builds[dossier] / f"{audience}.html"
    assert not empty_columns(html), f"{dossier}/{audience}: {empty_columns(html)}"


def test_a_dossier_without_places_or_roles_has_no_such_columns(builds: dict[str, Path]) -> None:
    text = (builds["salt-marsh"] / "research.html").read_text()
    assert "Role or status" not in text and ">Where<" not in text
    # ...while one whose events have places and whose people have roles keeps both.
    text = (builds["orin-railway"] / "research.html").read_text()
    assert "Role or status" in text and ">Where<" in text


def test_the_long_cast_runs_over_pages_with_its_header_repeated(builds: dict[str, Path]) -> None:
    pages = sheets(builds["orin-railway"] / "research.pdf")
    with_names = [page for page in pages if any(r.text == "NAME ROLE OR STATUS" for r in page.rows)]
    assert len(with_names) >= 2, [page.number for page in with_names]
    assert len(pages) >= 5


def test_chart_labels_sit_on_boxes_that_hide_the_gridlines(builds: dict[str, Path]) -> None:
    """Each label is drawn over a white box at least as wide as its text (at the widest
    advance of the face), drawn after the gridlines, so no line crosses a label."""
    page = html5lib.parse(
        (builds["orin-railway"] / "research.html").read_text(), namespaceHTMLElements=False
    )
    figure = page.find(".//figure[@class='timeline-chart']")
    assert figure is not None
    svg = next(child for child in figure if child.tag == SVG + "svg")
    shapes = list(svg)
    labels = [s for s in shapes if s.tag == SVG + "text" and s.get("text-anchor") != "middle"]
    assert len(labels) >= 20
    last_line = max(i for i, s in enumerate(shapes) if s.tag == SVG + "line")
    for label in labels:
        index = shapes.index(label)
        box = shapes[index - 2]  # box, dot, label
        assert box.tag == SVG + "rect" and box.get("fill") == "#ffffff", label.text
        assert index - 2 > last_line, label.text
        x, width = float(box.get("x", 0)), float(box.get("width", 0))
        size, start = float(label.get("font-size", 0)), float(label.get("x", 0))
        extent = 0.6 * size * len(label.text or "")
        left = start if label.get("text-anchor") == "start" else start - extent
        assert x <= left and left + extent <= x + width, (label.text, x, width, left, extent)


def laid_out(tmp_path: Path, body: str) -> list[Sheet]:
    """``body`` laid out as a tagged A4 PDF with the brief's margins, then measured."""
    import weasyprint

    html = (
        "<html lang='en'><head><title>t</title><style>@page { size: A4; margin: 22mm 32mm }"
        "body { font: 10.5pt/1.4 serif } h2 { font-size: 13pt }</style></head>"
        f"<body>{body}</body></html>"
    )
    pdf = tmp_path / "t.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf, pdf_variant="pdf/ua-1")
    return measure(pdf)


def test_the_ruler_finds_a_stranded_heading_a_thin_page_and_a_blank_run(tmp_path: Path) -> None:
    lines = "".join(f"<p>Line {n} of plain text.</p>" for n in range(3))
    stranded_heading = laid_out(
        tmp_path,
        f"<div style='height: 228mm'></div><h2>Stranded</h2>"
        f"<div style='break-before: page'>{lines * 3}</div>",
    )
    assert stranded(stranded_heading) == ["p1: 'Stranded' (heading)"]
    thin = laid_out(tmp_path, f"{lines}<p style='break-before: page'>x</p>{lines}")
    assert [found.split(":")[0] for found in thin_pages(thin)] == ["p1"]
    assert [found.split(":")[0] for found in blank_runs(thin)] == ["p1"]
    assert thin[0].fill < 0.2 and thin[1].lines == 4
    good = laid_out(tmp_path, lines * 30)
    assert not (stranded(good) or thin_pages(good) or blank_runs(good))
