"""An audience profile file to its record, with located errors like any data file."""

from __future__ import annotations

from pathlib import Path

from otsreport.errors import UserError
from otsreport.load.records import validate_model
from otsreport.load.yamlfile import YamlDocument, read_yaml
from otsreport.models import AudienceProfile


def read_profile(file: Path) -> tuple[AudienceProfile, YamlDocument]:
    """Load an ``audience.yaml`` profile, with the same located errors as dossier files,
    and its document, so later checks (its sections' ``where``) can point at a line."""
    doc = read_yaml(file)
    profile, problems = validate_model(AudienceProfile, doc.value, doc)
    if profile is None:
        raise UserError(problems)
    return profile, doc
