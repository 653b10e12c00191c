"""Estimative language as ICD 203 asks: the words of a judgment must say the likelihood it
declares, and likelihood and confidence must not be mixed in one sentence.

"Almost certainly" in a judgment marked ``unlikely`` tells the reader two things at once;
"we are highly confident it is likely" blurs how probable it is with how sure the analyst is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from otsreport.i18n import N_, pick
from otsreport.models import Judgment

# The scale, with the words that belong to each band (longest phrases are matched first, so
# "very likely" is not also read as "likely", and "unlikely" never as "likely").
SCALE: Final[dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "almost-no-chance": (
        N_("almost no chance"),
        "01–05%",
        ("almost no chance", "remote", "remotely"),
    ),
    "very-unlikely": (
        N_("very unlikely"),
        "05–20%",
        ("very unlikely", "highly unlikely", "highly improbable"),
    ),
    "unlikely": (N_("unlikely"), "20–45%", ("unlikely", "improbable", "improbably", "doubtful")),
    "roughly-even-chance": (
        N_("roughly even chance"),
        "45–55%",
        ("roughly even chance", "roughly even odds", "even chance", "about even"),
    ),
    "likely": (N_("likely"), "55–80%", ("likely", "probable", "probably")),
    "very-likely": (
        N_("very likely"),
        "80–95%",
        ("very likely", "highly likely", "highly probable"),
    ),
    "almost-certain": (
        N_("almost certain"),
        "95–99%",
        ("almost certain", "almost certainly", "nearly certain", "virtually certain"),
    ),
}
CONFIDENCE_WORDS: Final = ("confidence", "confident", "confidently")
CONFIDENCE_LABELS: Final = {
    "low": N_("low confidence"),
    "moderate": N_("moderate confidence"),
    "high": N_("high confidence"),
}

_PHRASES: Final = sorted(
    ((phrase, band) for band, (_, _, phrases) in SCALE.items() for phrase in phrases),
    key=lambda pair: -len(pair[0]),
)
_TERM: Final = re.compile(
    r"\b(" + "|".join(re.escape(p) for p, _ in _PHRASES) + r")\b", re.IGNORECASE
)
_BAND_OF: Final = dict(_PHRASES)
_CONFIDENCE: Final = re.compile(r"\b(" + "|".join(CONFIDENCE_WORDS) + r")\b", re.IGNORECASE)
_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+")


def estimative_terms(text: str) -> Iterator[tuple[str, str]]:
    """(phrase, band) for each estimative phrase in ``text``, longest match first."""
    for match in _TERM.finditer(text):
        phrase = match.group(1)
        yield phrase, _BAND_OF[phrase.lower()]


def wrong_band(judgment: Judgment) -> str | None:
    """A message when the judgment's English words say another likelihood than declared."""
    text = pick(judgment.text, "en")
    for phrase, band in estimative_terms(text):
        if band != judgment.likelihood:
            declared = SCALE[judgment.likelihood][0]
            return (
                f"says '{phrase}' ({SCALE[band][0]}, {SCALE[band][1]}) but its likelihood is "
                f"'{judgment.likelihood}' ({declared}, {SCALE[judgment.likelihood][1]}); "
                "make the words and the likelihood agree"
            )
    return None


def mixed_sentences(judgment: Judgment) -> list[str]:
    """Sentences that state a likelihood and a confidence at once (ICD 203: keep apart)."""
    text = pick(judgment.text, "en")
    return [
        sentence
        for sentence in _SENTENCE.split(text)
        if _CONFIDENCE.search(sentence) and _TERM.search(sentence)
    ]
