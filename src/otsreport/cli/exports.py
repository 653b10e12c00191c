"""The ``export`` command: one audience's released dossier in a data format (STIX 2.1, MISP,
CSL-JSON), made and checked as a build makes and checks a brief."""

from __future__ import annotations

from pathlib import Path

import click

from otsreport import formats as output_formats
from otsreport.cli.app import DOSSIER_OPTION, TEMPLATES_OPTION, cli, debug_flag, reporting


@cli.command(short_help="Export an audience's released dossier: STIX 2.1, MISP, CSL-JSON.")
@DOSSIER_OPTION
@click.option(
    "--audience", "-a", required=True, metavar="NAME", help="The audience whose cut to export."
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    required=True,
    type=click.Choice(output_formats.names()),
    help="Format; repeatable. stix: a STIX 2.1 bundle; misp: a MISP event; csl-json: the "
    "cited sources (any build format is accepted too).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: build/<dossier id>).",
)
@TEMPLATES_OPTION
@click.option("--force", is_flag=True, help="Write it again even when it is up to date.")
def export(
    dossier: Path | None,
    audience: str,
    formats: tuple[str, ...],
    out: Path | None,
    template_dirs: tuple[Path, ...],
    force: bool,
) -> None:
    """Export what AUDIENCE may see (the dossier cut to its ceiling, as its brief is) for
    other tools: threat-intelligence platforms take STIX 2.1 and MISP, reference managers
    CSL-JSON. Every file is checked for text above its marking before it is written.

    \b
    Examples:
      otsreport export -a research -f stix
      otsreport export -a press -f misp -f csl-json -o out/
    """
    from otsreport.audiences import project_template_dirs
    from otsreport.build import build
    from otsreport.options import BuildOptions

    with reporting(debug_flag()):
        options = BuildOptions(
            dossier=dossier,
            audiences=(audience,),
            formats=formats,
            out=out,
            template_dirs=tuple(project_template_dirs(template_dirs)),
            force=force,
        )
        result = build(options)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        for output in result.outputs:
            click.echo(f"wrote {output.path}")
        if not result.outputs:
            click.echo("up to date")
