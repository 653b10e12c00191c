"""The closed vocabularies of the records, as data: ``vocabulary.yaml`` in the package.

Every word a record's closed field may take (event kinds, stances, relations, actor and
source kinds...) and the label a brief prints for it live in that one file; the models'
types, the labels the selectors print, ``validate``'s did-you-mean, ``otsreport vocabulary``
and the documentation's reference page are all read from it. A dossier extends the
vocabularies marked ``dossier: true`` in its ``dossier.yaml`` (``vocabulary:``).

The labels are translated through the message catalogue: ``extract_messages`` is the Babel
extractor that puts them in it (``babel.cfg``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import IO, Any, Final, Literal

import yaml

FILE: Final = "vocabulary.yaml"
STANCE_CONTEXT: Final = "stance verb"  # the catalogue's context for a stance's two forms


@dataclass(frozen=True)
class Term:
    id: str
    label: str = ""  # what a brief prints; '' when it prints none
    plural: str = ""  # a stance's verb for several holders
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    name: str  # as dossier.yaml's `vocabulary:` names it: 'event_kinds'
    description: str
    fields: tuple[str, ...]  # where its words are used: 'events.kind'
    dossier: bool  # whether a dossier may add words of its own
    terms: tuple[Term, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def labels(self) -> dict[str, str]:
        return {term.id: term.label for term in self.terms}

    def term(self, term_id: str) -> Term | None:
        return next((term for term in self.terms if term.id == term_id), None)


@functools.cache
def built_in() -> dict[str, Vocabulary]:
    """Every built-in vocabulary by name, in the file's order."""
    text = resources.files("otsreport").joinpath(FILE).read_text(encoding="utf-8")
    return {name: _vocabulary(name, body) for name, body in yaml.safe_load(text).items()}


def _vocabulary(name: str, body: dict[str, Any]) -> Vocabulary:
    terms = tuple(
        Term(
            str(t["id"]),
            str(t.get("label", "")),
            str(t.get("plural", "")),
            str(t.get("description", "")),
        )
        for t in body["terms"]
    )
    return Vocabulary(
        name, str(body["description"]), tuple(body["fields"]), bool(body["dossier"]), terms
    )


def ids(name: str) -> tuple[str, ...]:
    """The built-in words of one vocabulary: what a model's field accepts."""
    return built_in()[name].ids


def labels(name: str) -> dict[str, str]:
    return built_in()[name].labels()


def extract_messages(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str | tuple[str, ...], list[str]]]:
    """Babel extractor for ``vocabulary.yaml``: each label, and each stance's two forms in
    the context the selectors ask for them (``npgettext('stance verb', ...)``)."""
    text = fileobj.read().decode("utf-8")
    lines = text.split("\n")
    for vocabulary in yaml.safe_load(text).values():
        for term in vocabulary["terms"]:
            label = term.get("label")
            if not label:
                continue
            line = next((n for n, row in enumerate(lines, 1) if f"id: {term['id']}," in row), 1)
            if term.get("plural"):
                yield line, "npgettext", (STANCE_CONTEXT, label, term["plural"]), []
            else:
                yield line, "N_", label, []


def closed(name: str) -> Any:
    """The type of a field that takes one vocabulary's built-in words: ``Literal[...]`` of
    them, so a model's schema lists them and pydantic names them in its errors."""
    return Literal[ids(name)]


def listing(declared: dict[str, list[tuple[str, str]]] | None = None) -> Iterator[str]:
    """The lines ``otsreport vocabulary`` prints: each vocabulary, where it is used, whether
    a dossier may add to it, and its words with their labels; ``declared``: a dossier's own
    words (vocabulary name -> (id, label)), marked as its own."""
    own = declared or {}
    for vocabulary in built_in().values():
        extend = (
            f"; a dossier adds its own in dossier.yaml under vocabulary: {vocabulary.name}"
            if vocabulary.dossier
            else ""
        )
        yield f"{vocabulary.name}: {vocabulary.description}"
        yield f"  used by {', '.join(vocabulary.fields)}{extend}"
        rows = [(t.id, _label(t), t.description) for t in vocabulary.terms]
        rows += [(term, label, "(this dossier's)") for term, label in own.get(vocabulary.name, [])]
        width = max(len(term) for term, _, _ in rows)
        shown = max(len(label) for _, label, _ in rows)
        for term, label, note in rows:
            yield f"  {term.ljust(width)}  {label.ljust(shown)}  {note}".rstrip()
        yield ""


def _label(term: Term) -> str:
    return f"{term.label} / {term.plural}" if term.plural else term.label
