"""JSON Schema for each data file, so editors can autocomplete and check the YAML as it is typed.

Data files point at these with a ``# yaml-language-server: $schema=...`` comment.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from otsreport.load import INFO_FILE, RECORD_FILES
from otsreport.models import AudienceProfile, DossierInfo, SectionDef
from otsreport.write import prepare_folder, write_atomic


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, one for every kind of data file."""
    result: dict[str, dict[str, Any]] = {}
    kinds: dict[str, Any] = {Path(INFO_FILE).stem: DossierInfo}
    kinds.update({kind: list[model] for kind, model in RECORD_FILES.items()})  # type: ignore[valid-type]
    kinds["audience"] = AudienceProfile
    kinds["sections"] = list[SectionDef]  # a template folder's section catalogue
    for kind, model in kinds.items():
        if isinstance(model, type) and issubclass(model, BaseModel):
            schema = model.model_json_schema()
        else:
            schema = TypeAdapter(model).json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("title", f"otsreport {kind} file")
        result[f"{kind}.schema.json"] = schema
    return result


def write_schemas(folder: Path) -> list[Path]:
    prepare_folder(folder)
    written = []
    for name, schema in schemas().items():
        target = folder / name
        write_atomic(target, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode())
        written.append(target)
    return written
