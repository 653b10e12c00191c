"""The brief as a Word document: built from the composed brief, not converted from HTML.

Word output is for clearance, where a draft goes round with tracked changes and comments, so
it has what Word users rely on: Heading styles (the navigation pane, Word's own contents), a
TOC field Word fills in on opening, the marking in the header and footer of every section,
citations as footnotes, tables whose header row repeats, the document's properties and the
language set on the text. Its look comes from a reference document (Pandoc's convention):
its styles, page setup and letterhead are kept, its content is replaced.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Final

from otsreport.formats.prose import WITHHELD_MANY, WITHHELD_ONE
from otsreport.i18n import gettext_for, translations
from otsreport.select.labels import PAGE_X_OF_Y
from otsreport.select.views import Brief, CitedSource, Item, SectionView
from otsreport.typography import quoted
from otsreport.word.items import ItemWriter
from otsreport.word.ooxml import (
    TOC_INSTRUCTIONS,
    Footnotes,
    add_page_field,
    begin_field,
    describe_picture,
    end_field,
    hyperlink,
    reproducible_zip,
    set_language,
    shade_run,
    update_fields_on_open,
)
from otsreport.word.page import fitted
from otsreport.word.properties import set_custom_properties, set_extended_properties
from otsreport.word.styles import ensure_styles, style_or
from otsreport.word.text import add_text, plain
from otsreport.word.tighter import tighten

MARKING_POINTS: Final = 12  # TLP 2.0: at least 12 pt in header and footer
MARKING_BACKGROUND: Final = "000000"
CHART_WIDTH_CM: Final = 16.0  # the chart's own width, narrowed to the text column


def write_docx(
    brief: Brief,
    *,
    reference: Path | IO[bytes],
    stamp: datetime,
    chart_png: bytes | None = None,
    chart_description: str = "",
    tight: int = 0,
) -> bytes:
    """The brief as DOCX bytes, the same bytes for the same brief, reference and stamp;
    ``tight``: how much denser than the reference's styles (``word.tighter``), for a budget."""
    import docx

    document = docx.Document(str(reference) if isinstance(reference, Path) else reference)
    _clear_body(document)
    ensure_styles(document)
    tighten(document, tight)
    _ = gettext_for(brief.lang)
    footnotes = Footnotes(document)
    writer = ItemWriter(
        gettext=_,
        locale=brief.lang,
        portion_marks=brief.portion_marks,
        cite=_citer(brief, footnotes, document),
        styles=lambda name, fallback: style_or(document, name, fallback),
    )
    _cover(document, brief, _)
    _contents(document, brief, _)
    for section in brief.sections:
        _section(document, writer, section, _, chart_png, chart_description)
    _colophon(document, brief, _)
    _headers_and_footers(document, brief, _)
    _properties(document, brief, stamp)
    set_language(document, brief.lang)
    update_fields_on_open(document)
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue(), stamp)


