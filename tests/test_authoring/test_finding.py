"""find, paragraphs and validate --fix, on the sample and on a scaffolded dossier."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from otsreport.paths import sample_dossier_dir
from tests.conftest import edit, run


def test_find_forgives_typos_and_prints_a_citation_to_paste() -> None:
    result = run("find", "Hungary opposed the EUs unilatral aid of €10 million to Armenia")
    assert result.exit_code == 0, result.output
    assert "azerbaijan-hungary-ots ¶5" in result.output
    [citation] = yaml.safe_load(result.output.split("\n", 1)[1].split("\n#")[0])
    assert citation["paragraph"] == 5
    assert citation["quote"] == "Hungary opposed the EU's unilateral aid of €10 million to Armenia"


def test_find_with_nothing_close_exits_1() -> None:
    result = run("find", "a sentence about something else entirely, quarterly tide tables")
    assert result.exit_code == 1 and "not found in any source" in result.output


def test_paragraphs_are_numbered_as_citations_count_them() -> None:
    result = run("paragraphs", "azerbaijan-hungary-ots")
    assert result.exit_code == 0, result.output
    assert "  5. " in result.output and "unilateral aid" in result.output.split("  5. ")[1]
    wrong = run("paragraphs", "azerbaijan-hungary")
    assert wrong.exit_code == 2 and "did you mean 'azerbaijan-hungary-ots'" in wrong.output


def test_new_dossier_validates_and_its_schemas_travel_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "lake survey"
    assert run("new-dossier", str(folder)).exit_code == 0
    assert run("validate", "-d", str(folder)).exit_code == 0
    for data in folder.glob("*.yaml"):
        first = data.read_text().splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first and (folder / schema).is_file(), data.name
        json.loads((folder / schema).read_text())
    moved = tmp_path / "elsewhere" / "moved"
    shutil.move(folder, moved)
    assert run("validate", "-d", str(moved)).exit_code == 0
    again = run("new-dossier", str(moved))
    assert again.exit_code == 2 and "not empty" in again.output


def test_a_citation_may_leave_out_its_paragraph_and_fix_writes_it_in(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(sample_dossier_dir(), dossier)
    events = dossier / "events.yaml"
    original = events.read_text()
    edit(
        events,
        '{source: azerbaijan-hungary-ots, paragraph: 1, quote: "Prime',
        '{source: azerbaijan-hungary-ots, quote: "Prime',
    )
    edit(events, 'paragraph: 2, quote: "Notably', 'paragraph: 4, quote: "Notably')
    comment = "# the analyst's own comment stays\n"
    events.write_text(comment + events.read_text())
    checked = run("validate", "-d", str(dossier))
    assert checked.exit_code == 1
    assert "it is in paragraph 2) (`otsreport validate --fix` corrects it)" in checked.output
    assert "paragraph: missing" not in checked.output  # the left-out one was found
    fixed = run("validate", "-d", str(dossier), "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "citations.0.paragraph: missing -> 1" in fixed.output
    assert "citations.0.paragraph: 4 -> 2" in fixed.output
    text = events.read_text()
    assert text.startswith(comment)
    # The number goes back where the analyst writes it: the file is as it was, key for key.
    assert text == comment + original
    assert run("validate", "-d", str(dossier), "--fix").output.count("fixed") == 0
