from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from otsreport.errors import UserError
from otsreport.load import RECORD_FILES, read_yaml, split_paragraphs
from otsreport.paths import sample_dossier_dir
from otsreport.validate import load_dossier

from .conftest import edit, load_report


def line_of(file: Path, needle: str) -> int:
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {file}")


def test_sample_dossier_loads_with_every_record() -> None:
    dossier = load_dossier(sample_dossier_dir())
    for kind in RECORD_FILES:
        raw = yaml.safe_load((sample_dossier_dir() / f"{kind}.yaml").read_text(encoding="utf-8"))
        assert len(getattr(dossier, kind)) == len(raw), kind
    assert dossier.sources[0].paragraphs is not None
    assert len(dossier.sources[0].paragraphs) == 7


def test_unknown_key_names_file_line_record_and_field(dossier_copy: Path) -> None:
    actors = dossier_copy / "actors.yaml"
    edit(actors, "located_in: azerbaijan", "locatd_in: azerbaijan")
    report = load_report(dossier_copy)
    line = line_of(actors, "locatd_in: azerbaijan")
    assert f"actors.yaml:{line}: shusha: locatd_in: unknown key" in report


def test_wrong_type_and_missing_field(dossier_copy: Path) -> None:
    events = dossier_copy / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("  kind: visit\n  title: Orbán visits Azerbaijan\n", "  kind: visit\n", 1)
    text = text.replace("participants: [ots, hungary]", "participants: ots", 1)
    events.write_text(text, encoding="utf-8")
    report = load_report(dossier_copy)
    assert "orban-visit-2010: title: required field is missing" in report
    assert "participants: Input should be a valid list" in report


def test_all_problems_come_in_one_run(dossier_copy: Path) -> None:
    events = dossier_copy / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("date: 2016\n", "date: 2016-02-30\n")
    text = text.replace("place: kyrgyzstan", "place: kirgizia")
    events.write_text(text, encoding="utf-8")
    (dossier_copy / "topics.yaml").write_text(
        (dossier_copy / "topics.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Energy", "nam: Energy"),
        encoding="utf-8",
    )
    report = load_report(dossier_copy)
    assert "February 2016 has 29 days" in report
    assert "unknown actor 'kirgizia'" in report
    assert "topics.yaml" in report
    assert "energy: name: required field is missing" in report  # the typo, seen both ways
    assert "4 problems found." in report


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- id: x\n\tname: y\n", "malformed YAML"),
        ('- id: "unclosed\n', "malformed YAML"),
        ("- id: a\n  id: b\n", "duplicate key 'id'"),
        ("", "file is empty"),
        ("- !!python/object:os.system {}\n", "not allowed"),
        ("- id: !custom x\n", "not allowed"),
    ],
)
def test_malformed_yaml_is_located(tmp_path: Path, content: str, message: str) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message) as caught:
        read_yaml(file)
    problem = caught.value.problems[0]
    assert problem.file == file
    if content:
        assert problem.line is not None


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes("- id: a\n- name: Orb\xe1n\n".encode("latin-1"))
    with pytest.raises(UserError, match=r"not valid UTF-8") as caught:
        read_yaml(file)
    assert caught.value.problems[0].line == 2


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    file = tmp_path / "bomb.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="alias bomb"):
        read_yaml(file)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text("[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="nested more than"):
        read_yaml(file)


def test_missing_source_text_and_required_file(dossier_copy: Path) -> None:
    (dossier_copy / "sources" / "azerbaijan-hungary-ots.txt").unlink()
    assert "source text" in load_report(dossier_copy)
    (dossier_copy / "dossier.yaml").unlink()
    assert "dossier.yaml: required file is missing" in load_report(dossier_copy)


def test_source_path_cannot_escape_the_dossier(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "sources.yaml",
        "text: sources/azerbaijan-hungary-ots.txt",
        "text: ../../../etc/passwd",
    )
    assert "outside the dossier folder" in load_report(dossier_copy)


def test_paragraphs_split_on_blank_lines() -> None:
    assert split_paragraphs("One\nline.\n\n\nTwo.\r\n\r\nThree.\n") == [
        "One line.",
        "Two.",
        "Three.",
    ]


def test_large_files_come_from_the_parse_cache_with_lines_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "big.yaml"
    items = [f"- id: item-{n}\n  name: Item {n}\n" for n in range(5000)]
    file.write_text("".join(items) + "- id: last\n  nmae: typo\n", encoding="utf-8")
    first = read_yaml(file)
    assert len(list((tmp_path / "cache").iterdir())) == 1
    second = read_yaml(file)
    assert second.value == first.value
    assert second._root is None  # served from the cache, not parsed
    assert second.line_of((5000, "nmae")) == 10002  # lines recovered on demand


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OTSREPORT_NO_CACHE", "1")
    file = tmp_path / "big.yaml"
    file.write_text("".join(f"- n{n}\n" for n in range(20000)), encoding="utf-8")
    read_yaml(file)
    assert not (tmp_path / "cache").exists()
