"""Word briefs built once per session through the real CLI: the sample's research brief
and every brief of the fictional lake-varen dossier."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.conftest import OTHER_DOSSIER, run


@pytest.fixture(scope="session")
def sample_research(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word-sample")
    result = run("build", "-a", "research", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out / "research.docx"


@pytest.fixture(scope="session")
def varen_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word-varen")
    result = run("build", "-d", str(OTHER_DOSSIER), "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=["sample", "varen"])
def research(request: pytest.FixtureRequest) -> Path:
    """The research brief of the sample, then of lake-varen."""
    if request.param == "sample":
        found: Path = request.getfixturevalue("sample_research")
        return found
    folder: Path = request.getfixturevalue("varen_build")
    return folder / "research.docx"


def opened(file: Path) -> docx.document.Document:
    return docx.Document(str(file))
