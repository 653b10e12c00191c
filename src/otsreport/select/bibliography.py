"""Sources as references: CSL items (the ``csl-json`` export's entries), and the sources list
of a brief formatted by a CSL style the profile names (``csl_style``), with citeproc-py.

A style is a style bundled with citeproc-py, named, or a ``.csl`` file in the audience's
folder: read as hostile input (confined to that folder, bounded in size, no DTD), and a
style that does not parse or format is a data error naming the profile and the field. The
references are made from the sources as cut for the reader, like every other view.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from otsreport.errors import Problem, UserError

if TYPE_CHECKING:
    from otsreport.audiences import Audience
    from otsreport.dates import DateSpan
    from otsreport.models import Source
    from otsreport.select.views import Brief

MAX_STYLE_BYTES: Final = 1024 * 1024
CSL_TYPE: Final = {
    "news": "article-newspaper",
    "official": "document",
    "think-tank": "report",
    "academic": "article-journal",
    "other": "document",
}


def _date(span: DateSpan) -> dict[str, Any]:
    start = span.start
    parts = [part for part in (start.year, start.month, start.day) if part is not None]
    date: dict[str, Any] = {"date-parts": [parts]}
    if span.approximate:
        date["circa"] = True
    return date


def csl_item(source: Source, label: str) -> dict[str, Any]:
    """A source as a CSL-JSON item: what the CSL data schema has a field for."""
    item: dict[str, Any] = {
        "id": source.id,
        "type": CSL_TYPE[source.kind],
        "title": source.title,
        "title-short": label,
        "language": source.language,
    }
    if source.author:
        item["author"] = [{"literal": source.author}]
    if source.publisher:
        item["publisher"] = source.publisher
    if source.published:
        item["issued"] = _date(source.published)
    if source.accessed:
        item["accessed"] = _date(source.accessed)
    if source.url:
        item["URL"] = source.url
    return item


def load_style(audience: Audience, language: str) -> Any:
    """The profile's CSL style, parsed; None when it names none."""
    name = audience.profile.csl_style
    if name is None:
        return None
    from citeproc import CitationStylesStyle

    def problem(message: str) -> UserError:
        line = audience.profile_lines(("csl_style",))
        return UserError(Problem(message, audience.profile_file, line, audience.name, "csl_style"))

    given: Any = name
    if name.endswith(".csl"):
        given = io.BytesIO(_style_file(audience.folder, name, problem))
    elif name not in bundled_styles():
        raise problem(
            f"unknown CSL style '{name}'; bundled: {', '.join(bundled_styles())}; "
            "or name a .csl file in the audience's folder"
        )
    try:
        return CitationStylesStyle(given, locale=_locale(language), validate=False)
    except Exception as error:  # citeproc raises lxml's, KeyError, ValueError ...
        raise problem(f"'{name}' is not a CSL style otsreport can use: {error}") from None


def bundled_styles() -> list[str]:
    """The CSL styles citeproc-py ships, by name."""
    from citeproc import STYLES_PATH

    return sorted(f.stem for f in Path(STYLES_PATH).glob("*.csl"))


def _style_file(folder: Path, name: str, problem: Any) -> bytes:
    from otsreport.files import read_regular

    file = (folder / name).resolve()
    if not file.is_relative_to(folder.resolve()):
        raise problem(f"'{name}' is outside the audience folder")
    try:
        data = read_regular(file, MAX_STYLE_BYTES, f"CSL style '{name}'")
    except UserError as error:
        raise problem(error.problems[0].message) from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise problem(f"'{name}' declares a DTD or entities; a CSL style needs none")
    return data


def _locale(language: str) -> str:
    """citeproc's locale for a language ('hu' -> 'hu-HU'), English where it has none."""
    from citeproc import LOCALES_PATH

    wanted = language.replace("_", "-")
    files = sorted(Path(LOCALES_PATH).glob("locales-*.xml"))
    codes = [f.stem.removeprefix("locales-") for f in files]
    exact = [c for c in codes if c.lower() == wanted.lower()]
    close = [c for c in codes if c.split("-")[0] == wanted.split("-")[0]]
    return (exact or close or ["en-US"])[0]


def references(style: Any, items: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each item's entry as the style formats it, as plain text, by item id."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(style, CiteProcJSON(list(items)), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = bibliography.bibliography()
    return {
        str(cited.key): str(entry) for cited, entry in zip(bibliography.items, entries, strict=True)
    }


def with_references(brief: Brief, audience: Audience, sources: Sequence[Source]) -> Brief:
    """The brief with each source of its sources list formatted by the profile's style."""
    style = load_style(audience, brief.lang)
    if style is None:
        return brief
    from otsreport.select.citing import source_label

    items = [csl_item(source, source_label(source, brief.lang)) for source in sources]
    try:
        found = references(style, items)
    except Exception as error:  # a style citeproc parses but cannot apply
        raise UserError(
            Problem(
                f"csl_style '{audience.profile.csl_style}' cannot format the sources: {error}",
                audience.profile_file,
                audience.profile_lines(("csl_style",)),
                audience.name,
                "csl_style",
            )
        ) from None
    for section in brief.sections:
        section.sources = [
            dataclasses.replace(view, reference=found.get(view.id, "")) for view in section.sources
        ]
    return brief
