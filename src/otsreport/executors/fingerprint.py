"""What a laid-out PDF depends on beyond its job: the machine that lays it out.

The same HTML gives the same bytes only with the same otsreport code, the same WeasyPrint and
the libraries it writes PDFs with, and the same fonts. The store keys on this (a result made
elsewhere is reused only where it would be made the same), and a Dask cluster's workers are
compared with this process before they are sent anything.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
import sys
from typing import Final

# The libraries whose versions show in a PDF's bytes (layout, fonts, images, the merge).
LIBRARIES: Final = (
    "weasyprint",
    "pydyf",
    "tinyhtml5",
    "tinycss2",
    "cssselect2",
    "fonttools",
    "pillow",
    "pikepdf",
    "lxml",
)


@functools.cache
def environment() -> dict[str, str]:
    """This process's layout environment, part by part (so a mismatch can be named)."""
    from importlib.metadata import PackageNotFoundError, version

    from otsreport.cache import package_digest

    found = {"python": "{}.{}.{}".format(*sys.version_info[:3]), "otsreport": package_digest()}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    found["fonts"] = _fonts()
    return found


def digest() -> str:
    """``environment`` as one digest."""
    text = "\0".join(f"{name}={value}" for name, value in sorted(environment().items()))
    return hashlib.sha256(text.encode()).hexdigest()


def _fonts() -> str:
    """The fonts fontconfig offers (WeasyPrint's source of fonts): family, style, version and
    file name of each, as a digest; 'unknown' without fc-list."""
    command = shutil.which("fc-list")
    if command is None:
        return "unknown"
    try:
        listed = subprocess.run(
            [command, "--format", "%{family}|%{style}|%{fontversion}|%{file}\n"],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    lines = sorted(
        line.rsplit(b"/", 1)[-1] + line.split(b"|/", 1)[0] for line in listed.splitlines()
    )
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def differences(theirs: dict[str, str]) -> list[str]:
    """The parts of another machine's environment that differ from this one's."""
    ours = environment()
    return sorted(
        name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)
    )
