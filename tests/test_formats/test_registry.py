"""The output-format registry: every format by name, in the CLI's choices and the build's
file names, and a plug-in format arriving through the ``otsreport.formats`` entry point."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from otsreport import formats
from otsreport.build import render
from otsreport.check import read_brief
from otsreport.check.reading import Reading
from otsreport.formats import OutputFormat
from otsreport.options import BuildOptions
from otsreport.paths import builtin_templates_dir

from ..conftest import OTHER_DOSSIER, run

BUILTIN = ["html", "pdf", "docx", "md", "txt", "json"]


def test_every_builtin_format_is_registered_with_a_suffix_and_media_type() -> None:
    registered = {fmt.name: fmt for fmt in formats.registered()}
    assert list(registered)[:6] == BUILTIN
    assert {fmt.suffix for fmt in registered.values()} >= set(BUILTIN)
    assert registered["md"].media_type.startswith("text/markdown")
    assert registered["json"].media_type == "application/json"
    assert registered["pdf"].make is None  # laid out by the build's workers
    assert registered["pdf"].pooled is not None
    assert all(fmt.make is not None for name, fmt in registered.items() if name != "pdf")
    # Every format can be read back by the release check; the paged ones counted.
    assert all(fmt.reader is not None or fmt.read is not None for fmt in registered.values())
    assert {name for name, fmt in registered.items() if fmt.pages is not None} == {"pdf", "docx"}


def test_build_help_offers_the_registered_formats() -> None:
    result = run("build", "--help")
    assert result.exit_code == 0, result.output
    choices = " ".join(result.output.split())
    assert "[html|pdf|docx|md|txt|json|" in choices and "|stix|misp|csl-json" in choices


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run("build", "-f", "odt")
    assert result.exit_code == 2
    assert "odt" in result.output and "Traceback" not in result.output


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A package that registers a 'markdown' format (Markdown with a longer suffix) through
    the entry point, loaded afresh with the built-in formats."""
    entry = metadata.EntryPoint(
        name="markdown",
        value="tests.test_formats.test_registry:long_suffix",
        group="otsreport.formats",
    )

    def entry_points(**select: str) -> list[metadata.EntryPoint]:
        return [entry] if select.get("group") == formats.ENTRY_POINT_GROUP else []

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    monkeypatch.setattr(formats, "_REGISTRY", dict(formats._REGISTRY))
    monkeypatch.setattr(formats, "_loaded", False)
    yield


def long_suffix() -> OutputFormat:
    md = formats.get("md")
    return OutputFormat("markdown", "markdown", md.media_type, "Markdown, long suffix", md.make)


def test_a_plugin_format_registers_through_the_entry_point(plugin: None, tmp_path: Path) -> None:
    assert "markdown" in formats.names()
    options = BuildOptions(dossier=OTHER_DOSSIER, audiences=["press"], formats=["markdown"])
    result = render(options)
    (output,) = result.outputs
    assert output.path.name == "press.markdown"
    # Made by the plug-in, and checked like every output before it is written.
    assert read_brief(output.data).declared["otsreport-marking"] == "TLP:CLEAR"


# -- a plug-in with its own reader and page count -------------------------------------------

SLIDES_MAGIC = b"SLIDES\n"


def slides() -> OutputFormat:
    """A fictional paged format: a page per section, each headed by the marking, read back
    by its own reader (the release check knows nothing else of it)."""

    def make(making: formats.Making) -> bytes:
        brief = making.brief
        pages = [
            f"{brief.marking}\n{section.title}\n"
            + "\n".join(item.id for item in section.items if item.id)
            for section in brief.sections
        ]
        return SLIDES_MAGIC + "\f".join(pages).encode()

    def reader(data: bytes, depth: int) -> Reading:
        reading = Reading("slides")
        pages = data.removeprefix(SLIDES_MAGIC).decode().split("\f")
        reading.declared["otsreport-marking"] = pages[0].split("\n", 1)[0]
        for number, page in enumerate(pages, 1):
            reading.add(f"slide {number}", page)
            reading.printed.append((f"slide {number}", page))
        return reading

    return OutputFormat(
        "slides",
        "slides",
        "application/x-slides",
        "a page per section",
        make,
        sniff=lambda data: data.startswith(SLIDES_MAGIC),
        reader=reader,
        pages=lambda data: data.count(b"\f") + 1,
        what="the slides",
    )


@pytest.fixture
def slides_plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    entry = metadata.EntryPoint(
        name="slides", value="tests.test_formats.test_registry:slides", group="otsreport.formats"
    )

    def entry_points(**select: str) -> list[metadata.EntryPoint]:
        return [entry] if select.get("group") == formats.ENTRY_POINT_GROUP else []

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    monkeypatch.setattr(formats, "_REGISTRY", dict(formats._REGISTRY))
    monkeypatch.setattr(formats, "_loaded", False)
    yield


def research_with_budget(tmp_path: Path, budget: int) -> list[str]:
    """A template folder whose research profile has a page budget; the build's arguments."""
    mine = tmp_path / "t" / "audiences" / "research"
    mine.mkdir(parents=True)
    research = builtin_templates_dir() / "audiences" / "research" / "audience.yaml"
    profile = research.read_text(encoding="utf-8")
    assert "max_pages" not in profile
    (mine / "audience.yaml").write_text(profile + f"\nmax_pages: {budget}\n", encoding="utf-8")
    return ["build", "-d", str(OTHER_DOSSIER), "-t", str(tmp_path / "t"), "-a", "research"]


