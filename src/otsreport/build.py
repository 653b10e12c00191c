"""The pipeline: load -> validate -> select -> render -> pdf -> write.

Everything is loaded, checked and rendered in memory before the first file is written, so a
mistake anywhere leaves the output folder as it was (MkDocs: "gather all data first"). The
dossier is loaded once per batch, and not at all when every brief's selection is in the cache
(see ``Selection``); compiled templates and WeasyPrint's font configuration are shared, PDFs
render in parallel worker processes, and outputs whose inputs have not changed since the
last build are skipped (see ``manifest.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import jinja2

from otsreport import cache
from otsreport.audiences import Audience, audience_folder, audience_folders, load_audience
from otsreport.cache import toolkit_fingerprint
from otsreport.errors import Problem, UsageError
from otsreport.i18n import LANGUAGES, language_of
from otsreport.manifest import MANIFEST_NAME, Manifest, tree_digest
from otsreport.paths import CATALOGUE_FILE, builtin_templates_dir, sample_dossier_dir
from otsreport.pdf import VARIANTS, EmbeddedFile, PdfJob, PdfWorkers, render_jobs
from otsreport.render import make_environment, render_html, template_search_path, templates_used
from otsreport.select.views import Brief
from otsreport.write import prepare_folder, write_all

if TYPE_CHECKING:
    from otsreport.models import Dossier
    from otsreport.select.catalogue import Entry

Format = Literal["html", "pdf"]
FORMATS: Final[tuple[Format, ...]] = ("html", "pdf")
TOC_PAGE_THRESHOLD: Final = 2
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    dossier: Path | None = None
    audiences: Sequence[str] = ()
    sections: Sequence[str] = ()
    formats: Sequence[Format] = FORMATS
    out: Path | None = None
    template_dirs: Sequence[Path] = ()
    force: bool = False  # rebuild even what the manifest says is up to date
    lang: str | None = None  # overrides each profile's locale; files get a .<lang> suffix
    pdf_variant: str = "ua"  # ua: tagged PDF/UA-1; archive: PDF/A-3b with its data; plain


@dataclass(frozen=True)
class Output:
    path: Path
    audience: str
    format: Format
    data: bytes
    pages: int | None = None


@dataclass
class BuildResult:
    outputs: list[Output]
    skipped: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    manifest: Manifest | None = None


def generator_name() -> str:
    from otsreport import __version__

    return f"otsreport {__version__}"


@dataclass(frozen=True)
class Selection:
    """What the select stage decided for one audience, as plain data (see ``select/views.py``).

    It is cached under a key of everything it was made from (``_selection_key``), so a build
    whose dossier and profiles are unchanged (the usual one after a template edit) renders
    it again without loading, validating or shaping anything. The screen and print copies
    are both rendered from this one brief.
    """

    dossier_id: str
    sections: tuple[str, ...]
    language: str
    brief: Brief
    stamp: datetime  # the one date the build writes into files (``build_stamp``)


class _Inputs:
    """The dossier, the section catalogue and the audience profiles, each read once, and
    only when a selection is not in the cache."""

    def __init__(self, options: BuildOptions, dossier_dir: Path) -> None:
        self.options = options
        self.dossier_dir = dossier_dir
        self._dossier: Dossier | None = None
        self._catalogue: dict[str, Entry] | None = None

    @property
    def dossier(self) -> Dossier:
        if self._dossier is None:
            from otsreport.load import load_dossier

            self._dossier = load_dossier(self.dossier_dir)
        return self._dossier

    @property
    def catalogue(self) -> dict[str, Entry]:
        if self._catalogue is None:
            from otsreport.select.catalogue import load_catalogue

            self._catalogue = load_catalogue(self.options.template_dirs)
        return self._catalogue

    def select(self, audience: Audience) -> Selection:
        from otsreport.select.catalogue import resolve
        from otsreport.select.compose import compose_brief

        dossier = self.dossier  # first: the dossier's problems are reported before the profile's
        profile = audience.profile
        entries = resolve(
            profile,
            audience.profile_file,
            audience.profile_lines,
            self.catalogue,
            dossier,
            self.options.sections,
        )
        language = self.options.lang or language_of(profile.locale)
        stamp = build_stamp(dossier)
        brief = compose_brief(
            dossier,
            audience.name,
            profile,
            [entry.spec for entry in entries],
            generator=generator_name(),
            logo=audience.logo,
            language=language,
            modified=stamp.date(),
        )
        sections = tuple(entry.spec.id for entry in entries)
        return Selection(dossier.info.id, sections, language, brief, stamp)


def _selection_key(
    options: BuildOptions, name: str, folder: Path, dossier_digest: str, catalogue_digest: str
) -> str:
    """Everything a selection is made from: toolkit, dossier, catalogue, profile, options."""
    parts = [
        toolkit_fingerprint(),
        f"dossier={dossier_digest}",
        f"catalogue={catalogue_digest}",
        f"audience={name}",
        f"folder={folder.resolve()}",
        f"profile={tree_digest(folder)}",
        f"sections={','.join(options.sections)}",
        f"lang={options.lang}",
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def catalogue_digest(template_dirs: Sequence[Path]) -> str:
    """The section catalogue files that exist now, built-in and the user's."""
    files = [Path(d) / CATALOGUE_FILE for d in template_dirs]
    files.append(builtin_templates_dir() / CATALOGUE_FILE)
    return hashlib.sha256(
        "\0".join(f"{f}:{tree_digest(f) if f.is_file() else '-'}" for f in files).encode()
    ).hexdigest()


