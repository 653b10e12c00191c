"""Reference pages generated from the code at every build (mkdocs-gen-files), so they cannot
drift: one page per command (mkdocs-click), one per data file kind (from the JSON Schemas),
the variables templates receive (from the view dataclasses), the output formats (from their
registry), and the benchmarks."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import mkdocs_gen_files

from otsreport import formats
from otsreport.cli import cli
from otsreport.schema import schemas
from otsreport.select import views

COMMAND_MODULES = {"briefs": "otsreport.cli.briefs", "inputs": "otsreport.cli.inputs"}


def command_pages() -> None:
    names = sorted(cli.commands)
    with mkdocs_gen_files.open("reference/cli/index.md", "w") as page:
        page.write("# Commands\n\n| command | what it does |\n|---|---|\n")
        for name in names:
            command = cli.commands[name]
            page.write(f"| [`otsreport {name}`]({name}.md) | {command.get_short_help_str(200)} |\n")
    for name in names:
        command = cli.commands[name]
        module = command.callback.__module__  # type: ignore[union-attr]
        attribute = command.callback.__name__  # type: ignore[union-attr]
        with mkdocs_gen_files.open(f"reference/cli/{name}.md", "w") as page:
            page.write(
                f"::: mkdocs-click\n    :module: {module}\n"
                f"    :command: {attribute}\n    :prog_name: otsreport {name}\n"
                "    :style: plain\n"
            )


def _type(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "value"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " / ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"mapping to {_type(schema['additionalProperties'])}"
    return str(schema.get("type", "value"))


def _fields(page: Any, title: str, schema: dict[str, Any]) -> None:
    required = set(schema.get("required", []))
    page.write(f"## {title}\n\n")
    if schema.get("description"):
        page.write(schema["description"].replace("\n", " ") + "\n\n")
    page.write("| field | type | required | meaning |\n|---|---|---|---|\n")
    for name, field in schema.get("properties", {}).items():
        meaning = (field.get("description") or "").replace("\n", " ").replace("|", "\\|")
        kind = _type(field).replace("|", "\\|")
        page.write(f"| `{name}` | {kind} | {'yes' if name in required else ''} | {meaning} |\n")
    page.write("\n")


def data_pages() -> None:
    found = schemas()
    with mkdocs_gen_files.open("reference/data/index.md", "w") as page:
        page.write(
            "# Data files\n\nEach kind of data file, its fields, and the records inside it.\n\n"
        )
        for file in sorted(found):
            kind = file.removesuffix(".schema.json")
            page.write(f"- [`{kind}`]({kind}.md)\n")
    for file, schema in sorted(found.items()):
        kind = file.removesuffix(".schema.json")
        with mkdocs_gen_files.open(f"reference/data/{kind}.md", "w") as page:
            page.write(f"# {kind}\n\n")
            top = schema.get("items", schema) if schema.get("type") == "array" else schema
            if "$ref" in top:
                top = schema["$defs"][top["$ref"].rsplit("/", 1)[-1]]
            _fields(page, f"{kind} fields", top)
            for name, definition in sorted(schema.get("$defs", {}).items()):
                if definition.get("properties"):
                    _fields(page, name, definition)


def template_variables() -> None:
    hints = typing.get_type_hints
    with mkdocs_gen_files.open("reference/template-variables.md", "w") as page:
        page.write(
            "# Template variables\n\nEvery template receives `brief`, `theme` (the profile's "
            "theme), `paged` (the copy WeasyPrint lays out) and `toc` (with a table of "
            "contents). Section templates also receive `section`; item partials `item`.\n\n"
        )
        classes = [
            c for c in vars(views).values() if dataclasses.is_dataclass(c) and isinstance(c, type)
        ]
        for cls in classes:
            if cls.__name__.startswith("_"):
                continue
            kind = getattr(cls, "kind", "")
            heading = f"{cls.__name__}" + (f" (`items/{kind}.html.j2`)" if kind else "")
            page.write(
                f"## {heading}\n\n{(cls.__doc__ or '').strip()}\n\n| field | type |\n|---|---|\n"
            )
            types = hints(cls, vars(views))
            for field in dataclasses.fields(cls):
                page.write(
                    f"| `{field.name}` | `{types.get(field.name, '')}` |\n".replace("|`", "| `")
                )
            page.write("\n")


def format_page() -> None:
    """Every registered format, as the registry declares it: what ``-f``, a profile's
    ``formats`` and ``serve`` take."""
    with mkdocs_gen_files.open("reference/formats.md", "w") as page:
        page.write(
            "# Output formats\n\nThe formats in the registry (`src/otsreport/formats/`): the "
            "names `-f` and a profile's `formats` take, each file's suffix and media type (as "
            "`serve` sends it at `/brief.SUFFIX`), whether the build holds it to the page "
            "budget, and how the release check reads it back.\n\n"
            "| `-f` | file | media type | paged | made | what it is |\n|---|---|---|---|---|---|\n"
        )
        for fmt in formats.registered():
            paged = "yes" if fmt.pages is not None else ""
            made = "in the worker processes" if fmt.pooled is not None else "in the build"
            page.write(
                f"| `{fmt.name}` | `AUDIENCE.{fmt.suffix}` | `{fmt.media_type}` | {paged} | "
                f"{made} | {fmt.summary} |\n"
            )


def benchmarks() -> None:
    text = Path("BENCHMARKS.md").read_text(encoding="utf-8")
    with mkdocs_gen_files.open("benchmarks.md", "w") as page:
        page.write(text)


command_pages()
data_pages()
template_variables()
format_page()
benchmarks()
