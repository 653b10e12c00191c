"""The ``otsreport`` command. Each command parses options and calls one library function."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from otsreport.errors import UsageError, UserError

F = TypeVar("F", bound=Callable[..., Any])

DOSSIER_OPTION = click.option(
    "--dossier",
    "-d",
    type=click.Path(path_type=Path),
    default=None,
    help="Dossier folder, or a dossier exported as one .json file "
    "(default: the bundled sample dossier).",
)


def _lang_option(help: str) -> Callable[[F], F]:
    """--lang: one of the languages the catalogs cover (the list lives in i18n.LANGUAGES)."""
    return click.option(
        "--lang", "-l", type=click.Choice(["en", "hu", "az", "tr"]), default=None, help=help
    )


TEMPLATES_OPTION = click.option(
    "--templates",
    "-t",
    "template_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of template overrides and audiences; repeatable, first wins.",
)


@contextmanager
def _reporting(debug: bool) -> Iterator[None]:
    """User mistakes: the problems, exit 1 (usage: exit 2). Bugs: say so, exit 3."""
    try:
        yield
    except UsageError as error:
        if debug:
            traceback.print_exc()
        raise click.UsageError(error.report()) from None
    except UserError as error:
        if debug:
            traceback.print_exc()
        click.echo(error.report(), err=True)
        sys.exit(1)
    except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
        raise
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:
        if debug:
            traceback.print_exc()
        click.echo(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in otsreport, not in your input. Please report it with the command "
            "you ran and the output of the same command with --debug.",
            err=True,
        )
        sys.exit(3)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="otsreport")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """Briefing documents for different audiences from one dossier of checked facts.

    \b
    Examples:
      otsreport build                      # every audience, HTML and PDF, sample dossier
      otsreport build -a executive -f pdf  # one audience, one format
      otsreport validate --dossier data/my-dossier
    """
    context.obj = debug


def _debug() -> bool:
    return bool(click.get_current_context().find_root().obj)


@cli.command()
@DOSSIER_OPTION
@click.option(
    "--audience",
    "-a",
    "audiences",
    multiple=True,
    metavar="NAME",
    help="Audience to build; repeatable (default: all). See `otsreport audiences`.",
)
@click.option(
    "--section",
    "-s",
    "sections",
    multiple=True,
    metavar="NAME[,NAME...]",
    help="Sections to include, in this order, instead of the audience's list; "
    "repeatable and comma-separated. See `otsreport sections`.",
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(["html", "pdf"]),
    help="Output format; repeatable (default: html and pdf).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: build/<dossier id>).",
)
@TEMPLATES_OPTION
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for PDFs (default: the number of cores).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and errors.")
@_lang_option(
    "Language of labels, dates and translated data (default: each "
    "audience's locale); files are then named AUDIENCE.LANG.html/.pdf."
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["ua", "archive", "plain"]),
    default="ua",
    show_default=True,
    help="ua: tagged, accessible PDF/UA-1; archive: PDF/A-3b carrying the dossier as JSON "
    "(see `otsreport extract`); plain: untagged.",
)
def build(
    dossier: Path | None,
    audiences: tuple[str, ...],
    sections: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path | None,
    template_dirs: tuple[Path, ...],
    force: bool,
    jobs: int | None,
    quiet: bool,
    lang: str | None,
    pdf_variant: str,
) -> None:
    """Build briefs as self-contained HTML and print-ready PDF.

    Only briefs whose inputs changed since the last build are rebuilt (--force: all).

    \b
    Examples:
      otsreport build
      otsreport build -a research -a press -f pdf -o out/
      otsreport build -a diplomatic -s summary,timeline
      otsreport build -t my-templates -a executive --force
      otsreport build -a press --lang hu
    """
    import os
    import time
    from contextlib import nullcontext

    from otsreport.audiences import audience_folders, project_template_dirs, split_section_option
    from otsreport.pdf import PdfWorkers

    started = time.perf_counter()
    dirs = tuple(project_template_dirs(template_dirs))
    wants_pdf = not formats or "pdf" in formats
    pdf_count = (len(audiences) or len(audience_folders(dirs))) if wants_pdf else 0
    # One worker per PDF up to the cores (--jobs 1: none, all in this process), started
    # before the heavy imports below, so WeasyPrint loads in parallel with them.
    worker_count = min(jobs or os.cpu_count() or 1, pdf_count)
    workers = PdfWorkers(worker_count) if worker_count and jobs != 1 else None

    from otsreport.build import BuildOptions, count_outputs
    from otsreport.build import build as run_build

    with _reporting(_debug()), workers or nullcontext():
        options = BuildOptions(
            dossier=dossier,
            audiences=audiences,
            sections=split_section_option(sections),
            formats=tuple(formats) or ("html", "pdf"),  # type: ignore[arg-type]
            out=out,
            template_dirs=dirs,
            force=force,
            lang=lang,
            pdf_variant=pdf_variant,
        )
        show_bar = not quiet and sys.stderr.isatty()
        if show_bar:
            with click.progressbar(
                length=count_outputs(options), label="Building briefs", file=sys.stderr
            ) as bar:
                result = run_build(options, lambda _: bar.update(1), workers)
        else:
            result = run_build(options, None, workers)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if quiet:
            return
        for output in result.outputs:
            pages = f" ({output.pages} pages)" if output.pages else ""
            click.echo(f"wrote {output.path}{pages}")
        click.echo(
            f"{len(result.outputs)} built, {len(result.skipped)} up to date, "
            f"in {time.perf_counter() - started:.1f} s"
        )


@cli.command()
@DOSSIER_OPTION
@_lang_option("Also list the texts that have no translation in this language (warnings).")
def validate(dossier: Path | None, lang: str | None) -> None:
    """Check a dossier: schema, references, dates, and every quote against its source.

    \b
    Examples:
      otsreport validate
      otsreport validate --dossier data/my-dossier
      otsreport validate --lang hu     # what a brief in hu would show in English
    """
    from otsreport.load import load_dossier
    from otsreport.paths import sample_dossier_dir
    from otsreport.summary import describe
    from otsreport.validate import missing_translations

    with _reporting(_debug()):
        loaded = load_dossier(dossier or sample_dossier_dir())
        click.echo(describe(loaded))
        if lang:
            missing = missing_translations(loaded, lang)
            for problem in missing:
                click.echo(f"warning: {problem}", err=True)
            click.echo(f"{len(missing)} texts have no '{lang}' translation (English is used).")


@cli.command()
@click.argument("brief", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--build-info", is_flag=True, help="Extract how the brief was built instead of the dossier."
)
def extract(brief: Path, out: Path | None, build_info: bool) -> None:
    """Recover the dossier (JSON) embedded in an archival PDF brief.

    \b
    Examples:
      otsreport build -a research -f pdf --pdf-variant archive
      otsreport extract build/DOSSIER/research.pdf -o dossier.json
      otsreport validate --dossier dossier.json
    """
    from otsreport.extract import extract_attachment
    from otsreport.write import write_atomic

    with _reporting(_debug()):
        data = extract_attachment(brief, "build.json" if build_info else "dossier.json")
        if out is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            write_atomic(out, data)
            click.echo(f"wrote {out}", err=True)


@cli.command()
@TEMPLATES_OPTION
def audiences(template_dirs: tuple[Path, ...]) -> None:
    """List the audiences with a one-line description.

    \b
    Example:
      otsreport audiences -t my-templates
    """
    from otsreport.audiences import audience_folders, load_audience, project_template_dirs
    from otsreport.i18n import pick

    with _reporting(_debug()):
        dirs = project_template_dirs(template_dirs)
        for name in audience_folders(dirs):
            profile = load_audience(name, dirs).profile
            click.echo(f"{name:<14} {pick(profile.description, 'en')}")


@cli.command()
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

    with _reporting(_debug()):
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


@cli.command("new-audience")
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

    with _reporting(_debug()):
        dirs = project_template_dirs(template_dirs)
        created = scaffold(name, base, folder, [*dirs, folder])
        click.echo(f"wrote {created}")
        if not searched_by_default(folder):
            click.echo(f"build it with: otsreport build -t {folder} -a {name}")


@cli.command()
@DOSSIER_OPTION
@click.option(
    "--audience",
    "-a",
    default=None,
    metavar="NAME",
    help="Audience to preview (default: the first one).",
)
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@TEMPLATES_OPTION
@_lang_option("Language of the previewed brief (default: the audience's locale).")
def serve(
    dossier: Path | None,
    audience: str | None,
    port: int,
    template_dirs: tuple[Path, ...],
    lang: str | None,
) -> None:
    """Preview a brief in the browser; it rebuilds and reloads when any input changes.

    \b
    Examples:
      otsreport serve -a research
      otsreport serve -a executive -t my-templates --port 8001
    """
    from otsreport.audiences import load_audience, project_template_dirs
    from otsreport.build import BuildOptions
    from otsreport.serve import serve as run_server

    with _reporting(_debug()):
        dirs = tuple(project_template_dirs(template_dirs))
        if audience is not None:
            load_audience(audience, dirs)  # an unknown name is a usage error, before serving
        options = BuildOptions(
            dossier=dossier,
            audiences=[audience] if audience else [],
            template_dirs=dirs,
            lang=lang,
        )
        try:
            run_server(options, port, announce=click.echo)
        except OSError as error:
            raise UserError(f"cannot serve on 127.0.0.1:{port}: {error.strerror}") from None


@cli.command()
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

    with _reporting(_debug()):
        dirs = project_template_dirs(template_dirs)
        for entry in list_sections(dirs, dossier or sample_dossier_dir(), audience):
            description = pick(entry.spec.description, "en")
            click.echo(f"{entry.spec.id:<16} {entry.spec.kind:<10} {description} [{entry.origin}]")


@cli.command()
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

    with _reporting(_debug()):
        for path in write_schemas(out):
            click.echo(f"wrote {path}")


def main() -> None:
    cli(prog_name="otsreport")
