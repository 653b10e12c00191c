"""Where the built-in templates and the sample dossier are, in a checkout and in a wheel.

They live at the top of the repository so they are easy to find and edit; the wheel carries
copies under ``otsreport/_bundled`` (see ``pyproject.toml``). An editable install has no
copies, so the checkout's folders are used.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CATALOGUE_FILE = "sections.yaml"  # the section catalogue, in a template folder


@cache
def _resource_root() -> Path:
    package = Path(__file__).resolve().parent
    bundled = package / "_bundled"
    if bundled.is_dir():
        return bundled
    return package.parent.parent  # src/otsreport -> the checkout


def builtin_templates_dir() -> Path:
    return _resource_root() / "templates"


def data_dir() -> Path:
    return _resource_root() / "data"


def sample_dossier_dir() -> Path:
    """The bundled sample: the first folder of ``data/`` that holds a dossier. Found, not
    named, so no subject is written into the code."""
    folders = sorted(p.parent for p in data_dir().glob("*/dossier.yaml"))
    return folders[0] if folders else data_dir() / "sample"
