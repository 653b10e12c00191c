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
from otsreport.audiences import (
    Audience,
    audience_folder,
    audience_folders,
    check_section_names,
    load_audience,
)
from otsreport.cache import toolkit_fingerprint
from otsreport.errors import Problem, UsageError
from otsreport.i18n import LANGUAGES, language_of
from otsreport.manifest import MANIFEST_NAME, Manifest, tree_digest
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.pdf import VARIANTS, EmbeddedFile, PdfJob, PdfWorkers, render_jobs
from otsreport.render import make_environment, render_html, template_search_path, templates_used
from otsreport.views import Brief
from otsreport.write import prepare_folder, write_all

if TYPE_CHECKING:
    from otsreport.models import Dossier

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
    """What the select stage decided for one audience, as plain data (see ``views.py``).

    It is cached under a key of everything it was made from (``_selection_key``), so a build
    whose dossier and profiles are unchanged (the usual one after a template edit) renders
    it again without loading, validating or shaping anything.
    """

    dossier_id: str
    sections: tuple[str, ...]
    language: str
    toc: str  # the profile's table-of-contents rule: auto, always or never
    web: Brief  # the brief as the HTML output shows it


class _Inputs:
    """The dossier and the audience profiles, loaded and validated on first use only."""

    def __init__(self, options: BuildOptions, dossier_dir: Path) -> None:
        self.options = options
        self.dossier_dir = dossier_dir
        self._dossier: Dossier | None = None
        self._audiences: dict[str, Audience] = {}

    @property
    def dossier(self) -> Dossier:
        if self._dossier is None:
            from otsreport.load import load_dossier

            self._dossier = load_dossier(self.dossier_dir)
        return self._dossier

    def audience(self, name: str) -> Audience:
        if name not in self._audiences:
            self._audiences[name] = load_audience(name, self.options.template_dirs)
        return self._audiences[name]

    def select(self, name: str) -> Selection:
        dossier = self.dossier  # first: the dossier's problems are reported before the profile's
        profile = self.audience(name).profile
        if self.options.sections:
            check_section_names(self.options.sections)
        sections = tuple(self.options.sections) or tuple(profile.sections)
        language = self.options.lang or language_of(profile.locale)
        web = self.compose(name, sections, language, toc=profile.toc != "never")
        return Selection(dossier.info.id, sections, language, profile.toc, web)

    def compose(
        self, name: str, sections: Sequence[str], language: str, toc: bool, paged: bool = False
    ) -> Brief:
        from otsreport.sections import compose_brief

        audience = self.audience(name)
        return compose_brief(
            self.dossier,
            name,
            audience.profile,
            sections,
            toc=toc,
            generator=generator_name(),
            logo=audience.logo,
            language=language,
            paged=paged,
            modified=build_stamp(self.dossier).date(),
        )


def _selection_key(options: BuildOptions, name: str, folder: Path, dossier_digest: str) -> str:
    """Everything a selection is made from: toolkit, dossier, profile folder, options, date."""
    parts = [
        toolkit_fingerprint(),
        f"dossier={dossier_digest}",
        f"audience={name}",
        f"folder={folder.resolve()}",
        f"profile={tree_digest(folder)}",
        f"sections={','.join(options.sections)}",
        f"lang={options.lang}",
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _selected(inputs: _Inputs, name: str, folder: Path, dossier_digest: str) -> Selection:
    key = _selection_key(inputs.options, name, folder, dossier_digest)
    cached = cache.get_selection(key)
    if isinstance(cached, Selection):
        return cached
    selection = inputs.select(name)
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

    def render(self, brief: Brief) -> str:
        return render_html(self.environment, brief)


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
    selections = {
        name: _selected(inputs, name, folder, dossier_digest) for name, folder in folders.items()
    }
    first = next(iter(selections.values()), None)
    dossier_id = first.dossier_id if first is not None else inputs.dossier.info.id
    out = options.out or Path("build") / dossier_id
    manifest = Manifest.read(out) if incremental else None
    common = [toolkit_fingerprint(), f"dossier={dossier_digest}"]

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
                html = plan.render(selection.web).encode()
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
    """The print copies of a brief, composed now: a PDF needs the dossier loaded anyway."""
    selection = plan.selection

    def print_brief(toc: bool) -> Brief:
        return inputs.compose(plan.name, selection.sections, selection.language, toc, paged=True)

    brief = print_brief(selection.toc == "always")
    return PdfJob(
        html=plan.render(brief),
        base_dir=inputs.dossier_dir,
        allowed_roots=(inputs.dossier_dir, *plan.search_path, builtin_templates_dir()),
        html_with_toc=plan.render(print_brief(True)) if selection.toc == "auto" else None,
        toc_after_pages=TOC_PAGE_THRESHOLD,
        variant=options.pdf_variant,
        attachments=_embedded_data(inputs.dossier, plan, options, brief),
        stamp=build_stamp(inputs.dossier),
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


def _embedded_data(
    dossier: Dossier, plan: _Plan, options: BuildOptions, brief: Brief
) -> tuple[EmbeddedFile, ...]:
    """For archival PDFs: the dossier itself and how this brief was made, as JSON files.

    The next analyst can `otsreport extract` them and reuse the facts instead of retyping.
    """
    if options.pdf_variant != "archive":
        return ()
    shown = sorted(
        {
            item.id
            for view in brief.sections
            for item in [*view.items, *view.undated, *(i for g in view.groups for i in g.items)]
        }
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
