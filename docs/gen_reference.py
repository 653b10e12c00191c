"""Reference pages generated from the code at every build (mkdocs-gen-files), so they cannot
drift: one page per command (from click's own help), one per data file kind (from the JSON
Schemas), the vocabularies (from vocabulary.yaml), the output formats (from their
registry), the variables templates receive (from the
view dataclasses), and the benchmarks; and the reference section's navigation
(reference/SUMMARY.md, read by mkdocs-literate-nav), so every page is in it."""

from __future__ import annotations

import dataclasses
import inspect
import re
import typing
from pathlib import Path
from typing import Any

import click
import mkdocs_gen_files

from otsreport import formats, vocabulary
from otsreport.cli import cli
from otsreport.schema import schemas
from otsreport.select import views

NAV: list[str] = []  # reference/SUMMARY.md, one line per page


def _nav(title: str, path: str, depth: int = 0) -> None:
    NAV.append(f"{'    ' * depth}* [{title}]({path})")


def command_pages() -> None:
    names = sorted(cli.commands)
    _nav("Commands", "cli/index.md")
    with mkdocs_gen_files.open("reference/cli/index.md", "w") as page:
        page.write("# Commands\n\n| command | what it does |\n|---|---|\n")
        for name in names:
            command = cli.commands[name]
            page.write(f"| [`otsreport {name}`]({name}.md) | {command.get_short_help_str(200)} |\n")
    for name in names:
        _nav(f"otsreport {name}", f"cli/{name}.md", 1)
        with mkdocs_gen_files.open(f"reference/cli/{name}.md", "w") as page:
            page.write(command_page(name, cli.commands[name]))


def command_page(name: str, command: click.Command) -> str:
    """A command's page: its help as Markdown, each click ``\\b`` block (its examples) a
    code block of its own, then usage and options exactly as ``--help`` prints them."""
    context = click.Context(command, info_name=f"otsreport {name}")
    text = [f"# otsreport {name}\n"]
    for block in inspect.cleandoc(command.help or "").split("\n\n"):
        if block.startswith("\b\n"):
            lines = block.removeprefix("\b\n").split("\n")
            heading = lines.pop(0) if lines[0].rstrip().endswith(":") else ""
            body = inspect.cleandoc("\n".join(lines))
            text.append(
                f"{heading}\n\n```sh\n{body}\n```\n" if heading else f"```sh\n{body}\n```\n"
            )
        else:
            text.append(re.sub(r"\s*\n\s*", " ", block) + "\n")
    formatter = context.make_formatter()
    command.format_usage(context, formatter)
    command.format_options(context, formatter)
    text.append(f"```text\n{formatter.getvalue().rstrip()}\n```\n")
    return "\n".join(text)


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
    _nav("Data files", "data/index.md")
    with mkdocs_gen_files.open("reference/data/index.md", "w") as page:
        page.write(
            "# Data files\n\nEach kind of data file, its fields, and the records inside it.\n\n"
        )
        for file in sorted(found):
            kind = file.removesuffix(".schema.json")
            page.write(f"- [`{kind}`]({kind}.md)\n")
    for file, schema in sorted(found.items()):
        kind = file.removesuffix(".schema.json")
        _nav(kind, f"data/{kind}.md", 1)
        with mkdocs_gen_files.open(f"reference/data/{kind}.md", "w") as page:
            page.write(f"# {kind}\n\n")
            top = schema.get("items", schema) if schema.get("type") == "array" else schema
            if "$ref" in top:
                top = schema["$defs"][top["$ref"].rsplit("/", 1)[-1]]
            _fields(page, f"{kind} fields", top)
            for name, definition in sorted(schema.get("$defs", {}).items()):
                if definition.get("properties"):
                    _fields(page, name, definition)


def _type_name(hint: Any) -> str:
    """'int', 'tuple[Item, ...]', 'Markup | None': a type as code writes it, not its repr."""
    if isinstance(hint, type) and not typing.get_args(hint):
        return hint.__name__
    text = str(hint)
    return re.sub(r"\b(?:typing|collections\.abc|markupsafe|otsreport(?:\.\w+)*)\.", "", text)


def template_variables() -> None:
    hints = typing.get_type_hints
    _nav("Template variables", "template-variables.md")
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
                shown = _type_name(types.get(field.name, "")).replace(" | ", " or ")
                page.write(f"| `{field.name}` | `{shown}` |\n")
            page.write("\n")


def format_page() -> None:
    """Every registered format, as the registry declares it: what ``-f``, a profile's
    ``formats`` and ``serve`` take."""
    _nav("Output formats", "formats.md")
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


def vocabulary_page() -> None:
    """Every closed vocabulary with its words and labels (what `otsreport vocabulary` lists)."""
    _nav("Vocabularies", "vocabulary.md")
    with mkdocs_gen_files.open("reference/vocabulary.md", "w") as page:
        page.write(
            "# Vocabularies\n\nThe words each closed field takes, from "
            "`otsreport/vocabulary.yaml` (`otsreport vocabulary` prints the same list, with a "
            "dossier's own words). A dossier adds event kinds and stances in its "
            "`dossier.yaml`, each with the label the brief prints:\n\n"
            "```yaml\nvocabulary:\n  event_kinds:\n    - id: plenary-session\n"
            "      label: {en: Plenary session, hu: Plenáris ülés}\n  stances:\n"
            "    - id: commends\n      label: commends   # one holder\n"
            "      plural: commend   # several\n```\n\n"
        )
        for words in vocabulary.built_in().values():
            page.write(f"## {words.name}\n\n{words.description} Used by: ")
            page.write(", ".join(f"`{f}`" for f in words.fields) + ".")
            page.write(" A dossier may add to it.\n\n" if words.dossier else "\n\n")
            page.write("| word | label | meaning |\n|---|---|---|\n")
            for term in words.terms:
                label = f"{term.label} / {term.plural}" if term.plural else term.label
                page.write(f"| `{term.id}` | {label} | {term.description} |\n")
            page.write("\n")


def navigation() -> None:
    """The reference section's navigation, for literate-nav; not a page of its own."""
    from mkdocs.structure.files import InclusionLevel

    with mkdocs_gen_files.open("reference/SUMMARY.md", "w") as page:
        page.write("\n".join(NAV) + "\n")
    summary = mkdocs_gen_files.FilesEditor.current().files.get_file_from_path(
        "reference/SUMMARY.md"
    )
    if summary is not None:
        summary.inclusion = InclusionLevel.EXCLUDED


def benchmarks() -> None:
    text = Path("BENCHMARKS.md").read_text(encoding="utf-8")
    with mkdocs_gen_files.open("benchmarks.md", "w") as page:
        page.write(text)


command_pages()
data_pages()
vocabulary_page()
template_variables()
format_page()
benchmarks()
navigation()
