"""A brief laid out in parts and merged, read back from the PDF: everything a whole layout
gives (page numbers, contents, cross-references, outline, structure tree, attachments) and the
same bytes however many workers made it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from otsreport.pdf import PdfJob
from otsreport.pdfjobs import cut_for
from tests.conftest import assert_holds_every_fact, run
from tests.pdf_layout import read_pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parts")
    result = run("build", "-a", "research", "-f", "pdf", "--pdf-layout", "parts", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "laid out whole" not in result.output
    return out / "research.pdf"


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """(title, page index) of every outline item, in reading order."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found: list[tuple[str, int]] = []

    def walk(items: list[pikepdf.OutlineItem]) -> None:
        for item in items:
            found.append((item.title, pages[item.destination[0].objgen]))
            walk(item.children)

    with pdf.open_outline() as tree:
        walk(tree.root)
    return found


def elements(nodes: pikepdf.Array) -> Iterator[pikepdf.Dictionary]:
    stack = list(nodes)
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield item
            kids = item.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])


def test_every_page_reads_page_i_of_n(in_parts: Path) -> None:
    pages = read_pages(in_parts)
    assert len(pages) > 12  # the sample, cut into parts that each start a page
    for page in pages:
        text = " ".join(line.text for line in page.lines)
        assert re.findall(r"Page (\d+) of (\d+)", text) == [(str(page.number), str(len(pages)))]
        marks = [w for w in page.words if str(w["text"]).startswith("TLP:")]
        assert len(marks) == 2, f"p{page.number}: the marking {len(marks)} times"
        if page.number > 1:  # the running head, carried into every part
            head = " ".join(line.text for line in page.lines if line.top < 60)
            assert "Azerbaijan and Hungary in the Organization" in head


def test_contents_and_cross_references_print_the_pages_they_point_to(in_parts: Path) -> None:
    """Each numbered link (a contents line, a "see ..., p. N") prints its target's page."""
    checked = {"contents": 0, "see": 0}
    with pikepdf.open(in_parts) as pdf, pdfplumber.open(in_parts) as plumbed:
        numbers = {page.objgen: n + 1 for n, page in enumerate(pdf.pages)}
        targets = {
            name: numbers[dest[0].objgen]
            for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()
        }
        for page, plumbed_page in zip(pdf.pages, plumbed.pages, strict=True):
            height = float(page.mediabox[3])
            for link in page.obj.get("/Annots", []):
                x0, y0, x1, y1 = (float(v) for v in link.Rect)
                box = (x0 - 1, height - max(y0, y1) - 1, x1 + 1, height - min(y0, y1) + 1)
                words = plumbed_page.within_bbox(box).extract_words()
                text = " ".join(str(w["text"]) for w in words)
                printed = re.search(r"(?:\.{3,}\s*|p\.\s?)(\d+)$", text)
                if printed:
                    assert int(printed.group(1)) == targets[str(link.Dest)], (text, link.Dest)
                    checked["contents" if "..." in text else "see"] += 1
    assert checked["contents"] >= 10 and checked["see"] >= 5, checked


def test_outline_is_the_whole_layouts_and_each_heading_is_on_its_page(
    in_parts: Path, sample_build: Path
) -> None:
    with pikepdf.open(in_parts) as pdf, pikepdf.open(sample_build / "research.pdf") as whole:
        ours, theirs = outline(pdf), outline(whole)
    assert [title for title, _ in ours] == [title for title, _ in theirs]
    pages = read_pages(in_parts)
    for title, index in ours[1:]:
        text = " ".join(line.text for line in pages[index].lines)
        assert title in text, title


