"""Plain text: wrapped at 72 columns, notes as [n] gathered at the end; for an email.

The marking is the first and last line; the declarations follow the first line, as
``key: value`` lines a reader sees and the release check reads.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Final

from otsreport.formats import Making, OutputFormat, register
from otsreport.formats.blocks import CALL, Block, Prose, joined
from otsreport.formats.declared import declarations, read_declared

if TYPE_CHECKING:
    from otsreport.check.reading import Reading

WIDTH: Final = 72
_UNDERLINE: Final = {1: "=", 2: "-"}
NOTES_RULE: Final = "-" * 20


def _fill(text: str, first: str = "", rest: str = "") -> str:
    """Wrapped at ``WIDTH``; a word longer than a line (an address) stands on its own."""
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _calls(text: str) -> str:
    return CALL.sub(lambda m: f"[{m[1]}]", text)


def _block(block: Block) -> str:
    text = _calls(block.text)
    if block.kind == "heading":
        underline = _UNDERLINE.get(block.level)
        filled = _fill(text.upper() if block.level == 1 else text)
        width = max(len(line) for line in filled.splitlines())
        return f"{filled}\n{underline * width}" if underline else filled
    if block.kind == "quote":
        return _fill(text, "    ", "    ")
    if block.kind == "bullet":
        return _fill(text, "  - ", "    ")
    if block.kind == "fact":
        return _fill(f"{block.label}: {text}", "", "    ")
    if block.kind == "table":
        rows = [" · ".join(_calls(cell) for cell in row if cell) for row in block.rows[1:]]
        return "\n".join(_fill(row, "  - ", "    ") for row in rows)
    return _fill(text)


def plain_text(prose: Prose, declared: list[str]) -> str:
    parts = ["\n".join([prose.marking, *declared])]
    parts += joined(prose.blocks, _block)
    if prose.notes:
        parts.append(NOTES_RULE)  # the notes below a short rule, as in a letter
        for number, text in prose.notes.items():
            label = f"[{number}] "
            parts.append(_fill(label + text, "", " " * len(label)))
    return "\n\n".join([*parts, prose.marking]) + "\n"


def _make(making: Making) -> bytes:
    from otsreport.formats.prose import prose

    return plain_text(prose(making.brief), declarations(making.brief)).encode()


def _recognises(text: str) -> bool:
    head = text[:2048].split("\n", 2)
    return len(head) > 1 and head[1].startswith("otsreport-marking:")


def _read(text: str) -> Reading:
    return read_declared(text, "txt", {"plain text": text})


TXT = register(
    OutputFormat(
        name="txt",
        suffix="txt",
        media_type="text/plain; charset=utf-8",
        summary="plain text wrapped at 72 columns, notes at the end, for an email",
        make=_make,
        read=_read,
        recognises=_recognises,
    )
)
