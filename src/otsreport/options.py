"""What a build is asked for: the options every stage reads, apart from the stages, so the
select stage can read them without importing the pipeline that calls it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from otsreport.limits import DEFAULT_RENDER_SECONDS

# A format's name: the formats are whatever ``otsreport.formats`` has registered (plug-ins
# too), so the type cannot list them.
Format = str
DEFAULT_FORMATS: Final[tuple[Format, ...]] = ("html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    dossier: Path | None = None
    audiences: Sequence[str] = ()
    sections: Sequence[str] = ()
    # Empty: each audience's profile's formats, else DEFAULT_FORMATS (``build.plan_formats``).
    formats: Sequence[Format] = ()
    out: Path | None = None
    template_dirs: Sequence[Path] = ()
    force: bool = False  # rebuild even what the manifest says is up to date
    lang: str | None = None  # overrides each profile's locale; files get a .<lang> suffix
    pdf_variant: str = "ua"  # ua: tagged PDF/UA-1; archive: PDF/A-3b with its data; plain
    name: str | None = None  # the output files' name instead of the audience's (one audience)
    render_timeout: float = DEFAULT_RENDER_SECONDS  # seconds a template render may take
    allow_overflow: bool = False  # build a PDF or DOCX past its profile's max_pages (warns)
    reference_docx: Path | None = None  # the Word file whose styles restyle DOCX output
    pdf_layout: str = "auto"  # whole | parts | auto (in parts, in parallel, when long)
    release_check: bool = True  # check every file before writing (off only for debugging)
    since: str | None = None  # an earlier edition: each brief says what changed since
    require_translation: bool = False  # a brief not wholly in its language is an error


PDF_LAYOUTS: Final = ("auto", "whole", "parts")


def check_options(options: BuildOptions) -> None:
    """Option values no format, variant, layout or language has: a usage error (exit 2)
    before anything is loaded."""
    from otsreport import formats
    from otsreport.errors import Problem, UsageError
    from otsreport.i18n import LANGUAGES
    from otsreport.pdf import VARIANTS

    for fmt in options.formats:
        formats.get(fmt)  # a usage error for a name no format has
    if options.pdf_variant not in VARIANTS:
        raise UsageError(
            Problem(
                f"unknown PDF variant '{options.pdf_variant}'; choose from: {', '.join(VARIANTS)}"
            )
        )
    if options.pdf_layout not in PDF_LAYOUTS:
        raise UsageError(
            Problem(
                f"unknown PDF layout '{options.pdf_layout}'; choose from: {', '.join(PDF_LAYOUTS)}"
            )
        )
    if options.name is not None and (
        len(options.audiences) != 1
        or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", options.name)
    ):
        raise UsageError(
            Problem("--name takes a plain file name (letters, digits, . _ -) and one audience (-a)")
        )
    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(
            Problem(f"unknown language '{options.lang}'; choose from: {', '.join(LANGUAGES)}")
        )


def output_name(audience: str, fmt: str, options: BuildOptions) -> str:
    """'research.pdf'; 'research.hu.pdf' when a language was asked for explicitly; a cut of
    other sections never takes the profile's own name: 'research.custom-1a2b3c4d.pdf', or
    the name given with ``--name``."""
    from otsreport import formats

    return f"{output_stem(audience, options)}.{formats.get(fmt).suffix}"


def output_stem(audience: str, options: BuildOptions) -> str:
    """An audience's file names before the suffix: 'research', 'research.hu', ..."""
    stem = options.name or audience
    if options.sections and not options.name:
        digest = hashlib.sha256(",".join(options.sections).encode()).hexdigest()[:8]
        stem = f"{audience}.custom-{digest}"
    return f"{stem}.{options.lang}" if options.lang else stem
