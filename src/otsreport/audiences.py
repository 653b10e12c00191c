"""Audience profiles: finding them, loading them, and checking the sections they ask for.

An audience is a folder ``audiences/<name>/`` holding ``audience.yaml`` and, optionally,
templates that override the built-ins for that audience only. User template folders are
searched before the built-ins, so a user can add an audience or replace one by name.

Finding audiences needs only the file system; the profile's schema (pydantic) is imported
when a profile is actually read, which a rebuild from the cache of
selected briefs never does.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from otsreport.errors import Problem, UsageError, UserError, unknown
from otsreport.files import read_regular
from otsreport.markings import builtin as builtin_scheme
from otsreport.paths import builtin_templates_dir

if TYPE_CHECKING:
    from otsreport.models import AudienceProfile

PROFILE_FILE = "audience.yaml"


PROJECT_TEMPLATES = Path("templates")
_IMAGE_TYPES: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)
MAX_LOGO_BYTES: Final = 2 * 1024 * 1024


@dataclass(frozen=True)
class Audience:
    name: str
    folder: Path
    profile: AudienceProfile
    profile_lines: Callable[[tuple[str | int, ...]], int | None]  # lines in audience.yaml
    logo: str = ""  # the theme's logo as a data: URI, so the HTML stays self-contained

    @property
    def profile_file(self) -> Path:
        return self.folder / PROFILE_FILE


def project_template_dirs(explicit: Sequence[Path] = ()) -> list[Path]:
    """``--templates`` folders, then ``./templates`` when it exists (MkDocs' custom_dir).

    In a checkout ``./templates`` is the built-in folder itself and is not added twice.
    """
    dirs = [Path(d) for d in explicit]
    local = PROJECT_TEMPLATES.resolve()
    known = {d.resolve() for d in dirs} | {builtin_templates_dir().resolve()}
    if PROJECT_TEMPLATES.is_dir() and local not in known:
        dirs.append(PROJECT_TEMPLATES)
    return dirs


def searched_by_default(folder: Path) -> bool:
    """Whether templates in ``folder`` are found without a ``--templates`` option."""
    return folder.resolve() in {builtin_templates_dir().resolve(), PROJECT_TEMPLATES.resolve()}


def audience_folders(user_dirs: Sequence[Path] = ()) -> dict[str, Path]:
    """Every audience name and the folder that wins for it (user folders first)."""
    found: dict[str, Path] = {}
    for root in [*user_dirs, builtin_templates_dir()]:
        base = root / "audiences"
        if not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            if (folder / PROFILE_FILE).is_file():
                found.setdefault(folder.name, folder)
    return dict(sorted(found.items()))


def audience_folder(name: str, user_dirs: Sequence[Path] = ()) -> Path:
    """The folder that wins for audience ``name``, or a usage error listing the known ones."""
    folders = audience_folders(user_dirs)
    if name not in folders:
        raise UsageError(Problem(unknown("audience", name, folders, choices=True)))
    return folders[name]


def load_audience(
    name: str, user_dirs: Sequence[Path] = (), folder: Path | None = None
) -> Audience:
    """Read audience ``name`` from ``folder`` (when the caller has resolved it already) or
    from the folder that wins for it. Its sections are checked when a brief is composed,
    against the catalogue and the dossier they draw on."""
    from otsreport.load import read_profile

    folder = folder or audience_folder(name, user_dirs)
    profile_file = folder / PROFILE_FILE
    profile, document = read_profile(profile_file)
    logo = image_data_uri(folder, profile_file, profile.theme.logo, "theme.logo")
    _check_formats(profile, profile_file, document.line_of)
    return Audience(name, folder, profile, document.line_of, logo)


def _check_formats(
    profile: AudienceProfile,
    profile_file: Path,
    line_of: Callable[[tuple[str | int, ...]], int | None],
) -> None:
    """Each format a profile lists is one the registry has (a plug-in's too), or the
    profile fails to load, naming the nearest one."""
    from otsreport import formats

    known = formats.names()
    problems = [
        Problem(
            formats.unknown_format(name),
            profile_file,
            line_of(("formats", index)),
            None,
            f"formats[{index}]",
        )
        for index, name in enumerate(profile.formats or [])
        if name not in known
    ]
    if problems:
        raise UserError(problems)


def image_data_uri(folder: Path, named_in: Path, logo: str | None, field: str) -> str:
    """Read a logo (the theme's, the dossier's issuer's) now, so a bad image fails the build
    before anything is written. It is input like any other: confined to ``folder`` (no
    path, link or '..' out of it), bounded in size, and only a PNG, JPEG or GIF."""
    if logo is None:
        return ""
    file = (folder / logo).resolve()

    def problem(message: str) -> UserError:
        return UserError(Problem(message, named_in, None, None, field))

    if not file.is_relative_to(folder.resolve()):
        raise problem(f"'{logo}' is outside the folder {folder}")
    try:
        data = read_regular(file, MAX_LOGO_BYTES, f"logo '{logo}'")
    except UserError as error:
        raise problem(error.problems[0].message) from None
    media_type = next((kind for magic, kind in _IMAGE_TYPES if data.startswith(magic)), None)
    if media_type is None:
        raise problem(f"logo '{logo}' is not a PNG, JPEG or GIF image")
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def new_audience(name: str, base: str, folder: Path, user_dirs: Sequence[Path] = ()) -> Path:
    """Scaffold ``folder/audiences/name/audience.yaml`` from ``base``; never overwrite."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
        raise UsageError(Problem(f"'{name}' is not a valid audience name: use a-z, 0-9 and -"))
    folders = audience_folders(user_dirs)
    if base not in folders:
        raise UsageError(Problem(f"unknown audience '{base}'; choose from: {', '.join(folders)}"))
    target = folder / "audiences" / name
    if target.exists() or name in folders:
        where = target if target.exists() else folders[name]
        raise UserError(Problem(f"audience '{name}' already exists; not overwriting", where))
    text = (folders[base] / PROFILE_FILE).read_text(encoding="utf-8")
    # The built-in's schema comment points into this repository; it would dangle elsewhere.
    text = re.sub(r"(?m)^# yaml-language-server:.*\n", "", text)
    title = f"title: {name.replace('-', ' ').capitalize()} brief\n"
    text = re.sub(r"(?m)^title:.*\n(?:[ \t]+.*\n)*", lambda _: title, text, count=1)
    header = (
        f"# Audience '{name}', copied from '{base}'. Edit freely; `otsreport validate` and\n"
        "# `otsreport build -a NAME` check it. Keys: title, description, sections (in order;\n"
        "# see `otsreport sections`), detail {max_items, summary_only, source_text}, marking\n"
        f"# ({'|'.join(builtin_scheme().levels)}: the ceiling, in the dossier's marking\n"
        "# scheme), citations (footnotes|inline|none),\n"
        "# locale (en_GB, hu, az, tr), toc (auto|always|never), theme {organisation, accent,\n"
        "# accent_text, serif, sans, logo, logo_alt}. Templates placed in this folder\n"
        "# override the built-ins for this audience only. For checks as you type, run\n"
        "# `otsreport schema --out schemas` and point your editor at audience.schema.json.\n"
    )
    try:
        target.mkdir(parents=True)
        (target / PROFILE_FILE).write_text(header + text, encoding="utf-8")
    except OSError as error:
        raise UserError(
            Problem(f"cannot create the audience here: {error.strerror}", target)
        ) from None
    return target / PROFILE_FILE


def split_section_option(values: Iterable[str]) -> list[str]:
    """``-s summary,timeline -s actors`` -> ['summary', 'timeline', 'actors']."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
