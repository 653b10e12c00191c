"""The records of a dossier and of an audience profile, and nothing else.

Every model forbids unknown keys and refuses type coercion: a misspelt key or a quoted number
in a hand-edited YAML file is far more often a mistake than an intention, and a brief built on
a silently ignored field is a brief that lies. Cross-record checks (references, citations)
need the whole dossier and the source texts, so they live in ``validate.py``.
"""

from otsreport.models.base import (
    CssColour,
    FontFamilyName,
    LanguageCode,
    Marking,
    Record,
    RecordId,
    Text,
    Translatable,
)
from otsreport.models.dossier import (
    COLLECTIONS,
    Actor,
    Assessment,
    Dossier,
    DossierInfo,
    Event,
    KeyPoint,
    Kind,
    Membership,
    Position,
    Source,
    Statement,
    Topic,
)
from otsreport.models.evidence import (
    Citation,
    Credibility,
    Dispute,
    Holder,
    QuoteSelector,
    Reliability,
    SourceKind,
)
from otsreport.models.judgments import Confidence, Indicator, Judgment, Likelihood
from otsreport.models.marked import Cited, Marked
from otsreport.models.profile import AudienceProfile, Detail, Theme
from otsreport.models.sections import (
    KindLabel,
    RecordType,
    SectionDef,
    SectionKind,
    StanceLabel,
    Where,
)

__all__ = [
    "COLLECTIONS",
    "Actor",
    "Assessment",
    "AudienceProfile",
    "Citation",
    "Cited",
    "Confidence",
    "Credibility",
    "CssColour",
    "Detail",
    "Dispute",
    "Dossier",
    "DossierInfo",
    "Event",
    "FontFamilyName",
    "Holder",
    "Indicator",
    "Judgment",
    "KeyPoint",
    "Kind",
    "KindLabel",
    "LanguageCode",
    "Likelihood",
    "Marked",
    "Marking",
    "Membership",
    "Position",
    "QuoteSelector",
    "Record",
    "RecordId",
    "RecordType",
    "Reliability",
    "SectionDef",
    "SectionKind",
    "Source",
    "SourceKind",
    "StanceLabel",
    "Statement",
    "Text",
    "Theme",
    "Topic",
    "Translatable",
    "Where",
]
