"""Tighter layouts of the Word brief, for one over its audience's page budget.

As the PDF is fitted with tighter spacing (``html.fit-1`` and ``fit-2`` in paged.css), the
DOCX is written again with its styles' spacing and type scaled down, a step at a time: the
same brief, the reference's own look, only denser. The marking in the headers and footers
keeps its size (it is set on its runs, not through a style: TLP asks for 12 pt).
"""

from __future__ import annotations

from typing import Any, Final

# step -> (scale of type sizes, scale of the space before and after paragraphs)
STEPS: Final[dict[int, tuple[float, float]]] = {
    1: (0.95, 0.5),
    2: (0.9, 0.3),
    3: (0.85, 0.15),
}
NORMAL_POINTS: Final = 11.0  # Word's size for a Normal style that sets none


def tighten(document: Any, step: int) -> None:
    """Scale the type and paragraph spacing of every style in ``document`` for ``step``
    (0 leaves it as it is). Deterministic: the same step gives the same document."""
    if step == 0:
        return
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    size_scale, space_scale = STEPS[step]
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        size = style.font.size
        if size is None and style.name == "Normal":
            size = Pt(NORMAL_POINTS)
        if size is not None:
            style.font.size = Pt(round(size.pt * size_scale * 2) / 2)  # Word's half points
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        spacing = style.paragraph_format
        for name in ("space_before", "space_after"):
            value = getattr(spacing, name)
            if value is not None:
                setattr(spacing, name, Pt(round(value.pt * space_scale)))
        if style.name == "Normal" and spacing.space_after is None:
            spacing.space_after = Pt(round(8 * space_scale))  # Word's default 8 pt after
