"""``otsreport diff``: what changed between two editions of a dossier."""

from __future__ import annotations

from pathlib import Path

import click

from otsreport.cli.app import DOSSIER_OPTION, cli, debug_flag, reporting


@cli.command(short_help="What changed between two editions of a dossier.")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@DOSSIER_OPTION
def diff(old: str, new: str, as_json: bool, dossier: Path | None) -> None:
    """Compare two editions record by record: records added, withdrawn and changed (field
    by field), judgments whose likelihood or confidence moved, sources added, markings
    changed. OLD and NEW are each a dossier folder, a dossier .json, an archival PDF, a
    brief's AUDIENCE.edition.json (the dossier as cut for that brief), or git:REV (the
    dossier folder at that revision: NEW's folder, or --dossier). Exit 0.

    \b
    Examples:
      otsreport diff git:HEAD~1 data/my-dossier
      otsreport diff old-dossier/ new-dossier/ --json
    """
    from otsreport.editions import compare, read_edition
    from otsreport.editions.report import as_json as json_report
    from otsreport.editions.report import as_text

    with reporting(debug_flag()):
        folder = dossier or _folder_of(old, new)
        comparison = compare(read_edition(old, folder), read_edition(new, folder))
        click.echo(json_report(comparison) if as_json else as_text(comparison), nl=False)


def _folder_of(*given: str) -> Path | None:
    """The dossier folder a git:REV argument reads the history of: the other argument's."""
    return next((Path(g) for g in given if not g.startswith("git:") and Path(g).is_dir()), None)
