"""The output formats: one entry per format, the one place the rest of the package asks.

Datasette's output renderers are the model: each format is a small record (its name, file
suffix, media type, how it is made from the composed brief, what else its output depends on,
how the release check reads it back) registered by its own module, so the build, the CLI's
``-f`` choices, ``serve`` and the docs never branch on a format's name. A format from another
package registers itself through the ``otsreport.formats`` entry point: the entry point's
object is an ``OutputFormat`` (or a callable returning one).

| module | format |
|---|---|
| ``html`` | the self-contained screen page |
| ``pdf`` | print, laid out by WeasyPrint in the build's worker processes |
| ``docx`` | Word for clearance, styled by a reference document |
| ``md`` | Markdown (CommonMark, footnotes, pipe tables) to paste into an email |
| ``txt`` | plain text wrapped at 72 columns, notes at the end |
| ``prose`` | the composed brief as plain blocks, for ``md`` and ``txt`` |
| ``declared`` | how a text format declares its marking and dossier, and reads them back |
| ``stix`` | a STIX 2.1 bundle for threat-intelligence platforms |
| ``misp`` | a MISP event with TLP, Admiralty and estimative-language tags |
| ``csljson`` | the cited sources as CSL-JSON, for reference managers |
| ``exported`` | what the data exports share: the cut dossier, declarations, taxonomy tags |
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from otsreport.errors import Problem, UsageError

if TYPE_CHECKING:
    from otsreport.check.reading import Reading
    from otsreport.options import BuildOptions
    from otsreport.select.views import Brief

ENTRY_POINT_GROUP: Final = "otsreport.formats"
BUILTIN: Final = ("html", "pdf", "docx", "md", "txt", "stix", "misp", "csljson")


@dataclass
class Making:
    """One audience's composed brief, as every format is made from it. ``screen_html``
    renders the screen page (Word takes its chart from it); ``batch`` is what every output
    of the build shares (the toolkit, the dossier's digest), for a format that carries the
    dossier itself; ``found`` keeps what a format looks up once per brief (Word's reference
    document)."""

    brief: Brief
    stamp: datetime
    options: BuildOptions
    search_path: Sequence[Path]
    screen_html: Callable[[], str]
    batch: Sequence[str] = ()
    found: dict[str, Any] = field(default_factory=dict)
    # The audience and its page budget, which Word fits itself to; what a format warns of.
    audience: str = ""
    max_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # The dossier cut to the brief's banner, as JSON (``Selection.released_json``): what a
    # data export (STIX, MISP, CSL-JSON) is made from, as an archival PDF attaches it.
    released_json: str = ""


def _no_inputs(making: Making) -> list[str]:
    return []


def _recognises_nothing(text: str) -> bool:
    return False


@dataclass(frozen=True)
class Extra:
    """A further file a format writes beside its output for some builds (Word's redline
    with ``--since``): named by ``infix`` before the suffix ('press.redline.docx'), made
    only when the format's own output is."""

    infix: str
    make: Callable[[], bytes]

    def path(self, output: Path) -> Path:
        """'press.docx' -> 'press.redline.docx'; 'press.hu.docx' -> 'press.hu.redline.docx'."""
        return output.with_name(f"{output.stem}.{self.infix}{output.suffix}")


def _no_extras(making: Making) -> list[Extra]:
    return []


@dataclass(frozen=True)
class OutputFormat:
    """One output format. ``make`` is None only for the PDF, which the build lays out in its
    worker processes (in parallel, in parts, with the page budget). ``inputs`` names what the
    output depends on beyond the brief (a reference document, a tool's version), so the
    manifest rebuilds it when those change. ``read`` is for formats the release check's own
    readers (PDF, Word, HTML, JSON) do not know: it takes the file as text, when
    ``recognises`` says the text is one of its files. ``extras`` names the further files
    this build of the brief also gets in this format (none by default)."""

    name: str
    suffix: str
    media_type: str
    summary: str  # one line for `build --help` and the docs
    make: Callable[[Making], bytes] | None
    inputs: Callable[[Making], list[str]] = _no_inputs
    read: Callable[[str], Reading] | None = None
    recognises: Callable[[str], bool] = _recognises_nothing
    extras: Callable[[Making], list[Extra]] = _no_extras


_REGISTRY: dict[str, OutputFormat] = {}
_loaded = False


def register(fmt: OutputFormat) -> OutputFormat:
    """Add ``fmt`` (a later registration of a name replaces the earlier one)."""
    _REGISTRY[fmt.name] = fmt
    return fmt


def registered() -> list[OutputFormat]:
    """Every format: the built-in ones in their order, then plug-ins."""
    _load()
    return list(_REGISTRY.values())


def names() -> list[str]:
    return [fmt.name for fmt in registered()]


def get(name: str) -> OutputFormat:
    """The format called ``name``; a usage error naming the choices otherwise."""
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        choices = ", ".join(_REGISTRY)
        raise UsageError(Problem(f"unknown format '{name}'; choose from: {choices}")) from None


def _load() -> None:
    """The built-in formats' modules (each registers itself), then the plug-ins'."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN:
        importlib.import_module(f"otsreport.formats.{name}")
    _load_plugins()


def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found = entry.load()
        fmt = found if isinstance(found, OutputFormat) else found()
        if not isinstance(fmt, OutputFormat):
            raise TypeError(f"entry point {entry.name} gave {fmt!r}, not an OutputFormat")
        register(fmt)
