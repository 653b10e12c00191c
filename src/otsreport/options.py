"""What a build is asked for: the options every stage reads, apart from the stages, so the
select stage can read them without importing the pipeline that calls it."""

from __future__ import annotations

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
