"""The ``otsreport`` group, its shared options, and how errors reach the user.

User mistakes print their problems and exit 1 (usage: 2); a bug says so and exits 3.
"""

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


def lang_option(help: str) -> Callable[[F], F]:
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
def reporting(debug: bool) -> Iterator[None]:
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
    except OSError as error:
        # A file the system would not read or write (a name too long, a full disk, a
        # folder where a file was expected): the user's to fix, not a bug.
        if debug:
            traceback.print_exc()
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"{where}{error.strerror or error}", err=True)
        sys.exit(1)
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


def debug_flag() -> bool:
    return bool(click.get_current_context().find_root().obj)
