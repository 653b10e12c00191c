"""What a brief marked with a given banner must not carry, found from the dossier.

The check asks the release stage itself: the dossier cut to the brief's banner is what the
brief may legitimately print. Every text of every record kind (read from the registry, so no
field is forgotten) that the cut left out is a passage to look for, unless the cut still
prints it somewhere (a withheld record that repeats a sentence of a released source is no
leak when that sentence prints as the source's). Texts are compared folded: spacing,
hyphenation at line ends, soft hyphens, typographic quotes and Unicode composition.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from otsreport.check.index import Index, Passage, fold, found_in
from otsreport.markings import scheme_of
from otsreport.models import Dossier
from otsreport.registry import (
    INFO_OWN,
    INFO_SUMMARY,
    INFO_TEXT,
    every_record,
    info_texts,
    record_key,
)
from otsreport.release import Release, release

MIN_PASSAGE: Final = 12  # shorter texts (a date, a grade, a common word) prove nothing
MIN_NAME: Final = 4  # a name (of an actor, a topic) is sought whole, as a word, from here
WINDOW: Final = 48
STRIDE: Final = 24
# Fields that hold a name: short, but proof of a leak when printed as a word.
NAMES: Final = {"name", "short_name", "aliases[]"}


def index_for(dossier: Dossier, banner: str, cut: Release | None = None) -> Index:
    """The passages of ``dossier`` (markings applied) that a brief marked ``banner`` must
    not carry; ``cut``: the dossier already cut to ``banner``, where the caller has it."""
    scheme = scheme_of(dossier.info.marking_scheme)
    cut = cut or release(dossier, banner)
    allowed = "\n".join(fold(text) for *_, text in _texts(cut.dossier))
    candidates: dict[tuple[str, str], Passage] = {}
    for kind, record, field, marking, text in _texts(dossier):
        folded = fold(text)
        word = field in NAMES and len(folded) >= MIN_NAME
        if not word and len(folded) < MIN_PASSAGE:
            continue
        for probe in [folded] if word else _windows(folded):
            candidates.setdefault(
                (record, probe), Passage(record, kind, field, marking, probe, word)
            )
    printed = found_in(allowed, [p.probe for p in candidates.values()])
    passages = tuple(p for p in candidates.values() if p.probe not in printed)
    labels = tuple(scheme.labels())
    return Index(str(scheme.parse(banner)), dossier.info.id, labels, passages)


def _windows(passage: str) -> list[str]:
    """A passage whole, and in overlapping windows, so that a page foot or a note printed
    inside it does not hide it, nor a withheld middle between two sentences that may print."""
    windows = [passage]
    if len(passage) > WINDOW:
        starts = range(0, len(passage) - WINDOW + STRIDE, STRIDE)
        windows += [passage[i : i + WINDOW] for i in starts if len(passage[i : i + WINDOW]) > 8]
    return windows


def _texts(dossier: Dossier) -> Iterator[tuple[str, str, str, str, str]]:
    """(kind, record, field, marking, text) for every text of the dossier."""
    info = dossier.info
    lowest = str(scheme_of(info.marking_scheme).lowest)
    for path, text in info_texts(info, INFO_TEXT):
        yield "dossier", info.id, path, info.marking or lowest, text
    for path, text in info_texts(info, INFO_SUMMARY):
        yield "dossier", info.id, path, info.summary_marking or lowest, text
    for path, text in info_texts(info, INFO_OWN):
        yield "dossier", info.id, path, info.marking or lowest, text
    counters: dict[str, int] = {}
    for spec, record in every_record(dossier):
        index = counters[spec.name] = counters.get(spec.name, -1) + 1
        name = record_key(spec, record, index)
        for path, text in spec.texts(record):
            top = path.split(".")[0].removesuffix("[]")
            marking = record.field_markings.get(top, record.marking)
            yield spec.name, name, path, str(marking), text
