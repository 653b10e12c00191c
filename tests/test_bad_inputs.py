"""The corpus of broken inputs: each case breaks one thing and names the error it must give.

Every case runs through the real CLI against a copy of a minimal dossier, and must exit with
its code, say its key words, show no traceback, and leave an existing build folder as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import run

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted((CORPUS / "cases").glob("*.yaml"))


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _prepare(case: dict[str, object], tmp_path: Path) -> dict[str, str]:
    dossier = tmp_path / "dossier"
    shutil.copytree(CORPUS / "base", dossier)
    for change in case.get("edit", []):  # type: ignore[attr-defined]
        file = dossier / change["file"]
        text = file.read_text(encoding="utf-8")
        assert change["find"] in text, f"case edit does not apply: {change['find']!r}"
        file.write_text(text.replace(change["find"], change["replace"], 1), encoding="utf-8")
    for name, content in case.get("write", {}).items():  # type: ignore[attr-defined]
        (dossier / name).write_text(content, encoding="utf-8")
    for name, content in case.get("write_latin1", {}).items():  # type: ignore[attr-defined]
        (dossier / name).write_bytes(content.encode("latin-1"))
    for name in case.get("remove", []):  # type: ignore[attr-defined]
        (dossier / name).unlink()
    templates = tmp_path / "templates"
    templates.mkdir()
    for name, content in case.get("templates", {}).items():  # type: ignore[attr-defined]
        (templates / name).parent.mkdir(parents=True, exist_ok=True)
        (templates / name).write_text(content, encoding="utf-8")
    out = tmp_path / "build"
    out.mkdir()
    (out / "keep.html").write_text("yesterday's brief", encoding="utf-8")
    return {"dossier": str(dossier), "templates": str(templates), "out": str(out)}


def test_the_corpus_covers_every_kind_of_mistake() -> None:
    names = {case.stem for case in CASES}
    assert len(names) >= 25
    for required in (
        "tab-indent",
        "unclosed-quote",
        "duplicate-key",
        "wrong-type",
        "missing-field",
        "unknown-key",
        "duplicate-id",
        "dangling-reference",
        "impossible-date",
        "reversed-interval",
        "quote-not-in-source",
        "paragraph-out-of-range",
        "missing-source-file",
        "non-utf8-file",
        "empty-file",
        "empty-dossier",
        "unknown-audience",
        "unknown-section",
        "profile-unknown-section",
        "template-syntax-error",
        "template-undefined-variable",
        "missing-template",
        "unreadable-image",
        "output-not-writable",
        "output-path-is-a-file",
    ):
        assert required in names, required


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_input_gives_its_error_and_loses_nothing(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    places = _prepare(case, tmp_path)
    before = _snapshot(Path(places["out"]))
    args = [
        arg.format(**places) for arg in case.get("args", ["validate", "--dossier", "{dossier}"])
    ]
    result = run(*args)
    assert result.exit_code == case["exit"], result.output
    for words in case["expect"]:
        assert words in result.output, f"{words!r} missing from:\n{result.output}"
    assert "Traceback" not in result.output
    assert _snapshot(Path(places["out"])) == before
