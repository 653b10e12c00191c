"""``new-dossier``: what it writes validates and builds as written, every example in it is a
valid record once uncommented, and nothing in it points at this machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from otsreport.authoring.scaffold import RECORD_FILES
from otsreport.load.yamlfile import parse_text
from otsreport.registry import BY_COLLECTION

from ..conftest import run

HERALD = (
    "The commission opened its spring survey season on Tuesday.\n\n"
    '"The quotas will hold this year." said the commissioner; a dispute over the quotas '
    "seems likely, the paper adds.\n"
)


def scaffold(tmp_path: Path) -> Path:
    folder = tmp_path / "survey"
    result = run("new-dossier", str(folder), "--title", "The Lake Varen survey")
    assert result.exit_code == 0, result.output
    return folder


def example_of(text: str) -> str:
    """The commented example of a scaffolded file, uncommented: what a user would type."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# - id:"))
    block = []
    for line in lines[start:]:
        if not line.startswith("# ") or line.startswith("# Replace"):
            break
        block.append(line[2:])
    return "\n".join(block) + "\n"


def test_a_new_dossier_validates_and_builds_every_audience(tmp_path: Path) -> None:
    folder = scaffold(tmp_path)
    assert run("validate", "-d", str(folder)).exit_code == 0
    out = tmp_path / "out"
    result = run("build", "-d", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    audiences = run("audiences").output
    for name in ("executive", "diplomatic", "press", "research"):
        assert name in audiences
        assert (out / f"{name}.pdf").is_file() and (out / f"{name}.html").is_file()


def test_nothing_in_a_new_dossier_names_this_machine(tmp_path: Path) -> None:
    folder = scaffold(tmp_path)
    for file in folder.rglob("*.yaml"):
        text = file.read_text()
        assert str(tmp_path) not in text and not re.search(r"(^|\s)/(home|tmp|root|work)/", text)


@pytest.mark.parametrize("name", sorted(RECORD_FILES))
def test_every_example_is_a_valid_record_once_uncommented(tmp_path: Path, name: str) -> None:
    folder = scaffold(tmp_path)
    [entry] = parse_text(folder / name, example_of((folder / name).read_text()))
    BY_COLLECTION[Path(name).stem].model.model_validate(entry)


def test_the_examples_uncommented_make_a_dossier_that_validates_and_builds(tmp_path: Path) -> None:
    folder = scaffold(tmp_path)
    for name in RECORD_FILES:
        file = folder / name
        text = file.read_text()
        file.write_text(text.replace("\n[]\n", "\n" + example_of(text)))
    (folder / "sources" / "herald-survey.txt").write_text(HERALD)
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = run("build", "-d", str(folder), "-o", str(out), "-f", "html")
    assert result.exit_code == 0, result.output
    assert "spring survey season" in (out / "research.html").read_text()


def test_the_vocabulary_example_uncommented_validates(tmp_path: Path) -> None:
    folder = scaffold(tmp_path)
    info = folder / "dossier.yaml"
    lines = info.read_text().split("\n")
    start = lines.index("# vocabulary:")
    end = next(i for i in range(start, len(lines)) if "plural:" in lines[i]) + 1
    lines[start:end] = [line[2:] for line in lines[start:end]]
    info.write_text("\n".join(lines))
    result = run("vocabulary", "-d", str(folder))
    assert result.exit_code == 0, result.output
    assert "survey" in result.output and "(this dossier's)" in result.output
    assert run("validate", "-d", str(folder)).exit_code == 0
