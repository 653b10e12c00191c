"""The translator's round trip: translate export, translate import."""

from __future__ import annotations

from pathlib import Path

import click

from otsreport.cli.app import cli, debug_flag, reporting

DOSSIER = click.option(
    "--dossier",
    "-d",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Dossier folder (default: the bundled sample dossier).",
)


@cli.group(short_help="Hand the dossier's untranslated texts to a translator, and back.")
def translate() -> None:
    """Export the dossier's texts that lack a language as a PO file, and import the
    translations back into its YAML (comments and layout kept). See docs/guide/translating.md.

    \b
    Examples:
      otsreport translate export -l hu -o hu.po -d data/my-dossier
      otsreport translate import hu.po -d data/my-dossier
    """


@translate.command("export", short_help="Write the untranslated texts as a PO file.")
@DOSSIER
@click.option(
    "--lang",
    "-l",
    required=True,
    type=click.Choice(["hu", "az", "tr"]),
    help="The language to translate into.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The PO file to write (default: standard output).",
)
def export(dossier: Path | None, lang: str, out: Path | None) -> None:
    """Write every text of the dossier without a LANG version as a PO file: msgctxt names
    the record and field, the reference the file and line, msgid the English."""
    from otsreport.authoring.translating import export_po
    from otsreport.paths import sample_dossier_dir
    from otsreport.write import write_atomic

    with reporting(debug_flag()):
        data, count = export_po(dossier or sample_dossier_dir(), lang)
        if out is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            write_atomic(out, data)
        click.echo(
            f"{count} texts to translate into '{lang}'" + (f": wrote {out}" if out else ""),
            err=True,
        )


@translate.command("import", short_help="Write a PO file's translations into the dossier.")
@click.argument("po_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@DOSSIER
def import_(po_file: Path, dossier: Path | None) -> None:
    """Write the translations in PO_FILE (its 'Language' header says which) into the
    dossier's YAML, beside each English text; empty and fuzzy entries are left out."""
    from otsreport.authoring.translating import import_po
    from otsreport.paths import sample_dossier_dir

    with reporting(debug_flag()):
        done = import_po(dossier or sample_dossier_dir(), po_file)
        for problem in done.skipped:
            click.echo(f"warning: {problem}", err=True)
        for file in done.files:
            click.echo(f"wrote {file}")
        click.echo(f"{done.translated} translations imported")
