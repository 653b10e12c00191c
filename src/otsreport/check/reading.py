"""A brief as the release check reads it: texts by channel, what the brief declares of
itself, and where its marking must print. Plain data, apart from the readers, so a format's
own reader (``formats``) can fill one without importing the others."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# What a brief declares of itself, in every format: its marking and the dossier it came from.
DECLARED: Final = ("otsreport-marking", "otsreport-dossier", "otsreport-dossier-digest")


@dataclass
class Reading:
    """A brief as read: its texts by channel, what it declares, where its label prints."""

    format: str
    channels: dict[str, list[str]] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)
    printed: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    # Channels of code, markup, names of parts and raw bytes: a passage is sought there, a
    # name on its own (a word: "Media", "Timeline") is not, as the format's own words and
    # the dossier's data keys hold such words in every brief.
    structural: set[str] = field(default_factory=set)

    def add(self, channel: str, text: str, *, prose: bool = True) -> None:
        if text:
            self.channels.setdefault(channel, []).append(text)
            if not prose:
                self.structural.add(channel)

    def merge(self, other: Reading, prefix: str) -> None:
        for channel, texts in other.channels.items():
            self.add(
                f"{prefix}: {channel}", "\n".join(texts), prose=channel not in other.structural
            )
