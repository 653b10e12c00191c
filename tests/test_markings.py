"""The marking scheme as data: TLP 2.0 by default, and a scheme with caveats and REL TO lists
that a dossier declares, carried through the cut, the banner and the check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from otsreport.check.files import check_file
from otsreport.markings import MarkingError, builtin

from .conftest import OTHER_DOSSIER, edit, put, run

OFFICIAL = builtin("official-rel")
TLP = builtin()
SECRET_TEXT = "Divers mapped the old weir beneath the accord line."


def test_tlp_levels_are_ordered_and_carry_their_stix_ids() -> None:
    assert TLP.releasable("TLP:GREEN", "TLP:AMBER") and not TLP.releasable("TLP:RED", "TLP:AMBER")
    assert TLP.stix("TLP:CLEAR") == "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
    assert TLP.parse("TLP:AMBER+STRICT").portion == "AMBER+STRICT"
    with pytest.raises(MarkingError, match=r"TLP:PINK.*it has: TLP:CLEAR"):
        TLP.parse("TLP:PINK")


def test_caveats_must_be_held_and_every_reader_nation_named() -> None:
    record = "SECRET//REL TO GBR, HUN"
    assert OFFICIAL.releasable(record, "SECRET//REL TO GBR")
    assert OFFICIAL.releasable(record, "SECRET//REL TO GBR, HUN")
    assert not OFFICIAL.releasable(record, "SECRET//REL TO GBR, USA")  # a USA reader
    assert not OFFICIAL.releasable(record, "SECRET")  # readers of any nation
    assert not OFFICIAL.releasable(record, "OFFICIAL-SENSITIVE//REL TO GBR")
    assert not OFFICIAL.releasable("OFFICIAL//COMMERCIAL", "SECRET//REL TO GBR")
    assert OFFICIAL.releasable("OFFICIAL//COMMERCIAL", "OFFICIAL//COMMERCIAL")
    with pytest.raises(MarkingError):
        OFFICIAL.parse("SECRET//REL TO Britain")


def test_the_banner_combines_levels_caveats_and_nations() -> None:
    banner = OFFICIAL.combine(
        [
            "OFFICIAL",
            "OFFICIAL-SENSITIVE//COMMERCIAL",
            "SECRET//REL TO GBR, HUN, USA",
            "OFFICIAL//REL TO GBR, HUN",
        ]
    )
    assert str(banner) == "SECRET//COMMERCIAL//REL TO GBR, HUN"
    assert banner.portion == "S//COM//REL TO GBR, HUN"
    assert OFFICIAL.releasable(banner, "SECRET//COMMERCIAL//REL TO GBR")


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("official")
    folder = root / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        "as_of: 2026-01-15\nmarking_scheme: official-rel\n",
    )
    edit(
        folder / "events.yaml",
        "- id: fisheries-conference-2025\n",
        "- id: fisheries-conference-2025\n  marking: SECRET//REL TO GBR, HUN\n"
        f"  note: {SECRET_TEXT}\n",
    )
    for name, ceiling in {
        "gbr": "SECRET//REL TO GBR",
        "anyone": "SECRET",
        "os": "OFFICIAL-SENSITIVE",
    }.items():
        put(
            root / "t" / "audiences" / name / "audience.yaml",
            f"title: {name}\ndescription: d\nsections: [timeline]\nmarking: {ceiling}\n"
            "citations: footnotes\nlocale: en_GB\ndetail: {notes: true}\n",
        )
    return root


def test_a_dossier_in_another_scheme_is_cut_by_nation_and_checked(official: Path) -> None:
    out = official / "out"
    result = run(
        "build", "-d", str(official / "lake-varen"), "-t", str(official / "t"),
        "-a", "gbr", "-a", "anyone", "-a", "os", "-f", "html", "-f", "pdf", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    gbr = (out / "gbr.html").read_text(encoding="utf-8")
    assert SECRET_TEXT in gbr and 'content="SECRET//REL TO GBR, HUN"' in gbr
    for name in ("anyone", "os"):
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert SECRET_TEXT not in html and 'content="SECRET' not in html
    for brief in out.glob("*.*"):
        if brief.suffix in (".html", ".pdf"):
            assert check_file(brief).report.clean, brief


def test_a_marking_outside_the_scheme_is_located(official: Path, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    shutil.copytree(official / "lake-varen", folder)
    edit(folder / "events.yaml", "marking: SECRET//REL TO GBR, HUN", "marking: TLP:RED")
    result = run("validate", "-d", str(folder))
    assert result.exit_code == 1
    assert "events.yaml:" in result.output and "unknown marking level 'TLP:RED'" in result.output
