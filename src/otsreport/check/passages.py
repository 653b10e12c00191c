"""What a brief marked with a given banner must not carry, found from the dossier.

The check asks the release stage itself: the dossier cut to the brief's banner is what the
brief may legitimately print. Every text of every record kind (read from the registry, so no
field is forgotten) that the cut left out is a passage to look for, unless the cut still
prints it somewhere (a withheld record that repeats a sentence of a released source is no
leak when that sentence prints as the source's). Texts are compared folded: spacing,
hyphenation at line ends, soft hyphens, typographic quotes and Unicode composition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Final

from otsreport.check.channels import strings
from otsreport.check.index import Index, Passage, fold, found_in
from otsreport.markings import scheme_of
from otsreport.models import Dossier
from otsreport.paths import CATALOGUE_FILE, builtin_templates_dir
from otsreport.registry import (
    INFO_OWN,
    INFO_SUMMARY,
    INFO_TEXT,
    every_record,
    info_texts,
)
from otsreport.release import Release, release

MIN_PASSAGE: Final = 12  # shorter texts (a date, a grade, a common word) prove nothing
MIN_NAME: Final = 4  # a name (of an actor, a topic) is sought whole, as a word, from here
WINDOW: Final = 48
STRIDE: Final = 24
# Fields that hold a name: short, but proof of a leak when printed as a word.
NAMES: Final = {"name", "short_name", "aliases[]"}


def index_for(
    dossier: Dossier, banner: str, cut: Release | None = None, furniture: Iterable[str] = ()
) -> Index:
    """The passages of ``dossier`` (markings applied) that a brief marked ``banner`` must
    not carry; ``cut``: the dossier already cut to ``banner``, where the caller has it;
    ``furniture``: the brief's own words (its profile's and sections' titles), where the
    build knows them. A name that is also one of those words, or of the toolkit's own
    (its labels in every language, its built-in sections and audiences), is not sought:
    it is printed in briefs that withhold nothing."""
    scheme = scheme_of(dossier.info.marking_scheme)
    cut = cut or release(dossier, banner)
    texts = [fold(text) for *_, text in _texts(cut.dossier)]
    allowed = "\n".join([*texts, *(fold(t) for t in furniture)])
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
    words = [p.probe for p in candidates.values() if p.word]
    printed |= found_in(toolkit_words(), (), words)
    passages = tuple(p for p in candidates.values() if p.probe not in printed)
    return Index(str(scheme.parse(banner)), dossier.info.id, passages)


@cache
def toolkit_words() -> str:
    """Every word otsreport itself may print, folded: its message catalogue in every
    language, and the titles and descriptions of its built-in sections and audiences."""
    import yaml
    from babel.messages.pofile import read_po

    texts: list[str] = []
    for po in (Path(__file__).parents[1] / "locale").glob("*/LC_MESSAGES/*.po"):
        with po.open("rb") as stream:
            for message in read_po(stream):
                for value in (message.id, message.string):
                    texts += [value] if isinstance(value, str) else list(value or ())
    templates = builtin_templates_dir()
    for file in [templates / CATALOGUE_FILE, *templates.glob("audiences/*/audience.yaml")]:
        texts += list(strings(yaml.safe_load(file.read_text(encoding="utf-8"))))
    return "\n".join(fold(text) for text in texts)


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
    for spec, record, name in every_record(dossier):
        for path, text in spec.texts(record):
            top = path.split(".")[0].removesuffix("[]")
            marking = record.field_markings.get(top, record.marking)
            yield spec.name, name, path, str(marking), text
