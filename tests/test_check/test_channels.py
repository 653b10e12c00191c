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


@pytest.fixture(scope="module")
def press_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's press brief in Word, built once for the planting tests."""
    out = tmp_path_factory.mktemp("press-docx")
    result = run("build", "-a", "press", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out / "press.docx"


def _planted(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], bytes],
    add: Callable[[zipfile.ZipFile], None] = lambda _: None,
) -> Path:
    """A copy of the Word file ``source`` with each part passed through ``change``, and
    whatever ``add`` writes into it."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            copy.writestr(info, change(info.filename, original.read(info)))
        add(copy)
    return target


@pytest.mark.parametrize("part", ["docProps/core.xml", "word/comments.xml", "word/footnotes.xml"])
def test_a_passage_planted_in_any_word_part_is_found(
    press_docx: Path, tmp_path: Path, amber: str, part: str
) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == part and part.startswith("docProps"):
            return data.replace(b"</dc:title>", amber.encode() + b"</dc:title>", 1)
        if name == part:  # a paragraph before the root element closes
            end = data.rindex(b"</")
            return data[:end] + f"<w:p><w:r><w:t>{amber}</w:t></w:r></w:p>".encode() + data[end:]
        return data

    def add(target: zipfile.ZipFile) -> None:
        if part not in target.namelist():
            target.writestr(part, f'<w:comments xmlns:w="urn:w"><w:t>{amber}</w:t></w:comments>')

    planted = _planted(press_docx, tmp_path / "press.docx", change, add)
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


def _pdf_appearance(pdf: pikepdf.Pdf, text: str) -> None:
    """Text drawn by an annotation's appearance stream: on the page, not in its content."""
    stream = pdf.make_stream(f"BT /F1 8 Tf 10 10 Td ({text}) Tj ET".encode())
    stream["/Type"], stream["/Subtype"] = pikepdf.Name.XObject, pikepdf.Name.Form
    stream["/BBox"] = [0, 0, 500, 20]
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.FreeText,
        Rect=[0, 0, 500, 20],
        AP=pikepdf.Dictionary(N=stream),
    )
    page = pdf.pages[0]
    page.obj["/Annots"] = pdf.make_indirect(
        pikepdf.Array([*page.obj.get("/Annots", []), pdf.make_indirect(note)])
    )


def _pdf_untyped_attachment(pdf: pikepdf.Pdf, text: str) -> None:
    spec = pikepdf.AttachedFileSpec(pdf, text.encode("utf-16"), filename="notes.txt")
    pdf.attachments["notes.txt"] = spec
    del spec.get_file().obj["/Type"]


def _pdf_javascript(pdf: pikepdf.Pdf, text: str) -> None:
    script = pdf.make_stream(f"app.alert('{text}');".encode())
    pdf.Root["/OpenAction"] = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=script)


@pytest.mark.parametrize(
    "plant", [_pdf_appearance, _pdf_untyped_attachment, _pdf_javascript], ids=lambda f: f.__name__
)
def test_text_drawn_or_stored_outside_the_page_content_is_found(
    sample_build: Path, tmp_path: Path, amber: str, plant: Callable[[pikepdf.Pdf, str], None]
) -> None:
    planted = tmp_path / "press.pdf"
    with pikepdf.open(sample_build / "press.pdf") as pdf:
        plant(pdf, amber)
        pdf.save(planted)
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and "(TLP:AMBER)" in output, output


def test_bytes_no_object_reaches_are_read_too(
    sample_build: Path, tmp_path: Path, amber: str
) -> None:
    """What an earlier revision left in the file (an object no cross-reference table
    reaches any more) is still in the bytes a recipient receives."""
    leftover = f"\n1000 0 obj\n({amber})\nendobj\n".encode()
    planted = tmp_path / "press.pdf"
    planted.write_bytes((sample_build / "press.pdf").read_bytes() + leftover)
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and "PDF bytes" in output, output


@pytest.mark.parametrize(
    "planted_html",
    [
        "</html>\n<p>{text}</p>",  # after the document element: browsers still show it
        "<!-- {text} -->\n",  # before it
        '<a href="data:application/octet-stream;base64,{b64}">x</a>',
        "<p>{zero_width}</p>",
    ],
)
def test_html_outside_the_document_encoded_or_split_invisibly_is_found(
    sample_build: Path, tmp_path: Path, amber: str, planted_html: str
) -> None:
    import base64

    html = (sample_build / "press.html").read_text(encoding="utf-8")
    snippet = planted_html.format(
        text=amber,
        b64=base64.b64encode(amber.encode()).decode(),
        zero_width="\u200b".join(amber),
    )
    if snippet.endswith("\n") and snippet.startswith("<!--"):
        forged = snippet + html
    elif snippet.startswith("</html>"):
        forged = html.rstrip().removesuffix("</html>") + snippet
    else:
        forged = html.replace("</body>", snippet + "</body>")
    planted = tmp_path / "press.html"
    planted.write_text(forged, encoding="utf-8")
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and "(TLP:AMBER)" in output, output


@pytest.mark.parametrize(
    ("part", "content"),
    [
        ("word/document.xml", "comment"),
        ("word/vmlDrawing1.vml", "<xml><v:textbox xmlns:v='urn:v'>{text}</v:textbox></xml>"),
        ("word/extra.XML", "<x>{text}</x>"),
        ("word/notes.txt", "utf-16"),
        ("(zip comment)", "{text}"),
    ],
)
def test_any_word_part_comment_or_encoding_is_read(
    press_docx: Path, tmp_path: Path, amber: str, part: str, content: str
) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == part and content == "comment":
            end = data.rindex(b"</")
            return data[:end] + f"<!-- {amber} -->".encode() + data[end:]
        return data

    def add(target: zipfile.ZipFile) -> None:
        if part == "(zip comment)":
            target.comment = amber.encode()
        elif content == "utf-16":
            target.writestr(part, amber.encode("utf-16"))
        elif content != "comment":
            target.writestr(part, content.format(text=amber))

    planted = _planted(press_docx, tmp_path / "press.docx", change, add)
    code, output = check(planted, "-d", str(sample_dossier_dir()))
    assert code == 1 and "(TLP:AMBER)" in output, output


def test_a_decoy_label_beside_the_marking_is_refused(sample_build: Path, tmp_path: Path) -> None:
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    forged = tmp_path / "research.html"
    forged.write_text(html.replace(">TLP:AMBER</p>", ">TLP:CLEAR<span>TLP:AMBER</span></p>", 1))
    code, output = check(forged, "-d", str(sample_dossier_dir()))
    assert code == 1 and "as its marking" in output, output


def test_a_dossier_changed_since_the_build_is_refused_unless_asked(
    tmp_path: Path,
) -> None:
    from ..conftest import OTHER_DOSSIER, edit

    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    out = tmp_path / "o"
    assert (
        run("build", "-d", str(folder), "-a", "press", "-f", "html", "-o", str(out)).exit_code == 0
    )
    assert check(out / "press.html")[0] == 0
    edit(folder / "dossier.yaml", "as_of: 2026-01-15\n", "as_of: 2026-01-16\n")
    code, output = check(out / "press.html")
    assert code == 2 and "--as-is" in output, output
    code, output = check(out / "press.html", "--as-is")
    assert code == 0 and "as it is now" in output, output
