"""The ``otsreport`` command. Each command parses options and calls one library function.

| module | commands |
|---|---|
| ``app`` | the group, shared options, error reporting |
| ``briefs`` | build, serve, extract |
| ``inputs`` | validate, audiences, templates, new-audience, sections, schema, doctor |
| ``authoring`` | new-dossier, add-source, paragraphs, find |
| ``editions`` | diff |
| ``exports`` | export |
"""

from __future__ import annotations

from otsreport.cli import authoring, briefs, editions, exports, inputs  # noqa: F401  (registers them)
from otsreport.cli.app import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="otsreport")