def _selected(
    inputs: _Inputs, name: str, folder: Path, dossier_digest: str, catalogue: str
) -> Selection:
    key = _selection_key(inputs.options, name, folder, dossier_digest, catalogue)
    cached = cache.get_selection(key)
    if isinstance(cached, Selection):
        return cached
    audience = load_audience(name, folder=folder)
    selection = inputs.select(audience)
    cache.put_selection(key, selection)
    return selection


@dataclass
class _Plan:
    """One audience's share of the batch: its selection, environment and input digests."""

    name: str
    selection: Selection
    search_path: list[Path]
    environment: jinja2.Environment
    parts: dict[Format, list[str]]

    def render(self, *, paged: bool = False, toc: bool | None = None) -> str:
        brief = self.selection.brief
        with_toc = brief.toc != "never" if toc is None else toc
        return render_html(self.environment, brief, paged=paged, toc=with_toc)


def count_outputs(options: BuildOptions) -> int:
    """How many files a batch makes or skips: the length of a progress bar."""
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    return len(names) * len(options.formats)


def _check_options(options: BuildOptions) -> None:
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(Problem(f"unknown format '{fmt}'; choose from: html, pdf"))
    if options.pdf_variant not in VARIANTS:
        raise UsageError(
            Problem(
                f"unknown PDF variant '{options.pdf_variant}'; choose from: {', '.join(VARIANTS)}"
            )
        )
    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(
            Problem(f"unknown language '{options.lang}'; choose from: {', '.join(LANGUAGES)}")
        )


def render(
    options: BuildOptions,
    progress: Progress | None = None,
    *,
    incremental: bool = False,
    workers: PdfWorkers | None = None,
) -> BuildResult:
    """Load, check and render every requested brief in memory; write nothing.

    ``incremental``: read the output folder's manifest, skip what it shows up to date, and
    return it (in ``result.manifest``) updated with what was rendered. ``workers``: render
    PDFs in those processes (see ``pdf.PdfWorkers``) instead of this one.
    """
    note = progress or (lambda _: None)
    dossier_dir = options.dossier or sample_dossier_dir()
    _check_options(options)
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    folders = {name: audience_folder(name, options.template_dirs) for name in names}
    inputs = _Inputs(options, dossier_dir)
    dossier_digest = tree_digest(dossier_dir)
    sections_digest = catalogue_digest(options.template_dirs)
    selections = {
        name: _selected(inputs, name, folder, dossier_digest, sections_digest)
        for name, folder in folders.items()
    }
    first = next(iter(selections.values()), None)
    dossier_id = first.dossier_id if first is not None else inputs.dossier.info.id
    out = options.out or Path("build") / dossier_id
    manifest = Manifest.read(out) if incremental else None
    common = [toolkit_fingerprint(), f"dossier={dossier_digest}", f"catalogue={sections_digest}"]

    result = BuildResult([], manifest=manifest)
    rendered_by: list[tuple[Output, _Plan]] = []
    pdf_plans: list[_Plan] = []
    pdf_jobs: list[PdfJob] = []
    for name, selection in selections.items():
        plan = _plan(name, folders[name], selection, options, common)
        for fmt in options.formats:
            target = out / output_name(name, fmt, options.lang)
            if (
                manifest is not None
                and not options.force
                and manifest.is_fresh(target, plan.parts[fmt], plan.search_path)
            ):
                result.skipped.append(target)
                note(f"skipped {target.name}")
            elif fmt == "html":
                html = plan.render().encode()
                rendered_by.append((Output(target, name, "html", html), plan))
                note(f"rendered {target.name}")
            else:
                pdf_plans.append(plan)
                pdf_jobs.append(_pdf_job(inputs, plan, options))

    pdfs = render_jobs(pdf_jobs, workers, note)
    for plan, rendered in zip(pdf_plans, pdfs, strict=True):
        target = out / output_name(plan.name, "pdf", options.lang)
        output = Output(target, plan.name, "pdf", rendered.data, rendered.pages)
        rendered_by.append((output, plan))
        result.warnings += [f"{target.name}: {warning}" for warning in rendered.warnings]

    for output, plan in rendered_by:
        result.outputs.append(output)
        if manifest is not None:
            used = templates_used(plan.environment)
            manifest.record(output.path, output.data, plan.parts[output.format], used)
    return result


