"""Hostile reference documents: a reference lends styles, numbering, page setup and letterhead
and nothing else (no body, notes, comments, properties, variables, macros, custom XML, links),
and a broken or entity-expanding part is a clear data error naming the file and the part."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import Result
from docx.shared import Cm
from PIL import Image

from otsreport.errors import UserError
from otsreport.word.reference import clean_reference
from tests.conftest import OTHER_DOSSIER, run

LEFT_OUT = ("comments", "endnotes", "custom.xml", "app.xml", "vbaProject", "customXml", "embed")


def build(out: Path, reference: Path, audience: str = "executive", *more: str) -> Result:
    options = ["-a", audience, "-f", "docx", "--reference-docx", str(reference), *more]
    return run("build", *options, "-o", str(out))


def entries(file: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(file) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, format="PNG")
    return out.getvalue()


def rewrite(file: Path, changes: dict[str, bytes | None]) -> Path:
    """``file`` with entries replaced, added (bytes) or removed (None)."""
    parts = entries(file)
    for name, data in changes.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    with zipfile.ZipFile(file, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return file


def test_a_brief_built_by_otsreport_lends_only_its_look(tmp_path: Path) -> None:
    made = run(
        "build", "-d", str(OTHER_DOSSIER), "-a", "research", "-f", "docx",
        "-o", str(tmp_path / "varen"),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    reference = tmp_path / "varen" / "research.docx"
    assert "word/footnotes.xml" in entries(reference)
    assert any(name.startswith("word/media/") for name in entries(reference))
    result = build(tmp_path / "out", reference, "research")
    assert result.exit_code == 0, result.output
    brief = tmp_path / "out" / "research.docx"
    for name, data in entries(brief).items():
        assert b"Varen" not in data, name
    notes = entries(brief)["word/footnotes.xml"].decode()
    assert "Source article, ¶5" in notes  # the brief's own footnotes, not the reference's
    # the brief's one picture is its own timeline chart; the reference's is not carried over
    assert len([n for n in entries(brief) if n.startswith("word/media/")]) == 1
    title = docx.Document(str(brief)).core_properties.title
    assert title == "Azerbaijan and Hungary in the Organization of Turkic States"


HEADER_EXTRAS = (
    '<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>our site</w:t></w:r></w:hyperlink>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText> INCLUDETEXT "http://example.invalid/x" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>shown</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>'
)


def hostile_reference(folder: Path) -> Path:
    """A letterhead with a picture in its header, and everything a reference must not lend:
    body text, comments, notes, document variables, properties, a linked template, macros."""
    document = docx.Document()
    document.add_paragraph("SECRET body text")
    document.core_properties.title = "SECRET title"
    document.core_properties.author = "SECRET author"
    document.styles["Heading 1"].font.name = "Courier New"
    run_ = document.sections[0].header.paragraphs[0].add_run()
    run_.add_picture(io.BytesIO(png()), width=Cm(2))
    file = folder / "letterhead.docx"
    document.save(str(file))
    parts = entries(file)
    [header] = [n for n in parts if n.startswith("word/header")]
    header_rels = f"word/_rels/{header.rsplit('/', 1)[1]}.rels"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    external = (
        '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/{kind}" Target="{target}" TargetMode="External"/></Relationships>'
    )
    settings = parts["word/settings.xml"].replace(
        b"</w:settings>",
        b'<w:docVars><w:docVar w:name="v" w:val="SECRET variable"/></w:docVars>'
        b'<w:attachedTemplate r:id="rIdT"/></w:settings>',
    )
    extra_rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/comments" Target="comments.xml"/></Relationships>',
    )
    return rewrite(
        file,
        {
            "word/settings.xml": settings,
            "word/_rels/settings.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships">'
                + external.format(id="rIdT", kind="attachedTemplate", target="http://x.invalid/t")
            ).encode(),
            header: parts[header].replace(b"</w:hdr>", HEADER_EXTRAS.encode()),
            header_rels: parts[header_rels].replace(
                b"</Relationships>",
                external.format(id="rIdLink", kind="hyperlink", target="http://x.invalid").encode(),
            ),
            "word/_rels/document.xml.rels": extra_rels,
            "word/comments.xml": f"<w:comments {w}><w:comment w:id='0'><w:p><w:r><w:t>"
            "SECRET comment</w:t></w:r></w:p></w:comment></w:comments>".encode(),
            "word/endnotes.xml": f"<w:endnotes {w}><w:endnote w:id='1'><w:p><w:r><w:t>"
            "SECRET endnote</w:t></w:r></w:p></w:endnote></w:endnotes>".encode(),
            "docProps/custom.xml": b"<Properties><property>SECRET custom</property></Properties>",
            "customXml/item1.xml": b"<data>SECRET custom XML</data>",
            "word/vbaProject.bin": b"SECRET macro",
            "word/embeddings/oleObject1.bin": b"SECRET object",
        },
    )


def test_a_reference_lends_styles_and_letterhead_and_nothing_else(tmp_path: Path) -> None:
    reference = hostile_reference(tmp_path)
    clean = entries_of(clean_reference(reference))
    assert not [n for n in clean if any(word in n for word in LEFT_OUT)], sorted(clean)
    for name, data in clean.items():
        assert b"SECRET" not in data and b"x.invalid" not in data, name
        assert b'TargetMode="External"' not in data and b"INCLUDETEXT" not in data, name
    [header] = [data for name, data in clean.items() if name.startswith("word/header")]
    assert b"our site" in header and b"shown" in header and b" PAGE " in header
    assert [n for n in clean if n.startswith("word/media/")]  # the letterhead's picture stays
    result = build(tmp_path / "out", reference)
    assert result.exit_code == 0, result.output
    brief = tmp_path / "out" / "executive.docx"
    for name, data in entries(brief).items():
        assert b"SECRET" not in data and b"x.invalid" not in data, name
    document = docx.Document(str(brief))
    assert document.styles["Heading 1"].font.name == "Courier New"
    assert document.core_properties.author != "SECRET author"


def entries_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:style><w:name w:val='&j;'/></w:style></w:styles>"
)
SMALL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "x">]>'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&a;'
    "</w:styles>"
)


@pytest.mark.parametrize(
    ("part", "content", "words"),
    [
        ("word/styles.xml", LAUGHS, "word/styles.xml"),
        ("word/styles.xml", SMALL_ENTITY, "DTD"),
        ("word/styles.xml", "<w:styles><unclosed>", "not well-formed XML"),
        ("word/document.xml", "\x00\x01", "word/document.xml: not well-formed"),
        ("word/_rels/document.xml.rels", "<Relationships", "word/_rels/document.xml.rels"),
        ("[Content_Types].xml", "<Types><", "[Content_Types].xml"),
    ],
)
def test_a_broken_or_entity_expanding_part_is_a_data_error(
    tmp_path: Path, part: str, content: str, words: str
) -> None:
    reference = tmp_path / "letterhead.docx"
    docx.Document().save(str(reference))
    rewrite(reference, {part: content.encode()})
    if part == "[Content_Types].xml":  # read only for a letterhead's pictures
        reference = hostile_reference(tmp_path)
        rewrite(reference, {part: content.encode()})
    result = build(tmp_path / "out", reference)
    assert result.exit_code == 1, result.output
    assert str(reference) in result.output and words in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_a_reference_without_styles_is_refused(tmp_path: Path) -> None:
    reference = tmp_path / "bare.docx"
    docx.Document().save(str(reference))
    rewrite(reference, {"word/styles.xml": None})
    with pytest.raises(UserError, match="no styles part"):
        clean_reference(reference)


def test_reference_doc_is_pandocs_spelling_of_the_option(tmp_path: Path) -> None:
    reference = tmp_path / "letterhead.docx"
    document = docx.Document()
    document.styles["Heading 1"].font.name = "Courier New"
    document.save(str(reference))
    options = ["-a", "executive", "-f", "docx", "--reference-doc", str(reference)]
    result = run("build", *options, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    styles = docx.Document(str(tmp_path / "out" / "executive.docx")).styles
    assert styles["Heading 1"].font.name == "Courier New"
