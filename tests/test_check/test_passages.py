"""What the check looks for: every withheld text in windows (so a withheld middle between
two sentences that may print is sought too), names as whole words, nothing that may print."""

from __future__ import annotations

import shutil
from pathlib import Path

from otsreport.check import check_reading
from otsreport.check.channels import Reading
from otsreport.check.passages import index_for
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, edit

CLEAR_A = "Valdoria took over the chairmanship of the Varen Basin Commission on 1 January 2025."
MIDDLE = "The envoy paid the harbour master to look away."


def _reading(text: str) -> Reading:
    reading = Reading("text", declared={"otsreport-marking": "TLP:CLEAR"})
    reading.add("text", text)
    reading.printed.append(("page 1", "TLP:CLEAR"))
    return reading


def test_a_withheld_middle_between_printable_sentences_is_sought(tmp_path: Path) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "events.yaml",
        "  summary: A fisheries conference meets and the two states agree to share flood"
        " warnings.\n",
        f'  summary: "{CLEAR_A} {MIDDLE} {CLEAR_A}"\n  marking: TLP:RED\n',
    )
    edit(folder / "actors.yaml", "aliases: [I. Marran]", "aliases: [Heron]\n  marking: TLP:RED")
    index = index_for(load_dossier(folder), "TLP:CLEAR")
    leaked = check_reading(_reading(f"{CLEAR_A} {MIDDLE} {CLEAR_A}"), index)
    assert any(
        f.passage and f.passage.record == "fisheries-conference-2025" for f in leaked.findings
    )
    assert check_reading(_reading(CLEAR_A), index).clean  # the legitimate sentence alone
    named = check_reading(_reading("They met the Heron at dawn."), index)
    assert any(f.passage and f.passage.field == "aliases[]" for f in named.findings)
    assert check_reading(_reading("Herons nest on the shore."), index).clean