def test_a_plugin_format_is_built_read_back_by_its_reader_and_counted(
    slides_plugin: None, tmp_path: Path
) -> None:
    args = research_with_budget(tmp_path, 40)
    result = run(*args, "-f", "slides", "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    data = (tmp_path / "o" / "research.slides").read_bytes()
    assert formats.reading(data) is formats.get("slides")  # the check dispatches to it
    assert read_brief(data).format == "slides"
    checked = run(
        "check-release", str(tmp_path / "o" / "research.slides"), "-d", str(OTHER_DOSSIER)
    )
    assert checked.exit_code == 0, checked.output
    # Its page count (the format's probe) holds it to the profile's budget, as the PDF's.
    pages = data.count(b"\f") + 1
    assert pages > 1 and f"research.slides ({pages} pages)" in result.output


def test_a_plugin_format_over_its_budget_fails_like_a_pdf(
    slides_plugin: None, tmp_path: Path
) -> None:
    args = research_with_budget(tmp_path, 1)
    result = run(*args, "-f", "slides", "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "audience 'research': the slides has" in result.stderr
    assert "over its budget of 1" in result.stderr and not (tmp_path / "o").exists()


def test_a_plugin_reader_that_finds_a_leak_stops_the_build(
    slides_plugin: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads the plug-in's file with the plug-in's reader: what that reader sees
    (here, a marking the brief does not declare) fails the build before anything is written."""
    fmt = formats.get("slides")
    assert fmt.reader is not None
    original = fmt.reader

    def lying(data: bytes, depth: int) -> Reading:
        reading = original(data, depth)
        reading.declared["otsreport-marking"] = "TLP:CLEAR"
        return reading

    monkeypatch.setitem(formats._REGISTRY, "slides", dataclasses.replace(fmt, reader=lying))
    args = ["build", "-d", str(OTHER_DOSSIER), "-a", "research", "-f", "slides"]
    result = run(*args, "-o", str(tmp_path / "o"))
    assert result.exit_code == 1 and "declares 'TLP:CLEAR'" in result.stderr
    assert not (tmp_path / "o").exists()


# -- formats by name, from the registry ------------------------------------------------------


def test_a_profile_lists_its_formats(tmp_path: Path) -> None:
    mine = tmp_path / "t" / "audiences" / "press"
    mine.mkdir(parents=True)
    press = (builtin_templates_dir() / "audiences" / "press" / "audience.yaml").read_text(
        encoding="utf-8"
    )
    (mine / "audience.yaml").write_text(press + "\nformats: [md, json]\n", encoding="utf-8")
    args = ["build", "-d", str(OTHER_DOSSIER), "-t", str(tmp_path / "t"), "-a", "press"]
    result = run(*args, "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    built = sorted(
        p.name for p in (tmp_path / "o").iterdir() if p.name != ".otsreport-manifest.json"
    )
    assert [n for n in built if not n.startswith(".")] == [
        "press.edition.json",
        "press.json",
        "press.md",
    ]
    # -f wins over the profile.
    result = run(*args, "-f", "txt", "-o", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / "press.txt").exists() and not (tmp_path / "p" / "press.md").exists()


def test_an_unknown_format_in_a_profile_names_the_nearest(tmp_path: Path) -> None:
    mine = tmp_path / "t" / "audiences" / "press"
    mine.mkdir(parents=True)
    press = (builtin_templates_dir() / "audiences" / "press" / "audience.yaml").read_text(
        encoding="utf-8"
    )
    (mine / "audience.yaml").write_text(press + "\nformats: [html, dcox]\n", encoding="utf-8")
    result = run("build", "-t", str(tmp_path / "t"), "-a", "press", "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "unknown format 'dcox'; did you mean 'docx'?" in result.stderr
    assert "audience.yaml" in result.stderr and "formats[1]" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_doctor_reports_each_format_and_what_it_needs() -> None:
    result = run("doctor")
    for fmt in formats.registered():
        assert f"Format {fmt.name}" in result.output, fmt.name
    assert "LibreOffice, to count a Word brief's pages" in result.output


SEAM_MODULES = ("build.py", "pdfjobs.py", "budget.py", "doctor.py", "cli/briefs.py", "serve.py")
# The preview's own page is the screen format, and its error pages are HTML whatever is asked.
SERVE_OWN = {("serve.py", "html"), ("serve.py", "text/html; charset=utf-8")}


def test_the_pipeline_names_no_format() -> None:
    """The registry is the only seam: the build, the CLI, doctor and the preview hold no
    format's name, suffix or media type (they ask the registry)."""
    import ast

    import otsreport

    root = Path(otsreport.__file__).parent
    known = {f.name for f in formats.registered()} | {f.suffix for f in formats.registered()}
    known |= {f".{f.suffix}" for f in formats.registered()}
    known |= {f.media_type for f in formats.registered()}
    found = []
    for module in SEAM_MODULES:
        tree = ast.parse((root / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            own = isinstance(node, ast.Constant) and (module, node.value) in SERVE_OWN
            if isinstance(node, ast.Constant) and node.value in known and not own:
                found.append((module, node.lineno, node.value))
    assert not found
