"""The pipeline: load -> validate -> select -> render -> formats -> write.

Everything is loaded, checked and rendered in memory before the first file is written, so a
mistake anywhere leaves the output folder as it was (MkDocs: "gather all data first"). The
dossier is loaded once per batch, and not at all when every brief's selection is in the cache
(see ``Selection``); compiled templates and WeasyPrint's font configuration are shared, PDFs
render in parallel worker processes, and outputs whose inputs have not changed since the
last build are skipped (see ``manifest.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from otsreport import executors, formats
from otsreport.audiences import audience_folder, audience_folders
from otsreport.budget import check_budget
from otsreport.cache import toolkit_fingerprint
from otsreport.errors import Problem, UserError
from otsreport.executors import Executor
from otsreport.fitting import Fitted, fit, left_out, measuring_format, templates_digest
from otsreport.formats import Made, Making
from otsreport.manifest import MANIFEST_NAME, Manifest
from otsreport.manifest import dossier_digest as digest_of_dossier
from otsreport.options import (
    DEFAULT_FORMATS,
    BuildOptions,
    Format,
    check_options,
    output_name,
    output_stem,
)
from otsreport.paths import sample_dossier_dir
from otsreport.render import make_environment, render_html, template_search_path, templates_used
from otsreport.select.selection import Selection, brief_digest
from otsreport.select.stage import Inputs, catalogue_digest, selected
from otsreport.translation import coverage_warning, require_translation
from otsreport.write import prepare_folder, write_all

Progress = Callable[[str], None]


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
    failed: dict[str, UserError] = field(default_factory=dict)  # see batch.build_all


@dataclass
class _Plan:
    """One audience's share of the batch: its selection, environment and input digests."""

    name: str
    selection: Selection
    search_path: list[Path]
    environment: jinja2.Environment
    parts: dict[Format, list[str]]
    making: Making  # what every format is made from
    formats: tuple[Format, ...]  # -f's, else the profile's, else html and pdf


def plan_formats(options: BuildOptions, selection: Selection) -> tuple[Format, ...]:
    """The formats of one audience's brief: those asked for (``-f``), else those its
    profile lists, else html and pdf."""
    return tuple(options.formats) or selection.formats or DEFAULT_FORMATS


def count_outputs(options: BuildOptions) -> int:
    """How many files a batch makes or skips, about: the length of a progress bar (a
    profile's own formats are not read for it)."""
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    return len(names) * len(options.formats or DEFAULT_FORMATS)


def _select_all(
    inputs: Inputs,
) -> tuple[dict[str, Path], dict[str, Selection], list[str]]:
    """Each audience resolved to its folder once and its brief selected (or taken from the
    cache); and the inputs every output shares, for the manifest."""
    options = inputs.options
    names = list(options.audiences) or list(audience_folders(options.template_dirs))
    folders = {name: audience_folder(name, options.template_dirs) for name in names}
    dossier_digest = inputs.digest = digest_of_dossier(inputs.dossier_dir)
    sections_digest = catalogue_digest(options.template_dirs)
    selections = {
        name: selected(inputs, name, folder, dossier_digest, sections_digest)
        for name, folder in folders.items()
    }
    common = [toolkit_fingerprint(), f"dossier={dossier_digest}", f"catalogue={sections_digest}"]
    return folders, selections, common