def test_one_structure_tree_holds_every_part(in_parts: Path) -> None:
    with pikepdf.open(in_parts) as pdf:
        root = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "en-GB"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        found = list(
            elements(pikepdf.Array([root.K]) if isinstance(root.K, pikepdf.Dictionary) else root.K)
        )
        assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure", "/Link"} <= {
            str(e.S) for e in found
        }
        document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
        assert all(document == kid.P for kid in document.K)
        page_ids = {page.objgen for page in pdf.pages}
        assert all(e.Pg.objgen in page_ids for e in found if "/Pg" in e)
        # Every page's and every link's parent-tree key is there, and no key twice.
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys)) and int(root.ParentTreeNextKey) == max(keys) + 1
        wanted = {int(page.obj.StructParents) for page in pdf.pages}
        wanted |= {int(a.StructParent) for page in pdf.pages for a in page.obj.get("/Annots", [])}
        assert wanted == set(keys)
        # Table header ids are unique across the parts, and every cell's headers exist.
        ids = [str(e.ID) for e in found if "/ID" in e]
        assert len(ids) == len(set(ids)) > 0
        headers = {str(h) for e in found if "/A" in e and "/Headers" in e.A for h in e.A.Headers}
        assert headers and headers <= set(ids)


def test_the_merged_brief_holds_every_fact(in_parts: Path) -> None:
    text = " ".join(page.extract_text() or "" for page in PdfReader(in_parts).pages)
    assert_holds_every_fact(re.sub(r"\s+", " ", text))


def test_one_worker_or_two_make_the_same_bytes(in_parts: Path, tmp_path: Path) -> None:
    args = ["build", "-a", "research", "-f", "pdf", "--pdf-layout", "parts", "--jobs", "1"]
    result = run(*args, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "research.pdf").read_bytes() == in_parts.read_bytes()


def test_an_archival_brief_in_parts_carries_its_data(tmp_path: Path) -> None:
    args = ["build", "-a", "diplomatic", "-f", "pdf", "--pdf-layout", "parts"]
    result = run(*args, "--pdf-variant", "archive", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "diplomatic.pdf") as pdf:
        assert set(pdf.attachments) == {"dossier.json", "build.json"}
        with pdf.open_metadata() as xmp:
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "B")
    extracted = run("extract", str(tmp_path / "diplomatic.pdf"), "-o", str(tmp_path / "d.json"))
    assert extracted.exit_code == 0, extracted.output
    assert "azerbaijan-hungary-ots" in (tmp_path / "d.json").read_text()


def test_print_rules_the_parts_cannot_keep_lay_the_brief_out_whole(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "styles"
    mine.mkdir(parents=True)
    paged = (TEMPLATES / "styles" / "paged.css").read_text()
    (mine / "paged.css").write_text(paged + "\n@page :left { margin-left: 36mm; }\n")
    args = ["build", "-a", "executive", "-f", "pdf", "--pdf-layout", "parts"]
    result = run(*args, "-t", str(tmp_path / "mine"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "laid out whole, in one process: page rules for left, right" in result.output
    pages = read_pages(tmp_path / "out" / "executive.pdf")
    assert all(f"of {len(pages)}" in " ".join(line.text for line in p.lines) for p in pages)


def test_only_a_long_brief_is_laid_out_in_parts_unless_asked() -> None:
    def job(paragraphs: int, layout: str = "auto") -> PdfJob:
        body = "".join(
            f"<section><h2>S{n}</h2><p>{'word ' * 300}</p></section>" for n in range(paragraphs)
        )
        html = f"<html lang='en'><body><main>{body}</main></body></html>"
        return PdfJob(html=html, base_dir=Path(), allowed_roots=(), layout=layout)

    assert cut_for(job(10)) == (None, [])  # about 5 pages
    long_cut, _ = cut_for(job(200))  # about 100 pages
    assert long_cut is not None and len(long_cut.parts) >= 2
    assert cut_for(job(200, "whole")) == (None, [])
    forced, _ = cut_for(job(10, "parts"))
    assert forced is not None and len(forced.parts) >= 4


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
def test_the_merged_file_is_structurally_sound(in_parts: Path) -> None:
    import subprocess

    checked = subprocess.run(["qpdf", "--check", str(in_parts)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
