"""An earlier edition, from wherever the analyst has it: a dossier folder, a dossier as one
JSON file (what an archival PDF carries, or ``extract`` wrote), an archival PDF itself, a
brief's edition record (``AUDIENCE.edition.json``, the dossier as cut for that brief), or
the dossier folder as a git revision left it (``git:REV``).

A revision is read with ``git archive`` into a temporary folder, within a time and size
bound, so an old edition is loaded and validated exactly as a current one is.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Final

from otsreport.edition import dossier_of
from otsreport.errors import Problem, UsageError, UserError
from otsreport.models import Dossier

GIT_PREFIX: Final = "git:"
GIT_SECONDS: Final = 60.0
MAX_ARCHIVE_BYTES: Final = 256 * 1024**2
# A revision as git spells one (a name, a hash, HEAD~2, v1.0^, main@{1}); never an option.
REVISION: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/~^@{}-]{0,199}")


def read_edition(given: str, folder: Path | None = None) -> Dossier:
    """The dossier ``given`` names. ``git:REV`` reads ``folder`` (a dossier folder in a git
    checkout) as it was at that revision."""
    from otsreport.validate import load_dossier

    if given.startswith(GIT_PREFIX):
        return _from_git(given.removeprefix(GIT_PREFIX), folder)
    path = Path(given)
    if not path.exists():
        raise UsageError(
            Problem(
                f"no edition at '{given}': give a dossier folder, a dossier .json, an "
                "archival PDF, a brief's .edition.json, or git:REV"
            )
        )
    if path.is_file() and path.suffix.lower() == ".pdf":
        return _from_pdf(path)
    carried = dossier_of(path)
    if carried is not None:
        return _from_json(carried)
    return load_dossier(path)


def _from_pdf(pdf: Path) -> Dossier:
    """The dossier an archival PDF carries: what its reader was given, as cut for them."""
    from otsreport.extract import DATA_ATTACHMENT, extract_attachment

    return _from_json(extract_attachment(pdf, DATA_ATTACHMENT))


def _from_json(data: bytes) -> Dossier:
    """A dossier given as JSON bytes, loaded and validated as a dossier .json file is."""
    from otsreport.validate import load_dossier

    with tempfile.TemporaryDirectory(prefix="otsreport-edition-") as temp:
        file = Path(temp) / "dossier.json"
        file.write_bytes(data)
        return load_dossier(file)


def _from_git(revision: str, folder: Path | None) -> Dossier:
    from otsreport.validate import load_dossier

    if not REVISION.fullmatch(revision):
        raise UsageError(Problem(f"'{GIT_PREFIX}{revision}' is not a git revision"))
    if folder is None or not folder.is_dir():
        raise UsageError(
            Problem(f"{GIT_PREFIX}{revision} needs a dossier folder to read the history of")
        )
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except UserError:
        raise UserError(
            Problem(f"{GIT_PREFIX}{revision}: the dossier is not in a git checkout", folder)
        ) from None
    inside = folder.resolve().relative_to(top.resolve()).as_posix()
    tree = f"{revision}:{inside}" if inside != "." else revision
    data = _git(top, "archive", "--format=tar", tree)
    with tempfile.TemporaryDirectory(prefix="otsreport-edition-") as temp:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(temp, filter="data")
        return load_dossier(Path(temp))


def _git(where: Path, *args: str) -> bytes:
    """One git command's output, bounded in time and size; a clear error when git refuses."""
    command = ["git", "-C", str(where), *args]
    try:
        done = subprocess.run(command, capture_output=True, timeout=GIT_SECONDS, check=False)
    except FileNotFoundError:
        raise UserError(Problem("git:REV needs git, which is not installed")) from None
    except subprocess.TimeoutExpired:
        raise UserError(Problem(f"git took over {GIT_SECONDS:.0f} s; not read")) from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        raise UserError(Problem(f"git: {said[-1] if said else 'failed'}", where))
    if len(done.stdout) > MAX_ARCHIVE_BYTES:
        raise UserError(Problem(f"the edition is over {MAX_ARCHIVE_BYTES:,} bytes; not read"))
    return done.stdout
