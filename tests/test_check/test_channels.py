"""The release check reads every channel: a withheld passage planted in a PDF's metadata,
XMP, bookmarks, alternate text or link URIs, in an HTML attribute or comment, in a Word
file's properties, comments or footnotes, is found and named; a clean brief passes; a brief
that cannot be tied to its dossier is a usage error."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from otsreport.paths import sample_dossier_dir
from otsreport.validate import load_dossier

from ..conftest import run


@pytest.fixture(scope="module")
def amber() -> str:
    """An AMBER text of the sample: a source's own judgment, never in the CLEAR press brief."""
    return str(load_dossier(sample_dossier_dir()).assessments[0].wording)


def check(brief: Path, *args: str) -> tuple[int, str]:
    result = run("check-release", str(brief), *args)
    return result.exit_code, result.output


def _pdf_info(pdf: pikepdf.Pdf, text: str) -> None:
    pdf.docinfo["/Subject"] = text


def _pdf_xmp(pdf: pikepdf.Pdf, text: str) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:description"] = text


def _pdf_bookmark(pdf: pikepdf.Pdf, text: str) -> None:
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(text, 0))


def _pdf_link(pdf: pikepdf.Pdf, text: str) -> None:
    page = pdf.pages[0]
    uri = "https://example.org/?q=" + text.replace(" ", "%20")
    link = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri)),
        )
    )
    page.obj["/Annots"] = pdf.make_indirect(pikepdf.Array([*page.obj.get("/Annots", []), link]))


def _pdf_alt(pdf: pikepdf.Pdf, text: str) -> None:
    root = pdf.Root.StructTreeRoot
    element = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Alt=text)
    )
    root["/K"] = pikepdf.Array([root.K, element]) if "/K" in root else element


@pytest.mark.parametrize(
    "plant", [_pdf_info, _pdf_xmp, _pdf_bookmark, _pdf_link, _pdf_alt], ids=lambda f: f.__name__
)
def test_a_passage_planted_in_any_pdf_channel_is_found(
    sample_build: Path, tmp_path: Path, amber: str, plant: Callable[[pikepdf.Pdf, str], None]
) -> None:
    planted = tmp_path / "press.pdf"
    with pikepdf.open(sample_build / "press.pdf") as pdf:
        plant(pdf, amber)
        pdf.save(planted)
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1, output
    assert "above TLP:CLEAR" in output and "assessment" in output and "(TLP:AMBER)" in output


@pytest.mark.parametrize(
    "planted_html",
    [
        '<img alt="{text}" src="data:,">',
        '<a href="https://example.org/{text}">x</a>',
        "<!-- {text} -->",
        '<meta name="description" content="{text}">',
    ],
)
def test_a_passage_planted_in_html_attributes_or_comments_is_found(
    sample_build: Path, tmp_path: Path, amber: str, planted_html: str
) -> None:
    html = (sample_build / "press.html").read_text(encoding="utf-8")
    planted = tmp_path / "press.html"
    planted.write_text(html.replace("</body>", planted_html.format(text=amber) + "</body>"))
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and "HTML" in output, output


@pytest.mark.parametrize("part", ["docProps/core.xml", "word/comments.xml", "word/footnotes.xml"])
def test_a_passage_planted_in_any_word_part_is_found(
    sample_build: Path, tmp_path: Path, amber: str, part: str
) -> None:
    result = run("build", "-a", "press", "-f", "docx", "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    planted = tmp_path / "press.docx"
    with (
        zipfile.ZipFile(tmp_path / "o" / "press.docx") as source,
        zipfile.ZipFile(planted, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part and part.startswith("docProps"):
                data = data.replace(b"</dc:title>", amber.encode() + b"</dc:title>", 1)
            elif info.filename == part:  # a paragraph before the root element closes
                end = data.rindex(b"</")
                run_ = f"<w:p><w:r><w:t>{amber}</w:t></w:r></w:p>".encode()
                data = data[:end] + run_ + data[end:]
            target.writestr(info, data)
        if part not in source.namelist():
            target.writestr(part, f'<w:comments xmlns:w="urn:w"><w:t>{amber}</w:t></w:comments>')
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and part in output, output


def test_clean_briefs_pass_and_every_channel_is_named(sample_build: Path) -> None:
    briefs = [
        str(sample_build / f"{a}.{s}") for a in ("press", "research") for s in ("html", "pdf")
    ]
    result = run("check-release", *briefs)
    assert result.exit_code == 0, result.output
    assert result.output.count("nothing in it is above that") == 4


def test_a_brief_out_of_its_build_folder_needs_its_dossier_named(
    sample_build: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "press.pdf"
    shutil.copy(sample_build / "press.pdf", moved)
    code, output = check(moved)
    assert code == 2 and "--dossier" in output, output
    other = Path(__file__).resolve().parents[1] / "dossiers" / "lake-varen"
    code, output = check(moved, "-d", str(other))
    assert code == 2 and "built from dossier" in output, output


def test_a_relabelled_brief_is_caught_by_its_printed_marking(
    sample_build: Path, tmp_path: Path
) -> None:
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    forged = tmp_path / "research.html"
    forged.write_text(
        html.replace(
            'name="otsreport-marking" content="TLP:AMBER"',
            'name="otsreport-marking" content="TLP:CLEAR"',
        )
    )
    code, output = check(forged, "-d", str(sample_dossier_dir()))
    assert code == 1 and "does not print its marking TLP:CLEAR" in output, output
