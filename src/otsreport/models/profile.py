"""An audience profile: which sections a reader gets, how detailed, marked and styled."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from otsreport.models.base import (
    CssColour,
    FontFamilyName,
    Marking,
    Record,
    RecordId,
    Text,
    Translatable,
)
from otsreport.models.sections import SectionDef


class Detail(Record):
    max_items: Annotated[
        int | None, Field(ge=1, description="Most items a list section shows; none: all.")
    ] = None
    summary_only: Annotated[
        bool, Field(description="Show one line per item, without summaries.")
    ] = False
    source_text: Annotated[
        bool, Field(description="Print the sources' full verbatim text in the sources section.")
    ] = False
    notes: Annotated[
        bool, Field(description="Print the editor's notes on records and actors' other names.")
    ] = False
    single_source: Annotated[
        bool, Field(description="Mark facts that only one source reports.")
    ] = False


class Theme(Record):
    organisation: Annotated[
        str,
        Field(description="The issuing organisation when the dossier names no issuer."),
    ] = ""
    accent: CssColour = "#1f3a5f"
    accent_text: CssColour = "#ffffff"
    serif: FontFamilyName = "Noto Serif"
    sans: FontFamilyName = "Noto Sans"
    logo: Annotated[
        str | None,
        Field(description="PNG, JPEG or GIF file, relative to the audience folder."),
    ] = None
    logo_alt: Annotated[Text, Field(description="What the logo shows, for screen readers.")] = (
        "Logo"
    )


class AudienceProfile(Record):
    translatable: ClassVar = ("title", "description", "distribution")

    title: Translatable
    description: Translatable
    distribution: Annotated[
        Translatable | None,
        Field(description="Who receives this brief, for the masthead's distribution line."),
    ] = None
    sections: Annotated[
        list[RecordId | SectionDef],
        Field(
            min_length=1,
            description="Section ids from the catalogue (`otsreport sections`), "
            "'dossier-sections' for the dossier's own, or sections defined here inline.",
        ),
    ]
    detail: Detail = Detail()
    marking: Annotated[
        Marking,
        Field(
            description="The ceiling: nothing marked above it reaches the brief, whose own "
            "marking is the most restrictive of what it shows."
        ),
    ]
    marking_scheme: Annotated[
        str | None,
        Field(description="The marking scheme its ceiling is written in; default: the dossier's."),
    ] = None
    portion_marks: Annotated[
        Literal["auto", "always", "never"],
        Field(description="Print each item's marking before it; auto: when above CLEAR."),
    ] = "auto"
    citations: Literal["footnotes", "inline", "none"]
    csl_style: Annotated[
        str | None,
        StringConstraints(min_length=1, max_length=200),
        Field(
            description="Print each entry of the sources list as this CSL style formats it: "
            "a style bundled with citeproc-py ('harvard-cite-them-right') or a .csl file in "
            "the audience's folder."
        ),
    ] = None
    locale: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")]
    toc: Literal["auto", "always", "never"] = "auto"
    max_pages: Annotated[
        int | None,
        Field(
            ge=1,
            description="Page budget of every paged format (the PDF; the DOCX as LibreOffice "
            "lays it out): over it the build fails (exit 1).",
        ),
    ] = None
    formats: Annotated[
        list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]] | None,
        Field(
            min_length=1,
            description="The formats this audience's brief is built in when `build` is given "
            "no `-f` (any registered format: `otsreport build --help` lists them); default: "
            "html and pdf.",
        ),
    ] = None
    theme: Theme = Theme()
