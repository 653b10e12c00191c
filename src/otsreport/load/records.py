"""Plain values to records: pydantic's errors turned into problems with file and line."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from otsreport.errors import Problem
from otsreport.load.yamlfile import Path_, YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)


def field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) if loc else ""


def _problems_from(
    error: ValidationError, doc: YamlDocument, base: Path_, record_id: str | None
) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown key (check the spelling; see `otsreport schema`)"
        elif detail["type"] == "missing":
            message = "required field is missing"
        elif detail["type"] == "value_error":
            message = message.removeprefix("Value error, ")
        elif detail["type"] in ("literal_error", "enum"):
            message = _choice(detail)
        yield Problem(
            message, doc.file, doc.line_of((*base, *loc)), record_id, field_path(loc) or None
        )


def _choice(detail: Any) -> str:
    """'Input should be 'A', 'B' or 'C'' -> "'G' is not one of the choices: A, B, C, D, E, F"."""
    import difflib

    expected = detail.get("ctx", {}).get("expected", "")
    choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(", ") if part]
    given = str(detail.get("input"))
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"'{given}' is not one of the choices: {', '.join(choices)}{hint}"


def validate_model(
    model: type[ModelT], data: Any, doc: YamlDocument, base: Path_ = ()
) -> tuple[ModelT | None, list[Problem]]:
    """Validate one record, turning pydantic's errors into located problems."""
    record_id = data.get("id") if isinstance(data, dict) else None
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        label = record_id if isinstance(record_id, str) else None
        return None, list(_problems_from(error, doc, base, label))


# A long list is validated in one call into pydantic-core, which spares a Python round trip
# per record; only when something in it fails is it gone through record by record, for
# errors located per record. Short lists go straight to that, as the adapter costs more.
BATCH_MIN_RECORDS: Final = 500


@functools.cache
def _list_adapter(model: type[ModelT]) -> TypeAdapter[list[ModelT]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def validate_batch(model: type[ModelT], items: list[Any]) -> list[ModelT] | None:
    try:
        return _list_adapter(model).validate_python(items)
    except ValidationError:
        return None