def render(
    options: BuildOptions,
    progress: Progress | None = None,
    *,
    incremental: bool = False,
    workers: Executor | None = None,
) -> BuildResult:
    """Load, check and render every requested brief in memory; write nothing.

    ``incremental``: read the output folder's manifest, skip what it shows up to date, and
    return it (in ``result.manifest``) updated with what was rendered. ``workers``: lay
    PDFs out there (``executors``: the local pool, a Dask cluster, the store) instead of in a
    process of its own. Each brief with a page budget is fitted to it first (``fitting``)."""
    note = progress or (lambda _: None)
    check_options(options)
    inputs = Inputs(options, options.dossier or sample_dossier_dir())
    folders, selections, common = _select_all(inputs)
    if options.require_translation:
        require_translation(selections)
    first = next(iter(selections.values()), None)
    dossier_id = first.dossier_id if first is not None else inputs.dossier.info.id
    out = options.out or Path("build") / dossier_id
    manifest = _manifest(out, inputs) if incremental else None
    result = BuildResult([], manifest=manifest)
    rendered_by: list[tuple[Output, _Plan]] = []
    pooled: dict[Format, list[tuple[Path, _Plan, Any]]] = {}  # made in the workers, together
    for name, selection in selections.items():
        fitted, plan = _fitted(inputs, name, folders[name], selection, common, workers, note)
        before = len(rendered_by) + sum(len(jobs) for jobs in pooled.values())
        for fmt in plan.formats:
            entry = formats.get(fmt)
            target = out / output_name(name, fmt, options)
            extras = entry.extras(plan.making)
            targets = [target, *(extra.path(target) for extra in extras)]
            made = fitted.made if fmt == fitted.measured else None  # laid out while fitting
            if manifest is not None and _up_to_date(manifest, targets, plan, fmt, inputs.digest):
                result.skipped += targets
                note(f"skipped {target.name}")
            elif entry.pooled is not None and made is None:
                if workers is not None:
                    workers.start()  # they warm up while this process renders the rest
                job = entry.pooled.job(plan.making, target.name)
                pooled.setdefault(fmt, []).append((target, plan, job))
            else:
                if made is None:
                    assert entry.make is not None, f"format {fmt} has neither make nor pooled"
                    made = formats.made(entry.make(plan.making))
                rendered_by.append((_output(target, plan, fmt, made, result.warnings), plan))
                rendered_by += [(Output(e.path(target), name, fmt, e.make()), plan) for e in extras]
                note(f"rendered {target.name}")
        if len(rendered_by) + sum(len(jobs) for jobs in pooled.values()) > before:
            result.warnings += _selection_warnings(name, plan.selection)  # told when made
        result.warnings += plan.making.warnings  # Word's, of its page count
        if manifest is not None:
            rendered_by += [(o, plan) for o in _edition(plan, out, manifest, result.warnings)]
    rendered_by += _run_pooled(pooled, workers, note, result.warnings)
    _check_release(rendered_by, options, result.warnings)
    _record(result, _in_order(rendered_by, list(selections)))
    return result


def _in_order(made: list[tuple[Output, _Plan]], audiences: list[str]) -> list[tuple[Output, _Plan]]:
    """Outputs by audience, then by format as asked (each format's extras after it, an
    edition record last), however they were made: pooled, or laid out while fitting."""

    def rank(pair: tuple[Output, _Plan]) -> tuple[int, int]:
        output, plan = pair
        asked = list(plan.formats)
        return audiences.index(plan.name), (
            asked.index(output.format) if output.format in asked else len(asked)
        )

    return sorted(made, key=rank)


def _fitted(
    inputs: Inputs,
    name: str,
    folder: Path,
    whole: Selection,
    common: list[str],
    workers: Executor | None,
    note: Progress,
) -> tuple[Fitted, _Plan]:
    """The audience's brief fitted to its page budget (``fitting.py``) when the build makes
    a file with pages, and its plan: laid out in the budget's format, and composed again
    with items left out only if it runs over (a screen-only build has no pages to fill).
    With ``--allow-overflow`` the whole brief is kept, past its budget."""
    options = inputs.options
    planned: dict[int, tuple[Selection, _Plan]] = {}  # each brief tried is planned once

    def plan_of(selection: Selection) -> _Plan:
        if id(selection) not in planned:
            planned[id(selection)] = (selection, _plan(name, folder, selection, options, common))
        return planned[id(selection)][1]

    fmt = measuring_format()
    paged = any(formats.get(f).pages is not None for f in plan_formats(options, whole))
    if options.allow_overflow or fmt is None or whole.max_pages is None or not paged:
        return Fitted(whole), plan_of(whole)
    catalogue = catalogue_digest(options.template_dirs)

    def reselect(trim: int) -> Selection:
        return selected(inputs, name, folder, inputs.digest, catalogue, trim)

    def measure(selection: Selection) -> Made:
        making = plan_of(selection).making
        if fmt.pooled is not None:
            job = fmt.pooled.job(making, output_name(name, fmt.name, options))
            return fmt.pooled.run([job], workers, note)[0]
        assert fmt.make is not None, f"format {fmt.name} has neither make nor pooled"
        return formats.made(fmt.make(making))

    whole_plan = plan_of(whole)
    layout = [toolkit_fingerprint(), f"brief={brief_digest(whole)}"]
    layout += [*fmt.inputs(whole_plan.making), templates_digest(whole_plan.search_path)]
    with contextlib.ExitStack() as stack:
        if workers is None:  # one worker for every layout fitting tries, not one each
            workers = stack.enter_context(executors.make("local", 1))
        fitted = fit(whole, reselect, measure, layout, fmt.name)
    return fitted, plan_of(fitted.selection)


