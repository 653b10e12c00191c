"""Records that carry a handling marking, and fields more sensitive than the record."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from otsreport.models.base import Marking, Record
from otsreport.models.evidence import Citation


class Marked(Record):
    """A record with a handling marking (of the dossier's scheme), and fields more sensitive
    than it.

    Left out, ``marking`` takes the dossier's default for the kind of record
    (``dossier.yaml``, ``markings``); after ``load_dossier`` it always holds the effective
    marking, and ``field_markings`` holds one for every field in ``markable`` whose marking is
    above the record's own.
    """

    markable: ClassVar[tuple[str, ...]] = ()

    marking: Marking | None = None
    field_markings: Annotated[
        dict[str, Marking],
        Field(description="Markings of single fields more sensitive than the record."),
    ] = {}

    @model_validator(mode="after")
    def _markable_fields_only(self) -> Marked:
        wrong = sorted(set(self.field_markings) - set(self.markable))
        if wrong:
            can = ", ".join(self.markable) or "none"
            raise ValueError(f"fields {', '.join(wrong)} cannot be marked apart; markable: {can}")
        return self


class Cited(Marked):
    """A factual record: it must say where it comes from."""

    citations: Annotated[list[Citation], Field(min_length=1)]
