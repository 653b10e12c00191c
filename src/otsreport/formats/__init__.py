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
| ``json`` | the released brief as data: its sections, records and the dossier as cut |
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
    from otsreport.select.selection import Selection
    from otsreport.select.views import Brief

ENTRY_POINT_GROUP: Final = "otsreport.formats"
BUILTIN: Final = ("html", "pdf", "docx", "md", "txt", "json", "stix", "misp", "csljson")


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
    # The select stage's whole decision (the dossier as cut to the banner, for a format
    # that carries it), and the print copy of the HTML (``toc``: with a table of contents).
    selection: Selection | None = None
    paged_html: Callable[[bool], str] | None = None
    # The dossier cut to the brief's banner, as JSON (``Selection.released_json``): what a
    # data export (STIX, MISP, CSL-JSON) is made from, as an archival PDF attaches it.
    released_json: str = ""


@dataclass
class Made:
    """A format's output with what it knows of its pages: ``pages`` as the format counted
    them while making it (None: not counted, and the format has said why in its
    warnings). ``make`` may return plain bytes instead: the build then asks the format's
    ``pages`` probe, where it has one."""

    data: bytes
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    counted: bool = True  # False: made as plain bytes, its pages for the probe to count


Progress = Callable[[str], None]


@dataclass(frozen=True)
class Pooled:
    """How a format is made when its layout is worth the build's worker processes (the
    PDF): ``job`` runs in the build's own process, for each brief, and returns what a
    worker needs (plain, picklable data; ``name`` is the output file's, for messages);
    ``run`` lays all the build's jobs out at once, in ``workers`` (the build's pool, or
    None: a pool of its own), and returns each one's ``Made`` in the jobs' order."""

    job: Callable[[Making, str], Any]
    run: Callable[[Sequence[Any], Any, Progress], list[Made]]


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


def _sniffs_nothing(data: bytes) -> bool:
    return False


@dataclass(frozen=True)
class OutputFormat:
    """One output format: everything the rest of the package knows of it.

    ``make`` makes it from the composed brief (bytes, or ``Made`` with its pages); it is
    None for a format made by ``pooled`` instead, in the build's worker processes (the
    PDF: in parallel, in parts). ``inputs`` names what the output depends on beyond the
    brief (a reference document, a tool's version), so the manifest rebuilds it when those
    change. ``extras`` names the further files this build of the brief also gets in this
    format (none by default).

    The release check reads a file back through the format that wrote it: ``sniff`` says
    whether bytes are one of its files and ``reader`` reads them (``depth``: how deep in
    files embedded in files it is); a text format may give ``recognises`` and ``read``,
    which take the file as text, instead. ``pages`` counts a file's pages, for a format
    that has pages (None when it cannot be counted here); the build holds such a format to
    its audience's page budget; the one that ``fills_budget`` (the PDF) is the one a brief is
    fitted to it by (``fitting.py``). ``needs`` says what the format needs on this machine, for
    ``doctor``: a list of ``(what, found, remedy)``."""

    name: str
    suffix: str
    media_type: str
    summary: str  # one line for `build --help` and the docs
    make: Callable[[Making], bytes | Made] | None
    inputs: Callable[[Making], list[str]] = _no_inputs
    read: Callable[[str], Reading] | None = None
    recognises: Callable[[str], bool] = _recognises_nothing
    extras: Callable[[Making], list[Extra]] = _no_extras
    pooled: Pooled | None = None
    sniff: Callable[[bytes], bool] = _sniffs_nothing
    reader: Callable[[bytes, int], Reading] | None = None
    pages: Callable[[bytes], int | None] | None = None
    needs: Callable[[], list[Need]] | None = None
    what: str = ""  # how messages name one of its files: 'the PDF'; default 'the NAME file'
    fills_budget: bool = False  # its pages are what a brief fills to its budget (``fitting``)

    def called(self) -> str:
        """How a message names one of its files."""
        return self.what or f"the {self.name} file"


@dataclass(frozen=True)
class Need:
    """Something a format needs on this machine, as ``doctor`` reports it."""

    what: str
    found: str  # what was found, or "" when missing
    remedy: str = ""
    required: bool = False  # the format cannot be made without it


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
        raise UsageError(Problem(unknown_format(name))) from None


def unknown_format(name: str) -> str:
    """'unknown format 'mdx'; did you mean 'md'? ...', the message for a name no format has."""
    from otsreport.errors import unknown

    _load()
    return unknown("format", name, _REGISTRY, choices=True)


def made(result: bytes | Made) -> Made:
    """What ``make`` returned, as ``Made``."""
    return result if isinstance(result, Made) else Made(bytes(result), counted=False)


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


def reading(data: bytes) -> OutputFormat | None:
    """The format whose files ``data`` looks like, for the release check: each format asked
    in turn, the later-registered first (a plug-in's or an export's JSON before plain JSON;
    a text format's declared head before the HTML's looser test), by its bytes (``sniff``)
    or by the head it declares (``recognises``)."""
    from otsreport.check.channels import as_text

    head = as_text(data[:65536])
    for fmt in registered()[::-1]:
        if fmt.reader is not None and fmt.sniff(data):
            return fmt
        if fmt.read is not None and fmt.recognises(head):
            return fmt
    return None


def find(name: str) -> OutputFormat | None:
    """The format called ``name``, or None."""
    _load()
    return _REGISTRY.get(name)


def read_back(fmt: OutputFormat | None, data: bytes, depth: int = 0) -> Reading:
    """``data``, one of ``fmt``'s files, as the release check reads it: by the format's own
    reader; a format with none (or no format) is read as whichever its bytes look like."""
    from otsreport.check.channels import as_text, read_brief

    if fmt is None:
        return read_brief(data, depth)
    if fmt.reader is not None:
        return fmt.reader(data, depth)
    if fmt.read is not None:
        return fmt.read(as_text(data))
    return read_brief(data, depth)
