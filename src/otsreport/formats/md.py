"""Markdown: CommonMark with footnotes and pipe tables, to paste into an email or a wiki.

The marking is the first and last line, in bold; the declarations follow it in an HTML
comment, which a Markdown reader does not show but the file's reader sees. The dossier's
text is escaped, so nothing in it becomes markup: a ``*`` stays a star, a ``<b>`` stays text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from otsreport.formats import Making, OutputFormat, register
from otsreport.formats.blocks import CALL, Block, Prose, joined
from otsreport.formats.declared import declarations, read_declared

if TYPE_CHECKING:
    from otsreport.check.reading import Reading

OPENING: Final = "<!-- otsreport"
# Everything the inline syntax could take for markup; a backslash before ASCII punctuation
# is always a literal in CommonMark.
_INLINE: Final = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY: Final = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START: Final = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")
_ESCAPED: Final = re.compile(r"\\([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _inline(text: str) -> str:
    return CALL.sub(lambda m: f"[^{m[1]}]", escape(text))


def _block(block: Block) -> str:
    text = _inline(block.text)
    if block.emphasis and text:
        mark = "**" if block.emphasis == "strong" else "*"
        text = f"{mark}{text}{mark}"
    if block.kind == "heading":
        return f"{'#' * min(block.level, 6)} {text}"
    if block.kind == "quote":
        return f"> {text}"
    if block.kind == "bullet":
        return f"- {text}"
    if block.kind == "fact":
        return f"**{escape(block.label)}:** {text}  "
    if block.kind == "table":
        rows = [[_inline(cell) or " " for cell in row] for row in block.rows]
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        return "\n".join(lines)
    return text


def markdown(prose: Prose, declared: list[str]) -> str:
    marking = f"**{escape(prose.marking)}**"
    parts = [marking, "\n".join([OPENING, *declared, "-->"])]
    parts += joined(prose.blocks, _block)
    parts += [f"[^{number}]: {escape(text)}" for number, text in prose.notes.items()]
    return "\n\n".join([*parts, marking]) + "\n"


def _make(making: Making) -> bytes:
    from otsreport.formats.prose import prose

    return markdown(prose(making.brief), declarations(making.brief)).encode()


def _recognises(text: str) -> bool:
    return f"\n{OPENING}\n" in text[:2048]


def _read(text: str) -> Reading:
    """The file as written, and as read once its escapes are undone (a passage with a
    ``*`` in it is written ``\\*``)."""
    channels = {"Markdown source": text, "Markdown text": _ESCAPED.sub(r"\1", text)}
    return read_declared(text, "md", channels)


MD = register(
    OutputFormat(
        name="md",
        suffix="md",
        media_type="text/markdown; charset=utf-8",
        summary="Markdown (CommonMark, footnotes, tables) to paste into an email",
        make=_make,
        read=_read,
        recognises=_recognises,
    )
)
