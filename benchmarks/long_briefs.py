"""Long briefs (issue 20): whole layout against layout in parts, and Typst on the same content.

Called by run.py; every row is a whole `otsreport build` command, timed on the wall clock,
with the peak resident memory of its largest process (the kernel's own accounting, which
takes the worker processes into account). Typst is timed the same way, as a command, on a
Typst document made from the very HTML otsreport lays out (headings, paragraphs, lists, the
events table, every footnote, the chart as an SVG image, running heads and page numbers).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html

import otsreport.pdfjobs
from otsreport.build import BuildOptions, render
from otsreport.pdf import PdfJob, RenderedPdf

Measure = Callable[[Sequence[str], Path], float]


def paged_html(dossier: Path) -> str:
    """The HTML otsreport hands to WeasyPrint for the research brief (caught, not laid out)."""
    given: list[PdfJob] = []
    real = otsreport.pdfjobs.render_jobs

    def capture(jobs: Sequence[PdfJob], *_: object) -> list[RenderedPdf]:
        given.extend(jobs)
        return [RenderedPdf(b"", 1) for _ in jobs]

    otsreport.pdfjobs.render_jobs = capture  # type: ignore[assignment]
    try:
        render(BuildOptions(dossier=dossier, audiences=["research"], formats=["pdf"]))
    finally:
        otsreport.pdfjobs.render_jobs = real
    return given[0].html_with_toc or given[0].html


def _text(value: str) -> str:
    """Typst string literal: text is data, never markup."""
    return '#"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline(element: lxml.html.HtmlElement) -> str:
    """An element's text with its footnotes as Typst footnotes (other inline markup dropped)."""
    parts = [_text(element.text or "")]
    for child in element:
        classes = (child.get("class") or "").split()
        if "footnote" in classes:
            parts.append(f"#footnote[{_text(child.text_content())}]")
        elif not {"note-call", "note-calls", "note-again"} & set(classes):
            parts.append(_inline(child))
        parts.append(_text(child.tail or ""))
    return "".join(parts)


def _block(element: lxml.html.HtmlElement, folder: Path, svgs: list[int]) -> list[str]:
    tag = element.tag
    if tag in {"h1", "h2", "h3"}:
        return ["=" * int(tag[1]) + " " + _text(element.text_content()), ""]
    if tag in {"p", "dt", "dd", "figcaption", "caption"}:
        return [_inline(element), ""]
    if tag == "li":
        return ["- " + _inline(element)]
    if tag == "svg":
        svgs.append(len(svgs))
        name = f"chart-{len(svgs)}.svg"
        svg = lxml.html.tostring(element, encoding="unicode").replace("viewbox", "viewBox")
        if "xmlns=" not in svg:
            svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        (folder / name).write_text(svg, encoding="utf-8")
        return [f'#image("{name}", width: 100%)', ""]
    if tag == "table":
        rows = element.xpath(".//tr")
        columns = max((len(row.xpath("th|td")) for row in rows), default=1)
        cells = [f"[{_inline(cell)}]" for row in rows for cell in row.xpath("th|td")]
        return [f"#table(columns: {columns}, " + ", ".join(cells) + ")", ""]
    hidden = {"endnotes", "note-calls"} & set((element.get("class") or "").split())
    if hidden or tag in {"style", "script", "head", "title", "nav"}:
        return []
    return [line for child in element for line in _block(child, folder, svgs)]


def typst_document(html: str, folder: Path) -> Path:
    """The brief as a Typst file (and its chart as SVG) in ``folder``."""
    root = lxml.html.document_fromstring(html)
    title = " ".join(root.xpath("string(//h1)").split())
    marking = root.xpath("string(//meta[@name='otsreport-marking']/@content)")
    setup = [
        '#set page(paper: "a4", margin: (x: 32mm, y: 22mm),',
        f"  header: [{_text(title)} #h(1fr) #strong({_text(marking)[1:]})],",
        "  footer: context [#h(1fr) Page #counter(page).display() of "
        f"#counter(page).final().first() #h(1fr) #strong({_text(marking)[1:]})])",
        "#set text(size: 10.5pt)",
        "#outline()",
        "",
    ]
    body = _block(root.find("body"), folder, [])
    target = folder / "brief.typ"
    target.write_text("\n".join(setup + body), encoding="utf-8")
    return target


