"""Shared fixtures. The full sample build (every audience, HTML and PDF) runs once per session
through the real CLI, and the PDF and HTML tests read its files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from otsreport.cli import cli
from otsreport.paths import sample_dossier_dir

REPO = Path(__file__).resolve().parent.parent
# A second, plainly fictional dossier on another subject, with its own event kind, stance and
# section: what the toolkit must handle as well as it handles the sample.
OTHER_DOSSIER = Path(__file__).resolve().parent / "dossiers" / "lake-varen"
SOURCE_ARTICLE = REPO.parent / "shared" / "source" / "azerbaijan-hungary-ots.txt"


def edit(file: Path, old: str, new: str) -> None:
    """Break (or change) one thing in a copied data file; fails loudly if ``old`` is gone."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def put(file: Path, text: str) -> Path:
    """Write a small fixture file, creating its folders."""
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def put_profile(folder: Path, sections: str = "[summary]", extra: str = "") -> Path:
    """A minimal audience profile in ``folder``/audience.yaml."""
    return put(
        folder / "audience.yaml",
        f"title: {folder.name.capitalize()}\ndescription: d\nsections: {sections}\n"
        f"marking: TLP:RED\ncitations: none\nlocale: en_GB\n{extra}",
    )


def load_report(folder: Path) -> str:
    """The report of the problems that loading ``folder`` must raise."""
    from otsreport.errors import UserError
    from otsreport.validate import load_dossier

    with pytest.raises(UserError) as caught:
        load_dossier(folder)
    return caught.value.report()


def run(*args: str) -> Result:
    """Invoke the CLI in-process; stderr is kept apart so tests can check where text goes."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' parse cache out of the user's home."""
    previous = os.environ.get("OTSREPORT_CACHE_DIR")
    os.environ["OTSREPORT_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))
    yield
    if previous is None:
        del os.environ["OTSREPORT_CACHE_DIR"]
    else:
        os.environ["OTSREPORT_CACHE_DIR"] = previous


def assert_holds_every_fact(text: str) -> None:
    """Every event, statement, position, actor and source paragraph of the sample is in
    ``text`` (a brief's text in any format; apostrophes compared straight, as typed)."""
    from otsreport.i18n import pick
    from otsreport.validate import load_dossier

    def flat(value: str) -> str:
        return value.replace("’", "'").replace("\u2009", " ")

    text = flat(text)
    dossier = load_dossier(sample_dossier_dir())
    for event in dossier.events:
        assert event.title in text, event.id
    for statement in dossier.statements:
        assert flat(statement.quote) in text
    for position in dossier.positions:
        assert position.subject.split(" (")[0] in text, position.id
    for actor in dossier.actors:
        assert pick(actor.name, "en") in text, actor.id
    for paragraph in dossier.sources[0].paragraphs or []:
        assert flat(paragraph[:60]) in text


@pytest.fixture
def dossier_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample dossier, for tests that break it on purpose."""
    target = tmp_path / "dossier"
    shutil.copytree(sample_dossier_dir(), target)
    return target


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`otsreport build` with no options, run in an empty folder, as a newcomer would."""
    workdir = tmp_path_factory.mktemp("newcomer")
    previous = Path.cwd()
    os.chdir(workdir)
    try:
        result = run("build")
        assert result.exit_code == 0, result.output
        yield workdir / "build" / "azerbaijan-hungary-ots"
    finally:
        os.chdir(previous)