def _clear_body(document: Any) -> None:
    """Keep the reference's page setup (the body's last sectPr), drop its content."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _citer(brief: Brief, footnotes: Footnotes, document: Any) -> Callable[[Any, Item], None]:
    ids = (
        document.styles["Footnote Reference"].style_id,
        document.styles["Footnote Text"].style_id,
    )

    def cite(paragraph: Any, item: Item) -> None:
        if brief.citations == "footnotes":
            # A note is a portion of the item that calls it: it opens with the item's mark
            # (what the item prints includes the sources it cites and their grades).
            mark = f"({item.marking.portion}) " if brief.portion_marks else ""
            for note in item.notes:
                grade = f" ({note.grade})" if note.grade else ""
                quote = quoted(note.quote, brief.lang)
                label = f"{mark}{note.source_title}, ¶{note.paragraph}{grade}: "
                footnotes.add(paragraph, label, ids, (quote, note.quote_href))
        elif brief.citations == "inline" and item.evidence.sources:
            _inline(paragraph, item.evidence.sources)
        if item.evidence.corroboration:
            paragraph.add_run(f" [{item.evidence.corroboration}]").italic = True

    return cite


def _inline(paragraph: Any, sources: Sequence[CitedSource]) -> None:
    """'(Varen Gazette ¶1 B2; Kestria Daily ¶2)', each '¶1' linking to the source at the
    quotes where the source has an address."""
    paragraph.add_run(" (")
    for number, cited in enumerate(sources):
        paragraph.add_run(("; " if number else "") + f"{cited.label} ")
        paragraphs = f"¶{', '.join(map(str, cited.paragraphs))}"
        if cited.quote_href:
            paragraph._p.append(hyperlink(paragraph.part, paragraphs, cited.quote_href))
        else:
            paragraph.add_run(paragraphs)
        if cited.grade:
            paragraph.add_run(f" {cited.grade}")
    paragraph.add_run(")")


def _cover(document: Any, brief: Brief, _: Callable[[str], str]) -> None:
    if brief.organisation:
        issuer = ", ".join(p for p in (brief.organisation, brief.unit) if p)
        add_text(document.add_paragraph(), issuer, bold=True)
    add_text(document.add_paragraph(style=style_or(document, "Title", "Normal")), brief.title)
    add_text(document.add_paragraph(style=style_or(document, "Subtitle", "Normal")), brief.subject)
    facts = [
        (_("Audience"), brief.audience_title),
        (_("Reference"), brief.reference),
        (_("Date"), brief.date),
        (_("Distribution"), brief.distribution),
        (_("Handling"), brief.marking_meaning),
    ]
    _facts(document, facts)
    if brief.lead:
        add_text(document.add_paragraph(), brief.lead)


def _facts(document: Any, facts: list[tuple[str, str]]) -> None:
    """'Label: value' lines, bold labels, for the values that are there."""
    for label, value in facts:
        if value:
            paragraph = document.add_paragraph()
            add_text(paragraph, f"{label}: ", bold=True)
            add_text(paragraph, value)


def _contents(document: Any, brief: Brief, _: Callable[[str], str]) -> None:
    """A TOC field whose result is already the section titles, one entry a paragraph, so
    the contents show in any reader on opening; Word recomputes it, page numbers and all,
    when it updates fields."""
    if brief.toc == "never":
        return
    add_text(
        document.add_paragraph(style=style_or(document, "TOC Heading", "Heading 1")), _("Contents")
    )
    entry_style = style_or(document, "TOC 1", "Normal")
    titles = [section.title for section in brief.sections] or [_("Contents")]
    entries = [document.add_paragraph(style=entry_style) for _title in titles]
    begin_field(entries[0], TOC_INSTRUCTIONS)
    for paragraph, title in zip(entries, titles, strict=True):
        add_text(paragraph, title)
    end_field(entries[-1])


def _section(
    document: Any,
    writer: ItemWriter,
    section: SectionView,
    _: Callable[[str], str],
    chart_png: bytes | None,
    chart_description: str,
) -> None:
    document.add_heading(plain(section.title), level=1)
    if section.lead:
        paragraph = document.add_paragraph()
        writer.portion(paragraph, section.lead_marking)
        add_text(paragraph, section.lead)
    if section.legend:
        add_text(document.add_paragraph(), section.legend, italic=True)
    if section.kind == "timeline":
        if chart_png is not None and section.chart is not None:
            width = fitted(_cm(CHART_WIDTH_CM), document)
            shape = document.add_picture(io.BytesIO(chart_png), width=width)
            describe_picture(shape, chart_description or plain(section.chart.description))
        for group in section.groups:
            columns = {"date": group.date_heading or _("Date"), "event": _("Event")}
            if "place" in group.columns:
                columns["place"] = _("Where")
            writer.table(document, columns, [group], plain(group.title))
    elif section.kind == "actors":
        columns = {"name": _("Name")}
        if "role" in section.columns:
            columns["role"] = _("Role or status")
        writer.table(
            document,
            columns,
            section.groups,
            _("Actors named in the sources, by kind"),
        )
    elif section.kind == "sources":
        _sources(document, writer, section, _)
    else:
        for group in section.groups:
            if group.title:
                document.add_heading(plain(group.title), level=2)
            if group.description:
                add_text(document.add_paragraph(), group.description, italic=True)
            for item in group.items:
                writer.item(document, item)
    if section.omitted:
        more = _("%(num)d more in the full dossier.") % {"num": section.omitted}
        add_text(document.add_paragraph(), more, italic=True)


def _sources(
    document: Any, writer: ItemWriter, section: SectionView, _: Callable[[str], str]
) -> None:
    for source in section.sources:
        heading = document.add_heading("", level=2)
        writer.portion(heading, source.marking)
        add_text(heading, plain(source.title))
        facts = [
            (_("Cited as"), f"{source.label} · {source.kind}"),
            (_("By"), source.byline),
            (_("Published"), source.published),
            (_("Address"), source.url),
            (_("Perspective"), source.perspective),
            (_("Note"), source.note),
        ]
        _facts(document, facts)
        if source.paragraphs:
            document.add_heading(_("Full text, paragraphs numbered as cited"), level=3)
            for number, text in enumerate(source.paragraphs, 1):
                add_text(document.add_paragraph(), f"¶{number} {text}")


def _colophon(document: Any, brief: Brief, _: Callable[[str], str]) -> None:
    text = _("Dossier %(dossier)s, as of %(date)s; made with %(generator)s.") % {
        "dossier": brief.dossier_id,
        "date": brief.date,
        "generator": brief.generator,
    }
    if brief.coverage_note:
        text += " " + brief.coverage_note
    if brief.withheld_count:
        ngettext = translations(brief.lang).ngettext
        text += " " + ngettext(WITHHELD_ONE, WITHHELD_MANY, brief.withheld_count) % {
            "num": brief.withheld_count
        }
    add_text(document.add_paragraph(), text, italic=True)


def _headers_and_footers(document: Any, brief: Brief, _: Callable[[str], str]) -> None:
    """The marking, at 12 pt, in every header and footer of every section; the page number
    in the footers."""
    for section in document.sections:
        parts = [
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ]
        for number, part in enumerate(parts):
            part.is_linked_to_previous = False
            for paragraph in part.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            paragraph = part.paragraphs[0]
            for child in list(paragraph._p):
                if not child.tag.endswith("}pPr"):  # the reference's own text goes
                    paragraph._p.remove(child)
            _marking(paragraph, brief.marking, brief.marking_colour)
            if number % 2:  # a footer: the page number after the marking
                paragraph.add_run("    ")
                add_page_field(paragraph, _(PAGE_X_OF_Y))


def _marking(paragraph: Any, label: str, colour: str) -> None:
    """The label as the PDF prints it: bold, 12 pt, in the scheme's colour on black (TLP 2.0
    defines its colours on a black background; white on white would vanish)."""
    from docx.shared import RGBColor

    run = paragraph.add_run(label)
    run.bold = True
    run.font.size = _pt(MARKING_POINTS)
    run.font.color.rgb = RGBColor.from_string(_hex(colour))
    shade_run(run, MARKING_BACKGROUND)


def _hex(colour: str) -> str:
    """``#rgb`` or ``#rrggbb`` (the scheme's CSS colour) as Word's RRGGBB."""
    digits = colour.lstrip("#")
    return (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).upper()


def _properties(document: Any, brief: Brief, stamp: datetime) -> None:
    properties = document.core_properties
    properties.title = plain(brief.title)
    properties.subject = plain(brief.subject)
    properties.keywords = brief.keywords
    properties.language = brief.lang
    issuer = brief.organisation
    properties.author = issuer
    properties.content_status = brief.marking  # Word's "Status"; also the category
    properties.last_modified_by = brief.generator
    properties.category = brief.marking
    properties.comments = brief.reference
    properties.created = properties.modified = stamp.replace(tzinfo=None)
    properties.last_printed = stamp.replace(tzinfo=None)
    properties.revision = 1
    declared = {"otsreport-marking": brief.marking, "otsreport-dossier": brief.dossier_id}
    if brief.dossier_digest:
        declared["otsreport-dossier-digest"] = brief.dossier_digest
    set_custom_properties(document, declared)
    set_extended_properties(document, company=issuer, application=brief.generator)


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)