def typst_seconds(html: str, folder: Path, measure: Measure) -> tuple[float, float, int]:
    """(seconds, peak MiB, pages) of `typst compile` on the same content, as a command."""
    folder.mkdir(parents=True, exist_ok=True)
    source = typst_document(html, folder)
    script = f"import typst; typst.compile({str(source)!r}, output={str(folder / 'brief.pdf')!r})"
    started = time.perf_counter()
    memory = measure([sys.executable, "-c", script], folder)
    seconds = time.perf_counter() - started
    from pypdf import PdfReader

    return seconds, memory, len(PdfReader(folder / "brief.pdf").pages)


def section(
    sizes: Sequence[int], dossiers: dict[int, Path], work: Path, otsreport: str, measure: Measure
) -> list[str]:
    """BENCHMARKS.md's rows for long briefs."""
    from pypdf import PdfReader

    lines = [
        "## Long briefs: whole and in parts (issue 20)",
        "",
        "The research brief of a generated dossier, as `otsreport build -a research -f pdf "
        "--force`: laid out whole in one process (`--pdf-layout whole`), or in parts "
        "(`--pdf-layout auto`, the default, which cuts a brief of 30 pages or more) with one "
        "worker or two. Peak memory is that of the largest process (the build's own or a "
        "worker's). Typst: the same content as a Typst document, compiled by the `typst` "
        "Python package, as a command.",
        "",
        "| events | layout | jobs | seconds | pages | s/page | peak MiB |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    summary: list[str] = []
    for size in sizes:
        folder = dossiers[size]
        times: dict[tuple[str, int], float] = {}
        for layout, jobs in (("whole", 1), ("auto", 1), ("auto", 2)):
            out = work / f"long-{size}-{layout}-{jobs}"
            args = [otsreport, "build", "-q", "--dossier", str(folder), "-a", "research"]
            args += ["-f", "pdf", "--force", "--pdf-layout", layout, "--jobs", str(jobs)]
            started = time.perf_counter()
            memory = measure([*args, "-o", str(out)], work)
            seconds = time.perf_counter() - started
            pages = len(PdfReader(out / "research.pdf").pages)
            times[(layout, jobs)] = seconds
            name = "whole" if layout == "whole" else "in parts"
            lines.append(
                f"| {size:,} | {name} | {jobs} | {seconds:.1f} | {pages:,} "
                f"| {seconds / pages:.2f} | {memory:.0f} |"
            )
        html = paged_html(folder)
        t_seconds, t_memory, t_pages = typst_seconds(html, work / f"typst-{size}", measure)
        lines.append(
            f"| {size:,} | Typst | 1 | {t_seconds:.1f} | {t_pages:,} "
            f"| {t_seconds / t_pages:.2f} | {t_memory:.0f} |"
        )
        parts_two, parts_one = times[("auto", 2)], times[("auto", 1)]
        summary.append(
            f"- {size:,} events: in parts with 2 workers took {parts_two / parts_one:.2f} of "
            f"the time with 1 (target 0.65) and {parts_two / times[('whole', 1)]:.2f} of the "
            f"whole layout's; Typst took {t_seconds / parts_two:.2f} of our fastest."
        )
    return [*lines, "", *summary, ""]


if __name__ == "__main__":  # a quick look at one size: python benchmarks/long_briefs.py DIR N
    sys.path.insert(0, str(Path(__file__).parent))
    from memory import peak_memory_mib

    given = Path(sys.argv[1])
    os.environ.setdefault("OTSREPORT_CACHE_DIR", str(given / "cache"))
    count = int(sys.argv[2])
    binary = str(Path(sys.executable).parent / "otsreport")
    print("\n".join(section([count], {count: given}, given.parent, binary, peak_memory_mib)))
