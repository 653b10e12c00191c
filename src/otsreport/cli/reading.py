"""Commands that read built briefs back: extract (the dossier an archival PDF carries) and
check-release (every channel of a brief against its marking)."""

from __future__ import annotations

from pathlib import Path

import click

from otsreport.cli.app import cli, debug_flag, reporting
from otsreport.errors import Problem, UserError


@cli.command(short_help="Recover the dossier JSON an archival PDF carries.")
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

    with reporting(debug_flag()):
        data = extract_attachment(brief, "build.json" if build_info else "dossier.json")
        if out is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            write_atomic(out, data)
            click.echo(f"wrote {out}", err=True)


@cli.command("check-release", short_help="Report text in briefs marked above their banner.")
@click.argument(
    "briefs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--dossier",
    "-d",
    type=click.Path(path_type=Path, exists=True),
    default=None,
    help="The dossier to check against (default: the one each brief says it was built "
    "from, found through the build manifest beside it).",
)
@click.option(
    "--as-is",
    is_flag=True,
    help="Check against the dossier as it is now, even if it changed since the brief was "
    "built (default: refuse, exit 2).",
)
def check_release(briefs: tuple[Path, ...], dossier: Path | None, as_is: bool) -> None:
    """Check that built briefs carry nothing their own marking does not allow.

    Reads every channel of each brief as a recipient's tools would: an HTML file's text,
    attributes and metadata; a PDF's pages, metadata, bookmarks, alternate text, links and
    embedded files; every part of a Word file. Looks in them for each text of the dossier
    that the brief's marking (the one it declares, cross-checked with the label it prints)
    does not allow. Exit 1 if any is found; 2 if a brief cannot be tied to its dossier.

    \b
    Examples:
      otsreport check-release build/DOSSIER/press.pdf build/DOSSIER/press.html
      otsreport check-release out/press.docx --dossier data/my-dossier
    """
    from otsreport.check.files import check_file, raise_worst

    with reporting(debug_flag()):
        leaks: list[Problem] = []
        unchecked: list[UserError] = []
        for brief in briefs:  # every brief is checked, whatever the one before it gave
            try:
                checked = check_file(brief, dossier, as_is=as_is)
            except UserError as error:
                unchecked.append(error)
                continue
            for note in checked.notes:
                click.echo(f"warning: {note}", err=True)
            report = checked.report
            leaks += [Problem(f"above {report.banner}: {f}", brief) for f in report.findings]
            if report.clean:
                click.echo(f"{brief}: marked {report.banner}; nothing in it is above that.")
        raise_worst(leaks, unchecked)