def _run_pooled(
    pooled: dict[Format, list[tuple[Path, _Plan, Any]]],
    workers: Executor | None,
    note: Progress,
    warnings: list[str],
) -> list[tuple[Output, _Plan]]:
    """Each pooled format's jobs laid out together in the workers (the PDF's, in parallel
    and in parts), as outputs held to their budgets, with any extras the format makes."""
    found = []
    for fmt, jobs in pooled.items():
        entry = formats.get(fmt)
        assert entry.pooled is not None
        results = entry.pooled.run([job for _, _, job in jobs], workers, note)
        for (target, plan, _), made in zip(jobs, results, strict=True):
            found.append((_output(target, plan, fmt, made, warnings), plan))
            extras = entry.extras(plan.making)
            found += [(Output(e.path(target), plan.name, fmt, e.make()), plan) for e in extras]
    return found


def _output(target: Path, plan: _Plan, fmt: Format, made: Made, warnings: list[str]) -> Output:
    """A made file as an output, its warnings named by the file, held to the audience's
    page budget when its format has pages: counted while it was made, else by the format's
    page-count probe."""
    entry = formats.get(fmt)
    warnings += [f"{target.name}: {warning}" for warning in made.warnings]
    pages, budget = made.pages, plan.selection.max_pages
    if pages is None and budget is not None and entry.pages is not None and not made.counted:
        pages = entry.pages(made.data)
        if pages is None:
            warnings.append(
                f"audience '{plan.name}': the page count of {target.name} was not checked"
            )
    if pages is not None:
        allow = plan.making.options.allow_overflow
        check_budget(plan.name, entry.called(), pages, budget, allow, warnings)
    return Output(target, plan.name, fmt, made.data, pages)


def _up_to_date(
    manifest: Manifest, targets: list[Path], plan: _Plan, fmt: Format, digest: str
) -> bool:
    """Whether a format's files (its output and any extras) are all up to date, and then
    confirmed against the dossier as it is now; never under --force."""
    fresh = not plan.making.options.force and all(
        manifest.is_fresh(target, plan.parts[fmt], plan.search_path) for target in targets
    )
    for target in targets if fresh else []:
        manifest.confirm(target, digest)
    return fresh


def _edition(plan: _Plan, out: Path, manifest: Manifest, warnings: list[str]) -> list[Output]:
    """The brief's edition record beside its files (``edition``), unless the one
    there is already what would be written."""
    from otsreport.edition import SUFFIX, sidecar_to_write

    target = out / f"{output_stem(plan.name, plan.making.options)}.{SUFFIX}"
    data = sidecar_to_write(plan.selection, plan.name, target, manifest, warnings)
    return [] if data is None else [Output(target, plan.name, SUFFIX, data)]


def _manifest(out: Path, inputs: Inputs) -> Manifest:
    """The output folder's manifest, to be rewritten naming the dossier (and its digest)
    every output in it is confirmed against: what check-release ties briefs to."""
    manifest = Manifest.read(out)
    manifest.dossier = str(inputs.dossier_dir.resolve())
    return manifest


