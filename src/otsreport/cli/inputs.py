"""Commands about the inputs: validate, audiences, templates, new-audience, sections, schema."""

from __future__ import annotations

from pathlib import Path

import click

from otsreport.cli.app import (
    DOSSIER_OPTION,
    TEMPLATES_OPTION,
    cli,
    debug_flag,
    lang_option,
    reporting,
)


@cli.command(short_help="Check a dossier: schema, references, quotes, wording.")
@DOSSIER_OPTION
@lang_option("Also list the texts that have no translation in this language (warnings).")
@click.option(
    "--fix",
    is_flag=True,
    help="First write the paragraph of each citation that lacks one or gives the wrong one, "
    "found from its quote, into the YAML files (comments and layout kept).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Report the dossier's warnings (a record dated after 'as_of', a lookalike event, "
    "a source with no perspective...) as errors: exit 1.",
)
def validate(dossier: Path | None, lang: str | None, fix: bool, strict: bool) -> None:
    """Check a dossier: schema, references, dates, and every quote against its source.

    \b
    Examples:
      otsreport validate
      otsreport validate --dossier data/my-dossier
      otsreport validate --lang hu     # what a brief in hu would show in English
      otsreport validate --fix -d data/my-dossier   # fill in paragraph numbers
      otsreport validate --strict      # warnings are errors (for CI)
    """
    from otsreport.advice import dossier_warnings
    from otsreport.errors import UserError
    from otsreport.load import read_draft
    from otsreport.paths import sample_dossier_dir
    from otsreport.summary import describe
    from otsreport.untranslated import missing_translations
    from otsreport.validate import validate_draft

    with reporting(debug_flag()):
        if fix:
            from otsreport.authoring.fixing import fix_paragraphs

            for change in fix_paragraphs(dossier or sample_dossier_dir()):
                click.echo(f"fixed {change}")
        draft = read_draft(dossier or sample_dossier_dir())
        loaded = validate_draft(draft)
        warnings = dossier_warnings(loaded, draft.source_map)
        if strict and warnings:
            raise UserError(warnings)
        for advice in warnings:
            click.echo(f"warning: {advice}", err=True)
        click.echo(describe(loaded))
        if lang:
            missing = missing_translations(loaded, lang)
            for problem in missing:
                click.echo(f"warning: {problem}", err=True)
            click.echo(f"{len(missing)} texts have no '{lang}' translation (English is used).")


@cli.command(short_help="List the audiences, one line each.")
@TEMPLATES_OPTION
def audiences(template_dirs: tuple[Path, ...]) -> None:
    """List the audiences with a one-line description.

    \b
    Example:
      otsreport audiences -t my-templates
    """
    from otsreport.audiences import audience_folders, load_audience, project_template_dirs
    from otsreport.i18n import pick

    with reporting(debug_flag()):
        dirs = project_template_dirs(template_dirs)
        for name in audience_folders(dirs):
            profile = load_audience(name, dirs).profile
            click.echo(f"{name:<14} {pick(profile.description, 'en')}")


@cli.command(short_help="Show which file wins for every template name.")
@click.option(
    "--audience",
    "-a",
    default=None,
    metavar="NAME",
    help="Include this audience's folder in the lookup.",
)
@TEMPLATES_OPTION
def templates(audience: str | None, template_dirs: tuple[Path, ...]) -> None:
    """Show, for every template name, the file that wins and the files it shadows.

    \b
    Examples:
      otsreport templates
      otsreport templates -a research -t my-templates
    """
    from otsreport.audiences import load_audience, project_template_dirs
    from otsreport.render import template_inventory, template_search_path

    with reporting(debug_flag()):
        dirs = project_template_dirs(template_dirs)
        folder = load_audience(audience, dirs).folder if audience else None
        search_path = template_search_path(dirs, folder)
        click.echo("Lookup order (first wins):")
        for number, path in enumerate(search_path, 1):
            click.echo(f"  {number}. {path}")
        for entry in template_inventory(search_path):
            click.echo(f"{entry.name}\n    uses     {entry.winner}")
            for shadowed in entry.shadowed:
                click.echo(f"    shadows  {shadowed}")


