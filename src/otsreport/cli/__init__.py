"""The ``otsreport`` command. Each command parses options and calls one library function.

| module | commands |
|---|---|
| ``app`` | the group, shared options, error reporting |
| ``briefs`` | build, serve |
| ``reading`` | extract, check-release |
| ``inputs`` | validate, audiences, templates, new-audience, sections, schema, doctor |
| ``authoring`` | new-dossier, add-source, paragraphs, find |
| ``editions`` | diff |
| ``exports`` | export |
| ``translate`` | translate export, translate import |
"""

from __future__ import annotations

from otsreport.cli import (  # noqa: F401  (registers them)
    authoring,
    briefs,
    editions,
    exports,
    inputs,
    reading,
    translate,
)
from otsreport.cli.app import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="otsreport")
