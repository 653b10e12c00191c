"""The output-format registry: every format by name, in the CLI's choices and the build's
file names, and a plug-in format arriving through the ``otsreport.formats`` entry point."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from otsreport import formats
from otsreport.build import render
from otsreport.check import read_brief
from otsreport.formats import OutputFormat
from otsreport.options import BuildOptions

from ..conftest import OTHER_DOSSIER, run


def test_every_builtin_format_is_registered_with_a_suffix_and_media_type() -> None:
    registered = {fmt.name: fmt for fmt in formats.registered()}
    assert list(registered)[:5] == ["html", "pdf", "docx", "md", "txt"]
    assert {fmt.suffix for fmt in registered.values()} >= {"html", "pdf", "docx", "md", "txt"}
    assert registered["md"].media_type.startswith("text/markdown")
    assert registered["pdf"].make is None  # laid out by the build's workers
    assert all(fmt.make is not None for name, fmt in registered.items() if name != "pdf")


def test_build_help_offers_the_registered_formats() -> None:
    result = run("build", "--help")
    assert result.exit_code == 0, result.output
    choices = " ".join(result.output.split())
    assert "[html|pdf|docx|md|txt|" in choices and "|stix|misp|csl-json" in choices


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