@cli.command("new-audience", short_help="Scaffold a new audience from an existing one.")
@click.argument("name")
@click.option(
    "--from",
    "base",
    default="diplomatic",
    show_default=True,
    metavar="BASE",
    help="Audience to copy the profile from.",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("templates"),
    show_default=True,
    help="Template folder to create audiences/NAME/ in.",
)
@TEMPLATES_OPTION
def new_audience(name: str, base: str, folder: Path, template_dirs: tuple[Path, ...]) -> None:
    """Scaffold a new audience from an existing one; never overwrites.

    The default folder, ./templates, is searched automatically, so the new audience is listed
    by `otsreport audiences` and builds at once.

    \b
    Examples:
      otsreport new-audience parliament --from executive
      otsreport build -a parliament
    """
    from otsreport.audiences import new_audience as scaffold
    from otsreport.audiences import project_template_dirs, searched_by_default

    with reporting(debug_flag()):
        dirs = project_template_dirs(template_dirs)
        created = scaffold(name, base, folder, [*dirs, folder])
        click.echo(f"wrote {created}")
        if not searched_by_default(folder):
            click.echo(f"build it with: otsreport build -t {folder} -a {name}")


@cli.command(short_help="List the sections, their kind and their origin.")
@DOSSIER_OPTION
@TEMPLATES_OPTION
@click.option(
    "--audience",
    "-a",
    default=None,
    metavar="NAME",
    help="Also list the sections this audience's profile defines inline.",
)
def sections(dossier: Path | None, template_dirs: tuple[Path, ...], audience: str | None) -> None:
    """List the sections a brief can contain, with their kind and where each is defined.

    Built-in ones come from the catalogue (templates/sections.yaml); a `sections.yaml` in
    your template folder, the dossier's dossier.yaml and an audience profile can add or
    replace them. Any of them can be named with `build -s`.

    \b
    Examples:
      otsreport sections
      otsreport sections -d data/my-dossier -a research
    """
    from otsreport.audiences import project_template_dirs
    from otsreport.i18n import pick
    from otsreport.paths import sample_dossier_dir
    from otsreport.select.catalogue import list_sections

    with reporting(debug_flag()):
        dirs = project_template_dirs(template_dirs)
        for entry in list_sections(dirs, dossier or sample_dossier_dir(), audience):
            description = pick(entry.spec.description, "en")
            click.echo(f"{entry.spec.id:<16} {entry.spec.kind:<10} {description} [{entry.origin}]")


@cli.command(short_help="List what an audience's brief leaves out, and why (for the analyst).")
@DOSSIER_OPTION
@TEMPLATES_OPTION
@click.option("--audience", "-a", required=True, metavar="NAME", help="The audience to list.")
def withheld(dossier: Path | None, template_dirs: tuple[Path, ...], audience: str) -> None:
    """List every record the audience's brief leaves out at its ceiling, and why: marked
    above it, or depending on something that is (a source it cites, an actor it names, a
    topic, a record it rests on).

    This is the analyst's report: the brief itself only says how many were withheld. Do not
    send it with the brief.

    \b
    Examples:
      otsreport withheld -a press
      otsreport withheld -a partners -d data/my-dossier -t my-templates
    """
    from otsreport.audiences import load_audience, project_template_dirs
    from otsreport.paths import sample_dossier_dir
    from otsreport.select.stage import release_for
    from otsreport.validate import load_dossier

    with reporting(debug_flag()):
        loaded = load_dossier(dossier or sample_dossier_dir())
        profile = load_audience(audience, project_template_dirs(template_dirs))
        cut = release_for(loaded, profile)
        for item in cut.withheld:
            click.echo(f"{item.kind:<11} {item.record:<40} {item.marking:<16} {item.why}")
        click.echo(f"{cut.count} withheld above {cut.ceiling} for audience '{audience}'.")


@cli.command(short_help="Write JSON Schemas of the data files for editors.")
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schema files into.",
)
def schema(out: Path) -> None:
    """Write a JSON Schema for every kind of data file, for editor completion and checks.

    \b
    Example:
      otsreport schema --out data/schemas
    """
    from otsreport.schema import write_schemas

    with reporting(debug_flag()):
        for path in write_schemas(out):
            click.echo(f"wrote {path}")


@cli.command(short_help="Check that this machine can build briefs, and say how to fix it.")
def doctor() -> None:
    """Check Python, WeasyPrint, Pango and HarfBuzz, the fonts for az, hu and tr, the cache
    folder and the optional tools; each finding comes with its remedy. Exit 1 when building
    cannot work here.

    \b
    Example:
      otsreport doctor
    """
    import sys

    from otsreport.doctor import examine

    findings = examine()
    for finding in findings:
        click.echo(str(finding))
    if any(not f.ok and f.required for f in findings):
        click.echo(
            "Building briefs will not work here until the MISSING items are fixed.", err=True
        )
        sys.exit(1)
    click.echo("Ready to build briefs.")
