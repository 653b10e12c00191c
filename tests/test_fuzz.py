"""Property tests: whatever a hand-edited dossier looks like, loading either succeeds or
raises the user-error type, never anything else; and a dossier survives a JSON round trip."""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otsreport.errors import UserError
from otsreport.load import RECORD_FILES, load_dossier
from otsreport.paths import sample_dossier_dir

FUZZ = settings(
    max_examples=60,
    derandomize=True,  # a fixed seed: CI sees the same examples every run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FILES = ["dossier.yaml", *(f"{kind}.yaml" for kind in RECORD_FILES)]
SAMPLE = {
    name: yaml.safe_load((sample_dossier_dir() / name).read_text(encoding="utf-8"))
    for name in FILES
}
ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(["\u202e", "\u0000", "ə" * 10_000, "<script>", "\ufeff", "- [", "{{ x }}"])
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
    max_leaves=12,
)


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"nested": [value]}
    return value


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    name = draw(st.sampled_from(FILES))
    target = data[name]
    if isinstance(target, list):
        target = target[draw(st.integers(0, len(target) - 1))]
    key = draw(st.sampled_from(sorted(target)))
    action = draw(st.sampled_from(["drop", "swap", "add", "deep", "huge"]))
    if action == "drop":
        del target[key]
    elif action == "swap":
        target[key] = draw(VALUES)
    elif action == "add":
        target[draw(ODD_TEXT)] = draw(VALUES)
    elif action == "deep":
        target[key] = _deep(draw(st.integers(1, 80)))
    else:
        target[key] = "A" * draw(st.integers(10_000, 200_000))
    return data


def _load(files: dict[str, str | bytes]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(sample_dossier_dir() / "sources", folder / "sources")
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        try:
            load_dossier(folder)
        except UserError as error:
            assert error.problems, "a UserError must say what is wrong"
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(mutated())
def test_mutated_records_load_or_raise_user_error(data: dict[str, Any]) -> None:
    _load({name: yaml.safe_dump(value, allow_unicode=True) for name, value in data.items()})


@FUZZ
@given(st.sampled_from(FILES), st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_corrupted_bytes_load_or_raise_user_error(name: str, at: int, junk: bytes) -> None:
    raw = (sample_dossier_dir() / name).read_bytes()
    at = at % len(raw)
    files: dict[str, str | bytes] = {n: (sample_dossier_dir() / n).read_bytes() for n in FILES}
    files[name] = raw[:at] + junk + raw[at:]
    _load(files)


def test_dossier_json_round_trip(tmp_path: Path) -> None:
    dossier = load_dossier(sample_dossier_dir())
    exported = tmp_path / "dossier.json"
    exported.write_text(dossier.model_dump_json(indent=2), encoding="utf-8")
    again = load_dossier(exported)
    assert again == dossier
    assert json.loads(again.model_dump_json()) == json.loads(dossier.model_dump_json())


def test_json_dossier_errors_are_located(tmp_path: Path) -> None:
    data = json.loads(load_dossier(sample_dossier_dir()).model_dump_json())
    data["statements"][0]["quote"] = "We have many families."
    data["events"][1]["date"] = "2012-13"
    file = tmp_path / "dossier.json"
    file.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    try:
        load_dossier(file)
    except UserError as error:
        report = error.report()
    else:
        raise AssertionError("expected a UserError")
    assert "dossier.json:" in report and "orban-visit-2012: date: '2012-13' is not a date" in report
