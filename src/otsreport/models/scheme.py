"""A marking scheme as data: the levels a dossier's records may be marked with, in order, and
the caveats a marking may add. TLP 2.0 is built in (``otsreport/schemes/``); a dossier may
name another built-in scheme or declare its own in ``dossier.yaml`` under ``marking_scheme``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from otsreport.models.base import CssColour, Record, Text

MarkingName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9:+_-]*$", max_length=40),
    Field(description="Upper case, as printed: 'TLP:AMBER', 'OFFICIAL-SENSITIVE'."),
]


class LevelDef(Record):
    """One level of a scheme, from the least restrictive up."""

    id: MarkingName
    portion: Annotated[Text, Field(description="The portion mark: 'AMBER' prints '(AMBER)'.")]
    colour: Annotated[CssColour, Field(description="The label's colour, printed on black.")]
    meaning: Annotated[Text, Field(description="What a reader may do with it, in a sentence.")]
    stix: Annotated[
        str | None,
        StringConstraints(pattern=r"^marking-definition--[0-9a-f-]{36}$"),
        Field(description="The STIX 2.1 marking-definition id of this level, where one exists."),
    ] = None
    misp: Annotated[
        str | None,
        StringConstraints(pattern=r"^[a-z0-9-]+:[^\s\"]+$", max_length=100),
        Field(description="The MISP taxonomy tag of this level ('tlp:amber'), where one exists."),
    ] = None


class CaveatDef(Record):
    """A handling caveat: a reader must hold it to see what carries it."""

    id: MarkingName
    portion: Text
    meaning: Text


class Defaults(Record):
    """What a record that gives no marking gets, by what it holds."""

    fact: Annotated[MarkingName, Field(description="Facts: the sources' records and actors.")]
    view: Annotated[
        MarkingName,
        Field(description="Views: the sources' assessments, their grading, the analyst's own."),
    ]


class SchemeDef(Record):
    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=40)]
    title: Text
    separator: Annotated[
        str, Field(description="Joins a marking's level, caveats and REL TO list.")
    ] = "//"
    levels: Annotated[list[LevelDef], Field(min_length=1)]
    caveats: list[CaveatDef] = []
    defaults: Defaults

    @model_validator(mode="after")
    def _consistent(self) -> SchemeDef:
        names = [level.id for level in self.levels] + [caveat.id for caveat in self.caveats]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"names given twice: {', '.join(twice)}")
        levels = {level.id for level in self.levels}
        wrong = [m for m in (self.defaults.fact, self.defaults.view) if m not in levels]
        if wrong:
            raise ValueError(f"defaults name no level of the scheme: {', '.join(wrong)}")
        if not self.separator.strip():
            raise ValueError("the separator cannot be blank")
        return self
