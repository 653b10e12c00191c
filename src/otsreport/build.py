"""The pipeline: load -> validate -> select -> render -> pdf -> write.

Everything is loaded, checked and rendered in memory before the first file is written, so a
mistake anywhere leaves the output folder as it was (MkDocs: "gather all data first"). The
dossier is loaded once per batch, compiled templates and WeasyPrint's font configuration are
shared, PDFs render in parallel worker processes, and outputs whose inputs have not changed
since the last build are skipped (see ``manifest.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal

import jinja2

from otsreport.audiences import Audience, audience_folders, check_section_names, load_audience
from otsreport.errors import Problem, UsageError
from otsreport.i18n import LANGUAGES, LOCALE_DIR, language_of
from otsreport.load import load_dossier
from otsreport.manifest import MANIFEST_NAME, Manifest, toolkit_versions, tree_digest
from otsreport.models import Dossier
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.pdf import VARIANTS, EmbeddedFile, PdfJob, PdfWorkers, render_jobs
from otsreport.render import make_environment, render_html, template_search_path, templates_used
from otsreport.sections import compose_brief
from otsreport.views import Brief
from otsreport.write import prepare_folder, write_all

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


@dataclass
class _Plan:
    """One audience's share of the batch: its environment and what it still has to make."""

    audience: Audience
    sections: list[str]
    search_path: list[Path]
    environment: jinja2.Environment
    parts: dict[Format, list[str]]
    language: str

    def brief(self, dossier: Dossier, toc: bool, paged: bool = False) -> Brief:
        return compose_brief(
            dossier,
            self.audience.name,
            self.audience.profile,
            self.sections,
            toc=toc,
            generator=generator_name(),
            logo=self.audience.logo,
            language=self.language,
            paged=paged,
            modified=build_stamp(dossier).date(),
        )

    def html(self, dossier: Dossier, toc: bool, paged: bool = False) -> str:
        return self.render(self.brief(dossier, toc, paged))

    def render(self, brief: Brief) -> str:
        return render_html(self.environment, brief)


def count_outputs(options: BuildOptions) -> int:
    """How many files a batch makes or skips: the length of a progress bar."""
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    return len(names) * len(options.formats)


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
    dossier = load_dossier(dossier_dir)
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(Problem(f"unknown format '{fmt}'; choose from: html, pdf"))
    if options.sections:
        check_section_names(options.sections)
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
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    audiences = [load_audience(name, options.template_dirs) for name in names]
    out = options.out or Path("build") / dossier.info.id
    manifest = Manifest.read(out) if incremental else None
    common = [toolkit_versions(), f"dossier={tree_digest(dossier_dir)}"]

    result = BuildResult([], manifest=manifest)
    rendered_by: list[tuple[Output, _Plan]] = []
    pdf_plans: list[_Plan] = []
    pdf_jobs: list[PdfJob] = []
    for audience in audiences:
        plan = _plan(audience, options, common)
        toc = audience.profile.toc
        for fmt in options.formats:
            target = out / output_name(audience.name, fmt, options.lang)
            if (
                manifest is not None
                and not options.force
                and manifest.is_fresh(target, plan.parts[fmt], plan.search_path)
            ):
                result.skipped.append(target)
                note(f"skipped {target.name}")
            elif fmt == "html":
                html = plan.html(dossier, toc != "never").encode()
                rendered_by.append((Output(target, audience.name, "html", html), plan))
                note(f"rendered {target.name}")
            else:
                pdf_plans.append(plan)
                print_brief = plan.brief(dossier, toc == "always", paged=True)
                pdf_jobs.append(
                    PdfJob(
                        html=plan.render(print_brief),
                        base_dir=dossier_dir,
                        allowed_roots=(dossier_dir, *plan.search_path, builtin_templates_dir()),
                        html_with_toc=plan.html(dossier, True, paged=True)
                        if toc == "auto"
                        else None,
                        toc_after_pages=TOC_PAGE_THRESHOLD,
                        variant=options.pdf_variant,
                        attachments=_embedded_data(dossier, plan, options, print_brief),
                        stamp=build_stamp(dossier),
                    )
                )

    pdfs = render_jobs(pdf_jobs, workers, note)
    for plan, rendered in zip(pdf_plans, pdfs, strict=True):
        target = out / output_name(plan.audience.name, "pdf", options.lang)
        output = Output(target, plan.audience.name, "pdf", rendered.data, rendered.pages)
        rendered_by.append((output, plan))
        result.warnings += [f"{target.name}: {warning}" for warning in rendered.warnings]

    for output, plan in rendered_by:
        result.outputs.append(output)
        if manifest is not None:
            used = templates_used(plan.environment)
            manifest.record(output.path, output.data, plan.parts[output.format], used)
    return result


def _plan(audience: Audience, options: BuildOptions, common: list[str]) -> _Plan:
    sections = list(options.sections) or audience.profile.sections
    search_path = template_search_path(options.template_dirs, audience.folder)
    language = options.lang or language_of(audience.profile.locale)
    shared = [
        *common,
        f"audience={audience.name}",
        f"folder={tree_digest(audience.folder)}",
        f"sections={','.join(sections)}",
        f"lang={language}",
        f"pdf-variant={options.pdf_variant}",
        f"catalog={tree_digest(LOCALE_DIR / language)}",
    ]
    return _Plan(
        audience,
        sections,
        search_path,
        make_environment(search_path, language),
        {fmt: [*shared, f"format={fmt}"] for fmt in FORMATS},
        language,
    )


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
        "audience": plan.audience.name,
        "sections": plan.sections,
        "language": plan.language,
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