def _pdf_job(inputs: _Inputs, plan: _Plan, options: BuildOptions) -> PdfJob:
    """The print copies of the brief already composed: with and without a table of contents
    when the profile leaves that to the page count."""
    selection = plan.selection
    rule = selection.brief.toc
    return PdfJob(
        html=plan.render(paged=True, toc=rule == "always"),
        base_dir=inputs.dossier_dir,
        allowed_roots=(inputs.dossier_dir, *plan.search_path, builtin_templates_dir()),
        html_with_toc=plan.render(paged=True, toc=True) if rule == "auto" else None,
        toc_after_pages=TOC_PAGE_THRESHOLD,
        variant=options.pdf_variant,
        attachments=_embedded_data(inputs, plan, options),
        stamp=selection.stamp,
    )


def _plan(
    name: str, folder: Path, selection: Selection, options: BuildOptions, common: list[str]
) -> _Plan:
    search_path = template_search_path(options.template_dirs, folder)
    shared = [
        *common,
        f"audience={name}",
        f"folder={tree_digest(folder)}",
        f"sections={','.join(selection.sections)}",
        f"lang={selection.language}",
    ]
    parts: dict[Format, list[str]] = {"html": [*shared, "format=html"]}
    if "pdf" in options.formats:
        parts["pdf"] = [*shared, "format=pdf", f"pdf-variant={options.pdf_variant}", _weasyprint()]
    return _Plan(
        name, selection, search_path, make_environment(search_path, selection.language), parts
    )


def _weasyprint() -> str:
    """WeasyPrint's version, a PDF's input too (importlib.metadata: only when PDFs are asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"weasyprint={version('weasyprint')}"
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return "weasyprint=?"


def build_stamp(dossier: Dossier) -> datetime:
    """The one date a build writes into files: SOURCE_DATE_EPOCH if set, else the dossier's.

    Never the clock, so two builds of the same inputs are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    day = dossier.info.as_of.start.first_day
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


DATA_ATTACHMENT: Final = "dossier.json"
BUILD_ATTACHMENT: Final = "build.json"


def _embedded_data(inputs: _Inputs, plan: _Plan, options: BuildOptions) -> tuple[EmbeddedFile, ...]:
    """For archival PDFs: the dossier itself and how this brief was made, as JSON files.

    The next analyst can `otsreport extract` them and reuse the facts instead of retyping.
    """
    if options.pdf_variant != "archive":
        return ()
    dossier = inputs.dossier
    shown = sorted(
        item.id
        for view in plan.selection.brief.sections
        for item in view.items
        if item.kind not in ("key-point", "reference")
    )
    build_info = {
        "toolkit": generator_name(),
        "dossier": dossier.info.id,
        "audience": plan.name,
        "sections": list(plan.selection.sections),
        "language": plan.selection.language,
        "pdf_variant": options.pdf_variant,
        "records_shown": shown,
    }
    return (
        EmbeddedFile(
            DATA_ATTACHMENT,
            "The dossier this brief was built from (otsreport JSON; `otsreport validate` reads it)",
            dossier.model_dump_json(indent=2).encode(),
            "Source",
        ),
        EmbeddedFile(
            BUILD_ATTACHMENT,
            "How this brief was built: audience, sections, language, records shown",
            (json.dumps(build_info, indent=2, ensure_ascii=False) + "\n").encode(),
            "Data",
        ),
    )


def output_name(audience: str, fmt: str, lang: str | None) -> str:
    """'research.pdf', or 'research.hu.pdf' when a language was asked for explicitly."""
    return f"{audience}.{lang}.{fmt}" if lang else f"{audience}.{fmt}"


def build(
    options: BuildOptions, progress: Progress | None = None, workers: PdfWorkers | None = None
) -> BuildResult:
    """Render what is out of date, then write it, with the manifest, in one staged batch."""
    result = render(options, progress, incremental=True, workers=workers)
    if result.outputs and result.manifest is not None:
        folder = result.manifest.folder
        prepare_folder(folder)
        files = [(output.path, output.data) for output in result.outputs]
        write_all([*files, (folder / MANIFEST_NAME, result.manifest.to_bytes())])
    return result
