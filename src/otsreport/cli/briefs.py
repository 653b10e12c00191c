"""Commands that make briefs: build, serve (``cli/reading.py`` reads them back)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from otsreport import formats as output_formats
from otsreport.cli.app import (
    DOSSIER_OPTION,
    TEMPLATES_OPTION,
    cli,
    debug_flag,
    lang_option,
    reporting,
)
from otsreport.errors import Problem, UserError

if TYPE_CHECKING:
    from otsreport.build import BuildResult
    from otsreport.executors import Executor
    from otsreport.options import BuildOptions


class FormatChoice(click.Choice):  # type: ignore[type-arg]
    """``-f``'s choices: whatever the format registry holds when asked (a plug-in loaded
    after this module was imported included), not a list fixed at import."""

    def __init__(self) -> None:
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return output_formats.names()

    @choices.setter
    def choices(self, _: object) -> None:
        """Click sets its list in ``__init__``; the registry's is the one read."""


@cli.command(short_help="Build briefs as HTML and PDF (only what changed).")
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
    type=FormatChoice(),
    help="Output format; repeatable (default: the formats each audience's profile lists, "
    "else html and pdf). "
    + "; ".join(f"{fmt.name}: {fmt.summary}" for fmt in output_formats.registered())
    + ".",
)
@click.option(
    "--reference-docx",
    "--reference-doc",  # Pandoc's spelling
    "reference_docx",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A Word file whose styles, numbering, page setup and letterhead the DOCX takes, and "
    "nothing else (default: a reference.docx in a template folder, else the package's). "
    "--reference-doc is the same option, as Pandoc spells it.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: build/<dossier id>).",
)
@TEMPLATES_OPTION
@click.option(
    "--name",
    default=None,
    metavar="NAME",
    help="Name the output files NAME.html/.pdf (one audience). A build with -s and no "
    "--name writes AUDIENCE.custom-HASH files, never over the audience's own brief.",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option(
    "--allow-overflow",
    is_flag=True,
    help="Build PDFs and DOCX past their profile's max_pages (warns).",
)
@click.option(
    "--render-timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a template render that takes longer (exit 1).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for PDFs (default: the number of cores).",
)
@click.option(
    "--executor",
    envvar="OTSREPORT_EXECUTOR",
    default="local",
    show_default=True,
    metavar="local|dask://HOST:PORT",
    help="Where PDFs are laid out: local worker processes (--jobs), or the workers of a Dask "
    "cluster (pip install 'otsreport[distributed]'). The same bytes either way; the release "
    "check and the writing stay here. Also OTSREPORT_EXECUTOR.",
)
@click.option(
    "--store",
    envvar="OTSREPORT_STORE",
    default=None,
    metavar="PATH|URL",
    help="A shared store of laid-out PDFs and parts, keyed by what they are made from: a "
    "folder, or any fsspec URL (s3://...). A build takes what is there instead of laying it "
    "out again, and keeps what it lays out. Also OTSREPORT_STORE.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and errors.")
@lang_option(
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
@click.option(
    "--pdf-layout",
    type=click.Choice(["auto", "whole", "parts"]),
    default="auto",
    show_default=True,
    help="parts: lay a brief out in parts, in parallel (--jobs), and merge them; whole: in "
    "one process; auto: in parts when it runs past about 30 pages.",
)
@click.option(
    "--no-release-check",
    is_flag=True,
    help="Write briefs without checking them for text above their marking (for debugging "
    "only; the build says so).",
)
@click.option(
    "--since",
    default=None,
    metavar="OLD",
    help="An earlier edition (dossier folder, .json, archival PDF, a brief's .edition.json, "
    "or git:REV): each brief gets a 'What changed since' section, as both editions are cut "
    "for its reader; with -f docx, also AUDIENCE.redline.docx (Word's tracked changes).",
)
@click.option(
    "--require-translation",
    is_flag=True,
    help="Stop (exit 1) when a brief would quote any of the dossier's text untranslated, "
    "naming each record; `otsreport translate export` writes them out for a translator.",
)
def build(
    sections: tuple[str, ...],
    formats: tuple[str, ...],
    template_dirs: tuple[Path, ...],
    jobs: int | None,
    quiet: bool,
    no_release_check: bool,
    executor: str,
    store: str | None,
    **given: Any,
) -> None:
    """Build briefs as self-contained HTML and print-ready PDF (and Word, with -f docx); only
    what changed (--force: all).

    \b
    Examples:
      otsreport build
      otsreport build -a research -a press -f pdf -o out/
      otsreport build -a diplomatic -s summary,timeline
      otsreport build -a press --lang hu
      otsreport build -f docx --reference-docx letterhead.docx
      otsreport build --executor dask://scheduler:8786 --store /shared/otsreport-store
    """
    import time
    from contextlib import nullcontext

    from otsreport.audiences import project_template_dirs, split_section_option

    started = time.perf_counter()
    dirs = tuple(project_template_dirs(template_dirs))
    from otsreport.options import BuildOptions

    with reporting(debug_flag()):
        workers = _early_workers(formats, given["audiences"], dirs, jobs, (executor, store))
    with reporting(debug_flag()), workers or nullcontext():
        options = BuildOptions(
            sections=split_section_option(sections),
            formats=tuple(formats),  # none: each profile's own
            template_dirs=dirs,
            release_check=not no_release_check,
            **given,
        )
        result = _run_build(options, workers, show_bar=not quiet and sys.stderr.isatty())
        _tell(result, quiet, time.perf_counter() - started, workers)
        if result.failed:  # the others are written: now say which were not, and exit 1
            raise _not_built(result)


def _tell(result: BuildResult, quiet: bool, seconds: float, workers: Any = None) -> None:
    """Warnings always; what was written, and where it was laid out, unless --quiet."""
    from otsreport.executors import summary

    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if quiet:
        return
    for output in result.outputs:
        plural = "page" if output.pages == 1 else "pages"
        pages = f" ({output.pages} {plural})" if output.pages else ""
        click.echo(f"wrote {output.path}{pages}")
    for line in summary(workers):
        click.echo(line)
    click.echo(f"{len(result.outputs)} built, {len(result.skipped)} up to date, in {seconds:.1f} s")


def _early_workers(
    formats: tuple[str, ...],
    audiences: tuple[str, ...],
    dirs: tuple[Path, ...],
    jobs: int | None,
    where: tuple[str, str | None] = ("local", None),
) -> Executor | None:
    """A worker per core, or per --jobs (--jobs 1: none, the build makes its own), started by
    the build at its first out-of-date PDF (none when nothing is stale). Even one brief
    can use them all when it is laid out in parts. ``where``: --executor and --store
    (``executors.make``); a build that makes no PDF needs neither."""
    import os

    from otsreport import executors
    from otsreport.audiences import audience_folders

    executor, store = where
    executors.scheduler_address(executor)  # a usage error for a misspelt one, PDF or not
    # A profile may list a pooled format (the PDF) when -f names none: the pool is made, and
    # started only if a brief needs it.
    pooled = not formats or any(output_formats.get(f).pooled is not None for f in formats)
    pdf_count = (len(audiences) or len(audience_folders(dirs))) if pooled else 0
    worker_count = (jobs or os.cpu_count() or 1) if pdf_count else 0
    if not pdf_count:
        return None
    local = worker_count if jobs != 1 else 0
    return cast("Executor | None", executors.make(executor, local, store, verbose=debug_flag()))


def _not_built(result: BuildResult) -> UserError:
    problems = [problem for error in result.failed.values() for problem in error.problems]
    names = ", ".join(result.failed)
    summary = f"not built: {names} (see above); every other audience was built and written"
    return UserError([*problems, Problem(summary)])


def _run_build(options: BuildOptions, workers: Executor | None, show_bar: bool) -> BuildResult:
    from otsreport.batch import build_all as build
    from otsreport.build import count_outputs

    if not show_bar:
        return build(options, None, workers)
    with click.progressbar(
        length=count_outputs(options), label="Building briefs", file=sys.stderr
    ) as bar:
        return build(options, lambda _: bar.update(1), workers)


@cli.command(short_help="Preview a brief, rebuilt on every change.")
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
@lang_option("Language of the previewed brief (default: the audience's locale).")
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
    from otsreport.options import BuildOptions
    from otsreport.serve import serve as run_server

    with reporting(debug_flag()):
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
