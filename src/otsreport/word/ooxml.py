"""The few WordprocessingML pieces python-docx does not make: footnotes, a table-of-contents
field, repeating table headers, text language, image descriptions, reproducible zips.

Each is the smallest XML Word needs, built with python-docx's own element tools and attached
through its package API, so the rest of the document stays python-docx's.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any, Final

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

FOOTNOTES_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
NOTE_SEPARATOR: Final = ","  # between adjacent footnote calls, superscript like them
_EMPTY_FOOTNOTES: Final = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


class Footnotes:
    """The document's footnotes part: created when the reference document has none."""

    def __init__(self, document: Any) -> None:
        part = document.part
        for relationship in part.rels.values():
            if relationship.reltype == RT.FOOTNOTES:
                self.part = relationship.target_part
                self.element = self.part.element
                break
        else:
            footnotes = XmlPart(
                PackURI("/word/footnotes.xml"),
                FOOTNOTES_TYPE,
                parse_xml(_EMPTY_FOOTNOTES),
                part.package,
            )
            part.relate_to(footnotes, RT.FOOTNOTES)
            self.part = footnotes
            self.element = footnotes.element
        for note in self.element.findall(qn("w:footnote")):
            if note.get(qn("w:type")) is None:  # the reference document's own notes
                self.element.remove(note)
        self.next_id = 1

    def add(
        self,
        paragraph: Any,
        text: str,
        style_ids: tuple[str, str],
        link: tuple[str, str] = ("", ""),
    ) -> int:
        """A footnote holding ``text``, called at the end of ``paragraph``; its number.
        ``link``: (words, address): the words, after the text, link there."""
        reference_style, text_style = style_ids
        number = self.next_id
        self.next_id += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        body = OxmlElement("w:p")
        body.append(_paragraph_style(text_style))
        body.append(_run_with(reference_style, "w:footnoteRef"))
        words, address = link
        body.append(_text_run(" " + text + ("" if address else words)))
        if words and address:
            body.append(hyperlink(self.part, words, address))
        note.append(body)
        self.element.append(note)
        if _ends_with_call(paragraph._p):  # "1,2", not "12": Word's own separator
            separator = _run_with(reference_style, "w:t")
            separator[-1].text = NOTE_SEPARATOR
            paragraph._p.append(separator)
        call = _run_with(reference_style, "w:footnoteReference")
        call[-1].set(qn("w:id"), str(number))
        paragraph._p.append(call)
        return number


def hyperlink(part: Any, text: str, address: str) -> Any:
    """A run of ``text`` linking to the external ``address``, related from ``part``."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), part.relate_to(address, RT.HYPERLINK, is_external=True))
    run = _text_run(text)
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    run.insert(0, properties)
    link.append(run)
    return link


def _ends_with_call(paragraph: Any) -> bool:
    """Whether the paragraph's last run is a footnote call, which a new one would touch."""
    last = paragraph[-1] if len(paragraph) else None
    return last is not None and last.find(qn("w:footnoteReference")) is not None


def _paragraph_style(style_id: str) -> Any:
    properties = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    properties.append(style)
    return properties


def _run_with(style_id: str, tag: str) -> Any:
    """A run of one special element (a footnote's mark or call) in a character style."""
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), style_id)
    properties.append(style)
    run.append(properties)
    run.append(OxmlElement(tag))
    return run


def _text_run(text: str) -> Any:
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


TOC_INSTRUCTIONS: Final = ' TOC \\o "1-3" \\h \\z \\u '  # Heading 1-3, linked, by outline


def begin_field(paragraph: Any, instructions: str) -> None:
    """Open a complex field in ``paragraph``: what follows, up to ``end_field``, is its
    result as last computed, which Word shows until it updates the field."""
    for kind in ("begin", "instr", "separate"):
        run = OxmlElement("w:r")
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instructions
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)
        paragraph._p.append(run)


def end_field(paragraph: Any) -> None:
    run = OxmlElement("w:r")
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), "end")
    run.append(element)
    paragraph._p.append(run)


def update_fields_on_open(document: Any) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        settings.append(element)


def repeat_header_row(row: Any) -> None:
    """Mark a table row to repeat at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def cant_split(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def set_language(document: Any, language: str) -> None:
    """The language Word checks spelling in, for all text (the document defaults)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), language)
    properties.append(lang)


def run_language(run: Any, language: str) -> None:
    """One run in another language than the document's (an English fallback, say)."""
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run._r.get_or_add_rPr().append(lang)


# What follows w:shd in a run's properties (ECMA-376 CT_RPr), so the shading goes before it.
_AFTER_SHADING: Final = (
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip


def shade_run(run: Any, fill: str) -> None:
    """A run set on a solid background of ``fill`` (RRGGBB), as a label printed on a
    colour; in its place among the run's properties, which Word's schema orders."""
    properties = run._r.get_or_add_rPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement(
        "w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
    )
    properties.insert_element_before(shading, *_AFTER_SHADING)


def describe_picture(shape: Any, description: str) -> None:
    """Alternative text of an inline picture, read out by screen readers."""
    shape._inline.docPr.set("descr", description)


def reproducible_zip(data: bytes, stamp: datetime) -> bytes:
    """The same zip with every entry dated ``stamp``: python-docx dates them now."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def add_page_field(paragraph: Any, pattern: str) -> None:
    """'Page {page} of {pages}', translated, with PAGE and NUMPAGES fields in place of the
    numbers, which Word keeps current."""
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece in ("{page}", "{pages}"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE" if piece == "{page}" else "NUMPAGES")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
        elif piece:
            paragraph.add_run(piece)
