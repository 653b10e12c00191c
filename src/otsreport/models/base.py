"""The building blocks every record uses: the strict base, ids, texts and translations."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from otsreport.i18n import FALLBACK

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


def _needs_english(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and FALLBACK not in value:
        raise ValueError(
            f"a translated text needs an '{FALLBACK}' entry to fall back to; "
            f"got {', '.join(sorted(value)) or 'none'}"
        )
    return value


Translatable = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    | dict[LanguageCode, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]],
    AfterValidator(_needs_english),
    Field(description="Text, or a mapping of language code to text: {en: ..., hu: ...}."),
]

RecordId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80),
    Field(description="A lower-case slug, unique within the dossier: 'ilse-marran'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Marking = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    Field(
        description="A marking of the dossier's scheme (TLP 2.0 unless it declares another): "
        "'TLP:AMBER'; with caveats, 'SECRET//COMMERCIAL//REL TO GBR, HUN'."
    ),
]
CssColour = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$")]
FontFamilyName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 \-]+$", max_length=60)]


class Record(BaseModel):
    """Strict base: unknown keys and loose types are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