def _check_release(
    rendered_by: list[tuple[Output, _Plan]], options: BuildOptions, warnings: list[str]
) -> None:
    """Every file read back as a recipient would and checked against what its marking
    allows (``check``); one that carries more fails the build before anything is written."""
    if not options.release_check:
        if rendered_by:
            warnings.append("release check skipped (--no-release-check): nothing was checked")
        return
    from otsreport.check import check_reading

    problems = []
    for output, plan in rendered_by:
        index = plan.selection.check
        if index is None:  # pragma: no cover - every selection carries its index
            raise AssertionError(f"{output.path.name}: selected without a release index")
        # Read by the format that wrote it (an edition record, no format's, by its bytes).
        reading = formats.read_back(formats.find(output.format), output.data)
        report = check_reading(reading, index)
        problems += [
            Problem(f"not written: above {report.banner}: {finding}", output.path)
            for finding in report.findings
        ]
    if problems:
        raise UserError(problems)


def _selection_warnings(name: str, selection: Selection) -> list[str]:
    """What a brief leaves out, for its marking or its page budget, or for want of
    translations."""
    warnings = [f"{name}: {selection.brief.withheld}"] if selection.brief.withheld else []
    if fitted := left_out(name, selection):
        warnings.append(fitted)
    words, total = selection.brief.coverage
    if words < total:
        warnings.append(coverage_warning(name, selection))
    return warnings


def _record(result: BuildResult, rendered_by: list[tuple[Output, _Plan]]) -> None:
    """The outputs, and in the manifest what each was made from."""
    for output, plan in rendered_by:
        result.outputs.append(output)
        if result.manifest is not None:
            used = templates_used(plan.environment)
            digest = plan.selection.brief.dossier_digest
            parts = plan.parts.get(output.format, [])  # an edition record has none
            result.manifest.record(output.path, output.data, parts, used, digest)


def _plan(
    name: str, folder: Path, selection: Selection, options: BuildOptions, common: list[str]
) -> _Plan:
    search_path = template_search_path(options.template_dirs, folder)
    # An output is made from its composed brief (and its templates, which the manifest
    # records as they are used), not from the whole dossier: an edit that does not change
    # what a brief shows does not rebuild it. An archive also carries the dossier itself.
    shared = [toolkit_fingerprint(), f"audience={name}", f"brief={brief_digest(selection)}"]
    environment = make_environment(search_path, selection.brief.lang)

    def screen_html() -> str:
        brief = selection.brief
        toc = brief.toc != "never"
        return render_html(environment, brief, toc=toc, timeout=options.render_timeout)

    def paged_html(toc: bool) -> str:
        brief = selection.brief
        return render_html(environment, brief, paged=True, toc=toc, timeout=options.render_timeout)

    making = Making(selection.brief, selection.stamp, options, search_path, screen_html, common)
    making.audience, making.max_pages = name, selection.max_pages  # Word fits its budget
    making.released_json = selection.released_json  # what the data exports are made from
    making.selection, making.paged_html = selection, paged_html
    fmts = plan_formats(options, selection)
    plan = _Plan(name, selection, search_path, environment, {}, making, fmts)
    for fmt in fmts:  # a format's inputs are looked up (and checked) before any output
        plan.parts[fmt] = [*shared, f"format={fmt}", *formats.get(fmt).inputs(plan.making)]
    return plan


def build(
    options: BuildOptions, progress: Progress | None = None, workers: Executor | None = None
) -> BuildResult:
    """Render what is out of date, then write it, with the manifest, in one staged batch."""
    result = render(options, progress, incremental=True, workers=workers)
    if result.manifest is not None and (result.outputs or result.manifest.confirmed):
        folder = result.manifest.folder
        prepare_folder(folder)
        files = [(output.path, output.data) for output in result.outputs]
        write_all([*files, (folder / MANIFEST_NAME, result.manifest.to_bytes())])
    return result
