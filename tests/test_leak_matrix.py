"""Every text field of every record kind, planted RED, in every audience and every format:
absent from each brief below RED (in every channel the check reads), and found by the build
when a template prints it anyway. The fields come from the registry, so a new field is
planted too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from otsreport.check import read_brief
from otsreport.registry import KINDS, records_of
from otsreport.validate import load_dossier

from .conftest import OTHER_DOSSIER, put, run

# Fields whose words are checked against the source text or a pattern: left as they are.
CHECKED = ("citations[].quote", "disputed[].citations[].quote", "disputed[].value")
CHECKED_BY_KIND = {"source": ("paragraphs[]", "url"), "statement": ("quote",)}
CHECKED_BY_KIND["assessment"] = ("wording",)
FORMATS = ("html", "pdf", "docx", "md", "txt", "stix", "misp", "csl-json")


def _set(value: Any, steps: list[str], text: str) -> None:
    """Every text at the path ``steps`` inside ``value`` (dicts and lists) set to ``text``."""
    step, rest = steps[0], steps[1:]
    many = step.endswith("[]")
    key = step.removesuffix("[]")
    if not isinstance(value, dict) or value.get(key) in (None, [], ""):
        return
    if many:
        items = value[key]
        for index, item in enumerate(items):
            if rest:
                _set(item, rest, text)
            else:
                items[index] = f"{text} {index}"
    elif rest:
        _set(value[key], rest, text)
    else:
        value[key] = text


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Lake Varen as one JSON file: the last record of every kind RED with a plant in every
    free text field, and the first (where there are two) CLEAR with plants in its markable
    fields, marked RED field by field; the rest as it was, so the briefs still say much."""
    data = json.loads(load_dossier(OTHER_DOSSIER).model_dump_json())
    plants: list[str] = []
    for spec in KINDS:
        owner = data["info"] if spec.collection == "key_points" else data
        records = owner.get(spec.collection) or []
        fixed = CHECKED + CHECKED_BY_KIND.get(spec.name, ())
        if records:
            last = records[-1]
            last["marking"] = "TLP:RED"
            for path in spec.text_fields:
                if path not in fixed:
                    plant = f"zqplant {spec.name} {path} red record"
                    _set(last, path.split("."), plant)
                    plants.append(plant)
        for record in records[:-1][:1]:
            for name in spec.markable:
                if any(p.split(".")[0].removesuffix("[]") == name for p in spec.text_fields):
                    plant = f"zqplant {spec.name} {name} red field"
                    path = f"{name}[]" if isinstance(record.get(name), list) else name
                    _set(record, [path], plant)
                    record.setdefault("field_markings", {})[name] = "TLP:RED"
                    plants.append(plant)
    folder = tmp_path_factory.mktemp("planted")
    file = folder / "lake-varen.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert len(records_of(load_dossier(file), KINDS[0])) > 0  # it still validates
    return file, plants


def _texts(brief: Path) -> str:
    reading = read_brief(brief.read_bytes())
    raw = brief.read_bytes().decode("latin-1")
    return "\n".join([raw, *(t for texts in reading.channels.values() for t in texts)]).casefold()


def test_no_plant_reaches_any_brief_below_red(
    tmp_path: Path, planted: tuple[Path, list[str]]
) -> None:
    file, plants = planted
    out = tmp_path / "out"
    args = [a for f in FORMATS for a in ("-f", f)]
    result = run("build", "-d", str(file), *args, "--pdf-variant", "archive", "-o", str(out))
    assert result.exit_code == 0, result.output
    briefs = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    assert len(briefs) == 4 * (len(FORMATS) + 1)  # and an edition record each
    for brief in briefs:
        text = _texts(brief)
        leaked = [p for p in plants if p.casefold() in text]
        assert leaked == [], (brief.name, leaked)
    assert "Valdoria chairs the commission" in (out / "press.html").read_text(encoding="utf-8")
    assert len(plants) >= 30  # every free text field of every kind, and markable fields
    checked = run("check-release", *map(str, briefs))
    assert checked.exit_code == 0, checked.output


def test_a_template_that_prints_a_plant_is_stopped(
    tmp_path: Path, planted: tuple[Path, list[str]]
) -> None:
    file, plants = planted
    event_summary = next(p for p in plants if p.startswith("zqplant event summary"))
    put(
        tmp_path / "t" / "base.html.j2",
        '{% extends "default:base.html.j2" %}{% block footer %}{{ super() }}'
        f'<p title="{event_summary}">x</p>{{% endblock %}}',
    )
    out = tmp_path / "out"
    result = run(
        "build", "-d", str(file), "-t", str(tmp_path / "t"), "-a", "press", "-f", "html",
        "-f", "pdf", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 1 and "not written" in result.output, result.output
    assert "event" in result.output and "summary" in result.output
    assert not (out / "press.html").exists() and not (out / "press.pdf").exists()
