"""Commands for building a dossier: new-dossier, add-source, paragraphs, find."""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from otsreport.cli.app import DOSSIER_OPTION, cli, debug_flag, reporting

DOSSIER_FOLDER = click.option(
    "--dossier",
    "-d",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The dossier folder.",
)


@cli.command("new-dossier", short_help="Start a dossier: every file, commented, with schemas.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The dossier's title (default: from the folder).")
def new_dossier(folder: Path, title: str | None) -> None:
    """Create FOLDER with a commented file for each kind of record and the JSON Schemas that
    editors use to check them (written into the folder, so they work wherever it moves).

    \b
    Example:
      otsreport new-dossier dossiers/lake-survey --title "The Lake Varen survey"
      otsreport add-source saved-page.html --dossier dossiers/lake-survey
    """
    from otsreport.authoring.scaffold import new_dossier as scaffold

    with reporting(debug_flag()):
        written = scaffold(folder, title)
        click.echo(f"created {folder} ({len(written)} files)")
        click.echo(f"next: otsreport add-source FILE --dossier {folder}")


@cli.command("add-source", short_help="Import a web page, PDF, Word file or text as a source.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@DOSSIER_FOLDER
@click.option("--id", "source_id", default=None, help="The source's id (default: from its title).")
def add_source(file: Path, dossier: Path, source_id: str | None) -> None:
    """Import FILE (a saved web page, a PDF, a DOCX or plain text) into the dossier: its
    article text, without navigation, notices or footers, goes to sources/ID.txt in numbered
    paragraphs, and its title, author, publisher, date, language and address to sources.yaml.

    \b
    Examples:
      otsreport add-source ~/Downloads/article.html --dossier dossiers/lake-survey
      otsreport add-source report.pdf --dossier dossiers/lake-survey --id commission-report
    """
    from otsreport.authoring.sources import add_source as import_source

    with reporting(debug_flag()):
        added = import_source(file, dossier, source_id)
        document = added.document
        click.echo(f"added source '{added.source_id}': {len(document.paragraphs)} paragraphs")
        click.echo(f"wrote {added.text_file}")
        for note in document.notes:
            click.echo(note)
        found = {
            "title": document.title,
            "author": document.author,
            "date": document.published,
            "url": document.url,
        }
        missing = [name for name, value in found.items() if not value]
        if missing:
            click.echo(f"not found in the document, add by hand: {', '.join(missing)}", err=True)


@cli.command(short_help="Print a source's paragraphs, numbered as citations count them.")
@click.argument("source")
@DOSSIER_OPTION
def paragraphs(source: str, dossier: Path | None) -> None:
    """Print the paragraphs of SOURCE (a source id), numbered as citations count them.

    \b
    Example:
      otsreport paragraphs herald-survey --dossier dossiers/lake-survey
    """
    from otsreport.authoring.finding import source_paragraphs
    from otsreport.paths import sample_dossier_dir

    with reporting(debug_flag()):
        for number, text in enumerate(
            source_paragraphs(dossier or sample_dossier_dir(), source), 1
        ):
            click.echo(
                textwrap.fill(text, 96, initial_indent=f"{number:>3}. ", subsequent_indent="     ")
            )


@cli.command(short_help="Find words in the sources and print them as a citation.")
@click.argument("text")
@DOSSIER_OPTION
def find(text: str, dossier: Path | None) -> None:
    """Find TEXT in the dossier's sources, forgiving accents, quote styles, spacing and small
    typos, and print each match as a citation to paste into a record. Exit 1 if nothing
    matches.

    \b
    Example:
      otsreport find "opened its spring survay season" --dossier dossiers/lake-survey
    """
    from otsreport.authoring.finding import as_citation, find_passages
    from otsreport.paths import sample_dossier_dir

    with reporting(debug_flag()):
        found = find_passages(dossier or sample_dossier_dir(), text)
        for passage in found:
            click.echo(f"# {passage.source} ¶{passage.paragraph}, {passage.percent}% match")
            click.echo(as_citation(passage))


@cli.command(short_help="List the event kinds, stances and other words records take.")
@click.option(
    "--dossier",
    "-d",
    type=click.Path(path_type=Path),
    default=None,
    help="Also list the words this dossier declares under 'vocabulary:' in its dossier.yaml.",
)
def vocabulary(dossier: Path | None) -> None:
    """List the built-in vocabularies (event kinds, stances, relations, actor and source
    kinds...), the fields that take them and the label a brief prints for each word; with
    --dossier, the words the dossier adds too.

    \b
    Examples:
      otsreport vocabulary
      otsreport vocabulary --dossier dossiers/lake-survey
    """
    from otsreport import vocabulary as words

    with reporting(debug_flag()):
        declared = _declared_words(dossier) if dossier is not None else {}
        for line in words.listing(declared):
            click.echo(line)


def _declared_words(dossier: Path) -> dict[str, list[tuple[str, str]]]:
    """A dossier's own words, read from its dossier.yaml alone: the list is wanted most
    while the records are still being written, and may not validate yet."""
    from otsreport.errors import UserError
    from otsreport.i18n import pick
    from otsreport.load import read_draft

    draft = read_draft(dossier)
    if draft.info is None:
        raise UserError([p for p in draft.problems if p.file and p.file.name == "dossier.yaml"])
    own = draft.info.vocabulary
    return {
        name: [(word.id, pick(word.label, "en")) for word in getattr(own, name)]
        for name in type(own).model_fields
    }
