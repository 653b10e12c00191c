"""The pipeline: load -> validate -> select -> render -> pdf -> write.

Everything is loaded, checked and rendered in memory before the first file is written, so a
mistake anywhere leaves the output folder as it was (MkDocs: "gather all data first").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from otsreport.audiences import Audience, audience_folders, check_section_names, load_audience
from otsreport.errors import Problem, UsageError
from otsreport.load import load_dossier
from otsreport.models import Dossier
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.render import make_environment, render_html, template_search_path
from otsreport.sections import compose_brief
from otsreport.write import prepare_folder, write_all

Format = Literal["html", "pdf"]
FORMATS: Final[tuple[Format, ...]] = ("html", "pdf")
TOC_PAGE_THRESHOLD: Final = 2


@dataclass(frozen=True)
class BuildOptions:
    dossier: Path | None = None
    audiences: Sequence[str] = ()
    sections: Sequence[str] = ()
    formats: Sequence[Format] = FORMATS
    out: Path | None = None
    template_dirs: Sequence[Path] = ()


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
    warnings: list[str] = field(default_factory=list)


def generator_name() -> str:
    from otsreport import __version__

    return f"otsreport {__version__}"


def _render_audience(
    dossier: Dossier, dossier_dir: Path, audience: Audience, options: BuildOptions, out: Path
) -> tuple[list[Output], list[str]]:
    profile = audience.profile
    sections = list(options.sections) or profile.sections
    search_path = template_search_path(options.template_dirs, audience.folder)
    environment = make_environment(search_path)

    def html_for(toc: bool) -> str:
        brief = compose_brief(
            dossier,
            audience.name,
            profile,
            sections,
            toc=toc,
            generator=generator_name(),
            logo=audience.logo,
        )
        return render_html(environment, brief)

    outputs: list[Output] = []
    warnings: list[str] = []
    screen_html = html_for(profile.toc != "never")
    if "html" in options.formats:
        outputs.append(
            Output(out / f"{audience.name}.html", audience.name, "html", screen_html.encode())
        )
    if "pdf" in options.formats:
        from otsreport.pdf import render_pdf

        allowed = [dossier_dir, *search_path, builtin_templates_dir()]
        print_html = html_for(profile.toc == "always")
        rendered = render_pdf(print_html, dossier_dir, allowed)
        if profile.toc == "auto" and rendered.pages > TOC_PAGE_THRESHOLD:
            rendered = render_pdf(html_for(True), dossier_dir, allowed)
        warnings += [f"{audience.name}.pdf: {w}" for w in rendered.warnings]
        outputs.append(
            Output(
                out / f"{audience.name}.pdf", audience.name, "pdf", rendered.data, rendered.pages
            )
        )
    return outputs, warnings


def render(options: BuildOptions) -> BuildResult:
    """Load, check and render every requested brief in memory; write nothing."""
    dossier_dir = options.dossier or sample_dossier_dir()
    dossier = load_dossier(dossier_dir)
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(Problem(f"unknown format '{fmt}'; choose from: html, pdf"))
    if options.sections:
        check_section_names(options.sections)
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    audiences = [load_audience(name, options.template_dirs) for name in names]
    out = options.out or Path("build") / dossier.info.id

    result = BuildResult([])
    for audience in audiences:
        outputs, warnings = _render_audience(dossier, dossier_dir, audience, options, out)
        result.outputs += outputs
        result.warnings += warnings
    return result


def build(options: BuildOptions) -> BuildResult:
    """Render everything first, then write each file atomically: a failure writes nothing."""
    result = render(options)
    if result.outputs:
        prepare_folder(result.outputs[0].path.parent)
    write_all([(output.path, output.data) for output in result.outputs])
    return result
