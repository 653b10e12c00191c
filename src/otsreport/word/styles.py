"""The styles the Word brief uses, made where the reference document lacks them.

A reference document made in Word often defines only the styles it has used; the others are
'latent' and python-docx cannot apply them. Missing ones are added plainly (based on Normal),
so an institution's reference restyles what it defines and the rest still works.
"""

from __future__ import annotations

from typing import Any, Final

# name -> (type: 1 paragraph, 2 character; based on; bold; size in points or 0; superscript)
DETAILS: Final = "Item Details"  # the style of the line under an item's title
NEEDED: Final[dict[str, tuple[int, str, bool, float, bool]]] = {
    "Title": (1, "Normal", True, 22, False),
    "Subtitle": (1, "Normal", False, 12, False),
    # An item's kind, date, place and people under its title: small, so it reads as detail
    # (the reference document's Subtitle is the brief's own, set large under its title).
    DETAILS: (1, "Normal", False, 9, False),
    "Heading 1": (1, "Normal", True, 15, False),
    "Heading 2": (1, "Normal", True, 13, False),
    "Heading 3": (1, "Normal", True, 11, False),
    "Quote": (1, "Normal", False, 0, False),
    "Caption": (1, "Normal", True, 9, False),
    "List Bullet": (1, "Normal", False, 0, False),
    "TOC Heading": (1, "Heading 1", True, 0, False),
    "TOC 1": (1, "Normal", False, 0, False),
    "Footnote Text": (1, "Normal", False, 9, False),
    "Footnote Reference": (2, "Default Paragraph Font", False, 0, True),
}


def ensure_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    names = {style.name for style in styles}
    for name, (kind, base, bold, size, superscript) in NEEDED.items():
        if name in names:
            continue
        style_type = WD_STYLE_TYPE.PARAGRAPH if kind == 1 else WD_STYLE_TYPE.CHARACTER
        style = styles.add_style(name, style_type)
        if base in names:
            style.base_style = styles[base]
        style.font.bold = bold or None
        if size:
            style.font.size = Pt(size)
        if superscript:
            style.font.superscript = True
        if name.startswith("Heading"):
            _outline_level(style, int(name.split()[-1]) - 1)
        elif name == "TOC Heading":  # body text, or Word lists "Contents" in the contents
            _outline_level(style, 9)
        names.add(name)
    if TABLE_STYLE not in names:
        _table_grid(document)


def _outline_level(style: Any, level: int) -> None:
    """A heading's outline level: what the navigation pane and the TOC field read."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    properties = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    properties.append(outline)


TABLE_STYLE: Final = "Table Grid"  # Word's own name: a reference restyles it by defining it
_GRID_EDGES: Final = ("top", "left", "bottom", "right", "insideH", "insideV")


def _table_grid(document: Any) -> None:
    """Word's Table Grid (a thin rule round every cell), for a reference that never used a
    table: without it the brief's tables would fall back to borderless Normal Table."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    styles = document.styles
    style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    if "Normal Table" in {s.name for s in styles}:
        style.base_style = styles["Normal Table"]
    properties = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in _GRID_EDGES:
        line = {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "0"}
        borders.append(OxmlElement(f"w:{edge}", {**line, qn("w:color"): "auto"}))
    properties.append(borders)
    style.element.append(properties)


def style_or(document: Any, name: str, fallback: str) -> str:
    names = {style.name for style in document.styles}
    return name if name in names else fallback
