"""The record-kind registry: every text a model can hold is listed, so the cut and the check
read it; every collection of the dossier has its row."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from otsreport.models import COLLECTIONS, DossierInfo
from otsreport.registry import (
    BY_COLLECTION,
    INFO_NOT_TEXT,
    INFO_OWN,
    INFO_SUMMARY,
    INFO_TEXT,
    KINDS,
    RECORD_FILES,
)

# Fields that are not the record's own words: markings and their bookkeeping.
BOOKKEEPING = {"marking", "field_markings"}


def _text_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every path of ``model`` that can hold a string (ids, codes and prose alike)."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        if name in BOOKKEEPING and not prefix:
            continue
        found |= _paths_of(info.annotation, prefix + name)
    return found


def _paths_of(annotation: Any, path: str) -> set[str]:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _paths_of(get_args(annotation)[0], path)
    if origin in (Union, types.UnionType):
        return set().union(*(_paths_of(arg, path) for arg in get_args(annotation)))
    if origin is list:
        return _paths_of(get_args(annotation)[0], path + "[]")
    if origin is dict:
        return _paths_of(get_args(annotation)[1], path)
    if origin is Literal:
        return {path} if any(isinstance(a, str) for a in get_args(annotation)) else set()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _text_paths(annotation, path + ".")
    return {path} if annotation is str else set()


def test_every_string_field_of_every_kind_is_text_or_declared_not_text() -> None:
    for spec in KINDS:
        listed = set(spec.text_fields) | set(spec.not_text)
        missing = _text_paths(spec.model) - listed
        # Dates are parsed spans, grades are codes; neither is prose a reader could leak.
        assert not missing, f"{spec.name}: list these in text_fields or not_text: {missing}"
        stale = {
            p for p in listed if p.split(".")[0].removesuffix("[]") not in spec.model.model_fields
        }
        assert not stale, f"{spec.name}: no such fields: {stale}"


def test_the_dossier_info_texts_are_all_listed() -> None:
    listed = set(INFO_TEXT) | set(INFO_SUMMARY) | set(INFO_OWN) | set(INFO_NOT_TEXT)
    paths = _text_paths(DossierInfo) - {
        p
        for p in _text_paths(DossierInfo)
        if p.startswith(
            (
                "key_points",
                "sections[].where",
                "markings",
                "marking_scheme.",
                "sections[].id",
                "sections[].kind",
                "sections[].group_by",
                "vocabulary.event_kinds[].id",
                "vocabulary.stances[].id",
            )
        )
    }
    assert paths <= listed, paths - listed


def test_every_collection_of_the_dossier_has_one_row_and_a_file() -> None:
    assert set(COLLECTIONS) <= set(BY_COLLECTION)
    assert list(RECORD_FILES) == [c for c in BY_COLLECTION if c in COLLECTIONS]
    assert all(spec.file == f"{spec.collection}.yaml" for spec in KINDS if spec.file)
