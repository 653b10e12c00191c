"""The release cut, attacked: withheld fields, records resting on withheld ones, sources cited
only by withheld readings, sections over withheld topics, grades, templates that try to
attach the dossier. Every brief is read back with the release check and by hand."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from otsreport.check.files import check_file
from otsreport.markings import builtin
from otsreport.release import release
from otsreport.validate import load_dossier

from .conftest import OTHER_DOSSIER, edit, put, run

TLP = builtin()
RED_CONTEXT = "Whispered to the envoy in the boathouse after midnight."
RED_NOTE = "The quartermaster of the lake patrol kept the ledger."
RED_POINT = "Marran's boathouse talks decided the accord."
RED_EVENT_SUMMARY = "A midnight meeting in the boathouse of the lake patrol."


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lake Varen with RED fields, a RED event, a key point resting on it, a RED topic with
    a dossier section over it, and a RED title."""
    folder = tmp_path_factory.mktemp("hostile") / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "statements.yaml",
        "  context: Said as Valdoria took the commission's chair.\n",
        f"  context: {RED_CONTEXT}\n  field_markings: {{context: TLP:RED}}\n",
    )
    edit(
        folder / "events.yaml",
        "- id: fisheries-conference-2025\n",
        f"- id: fisheries-conference-2025\n  marking: TLP:RED\n  note: {RED_NOTE}\n",
    )
    edit(
        folder / "events.yaml",
        "  summary: Valdoria takes over the rotating chair of the Varen Basin Commission.\n",
        "  summary: Valdoria takes over the rotating chair of the Varen Basin Commission.\n"
        f"  note: {RED_NOTE}\n  field_markings: {{note: TLP:RED}}\n",
    )
    edit(
        folder / "dossier.yaml",
        "    refs: [accord-2024]\n",
        f"    refs: [accord-2024]\n  - text: {RED_POINT}\n"
        "    refs: [accord-2024, fisheries-conference-2025]\n    marking: TLP:CLEAR\n",
    )
    edit(folder / "topics.yaml", "  name: Fisheries\n", "  name: Fisheries\n  marking: TLP:RED\n")
    edit(
        folder / "dossier.yaml",
        "title: The Lake Varen accord\n",
        "title: Rules for TLP:RED material\n",
    )
    return folder


@pytest.fixture(scope="module")
def hostile_build(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-out")
    result = run(
        "build", "-d", str(hostile), "-a", "press", "-a", "research", "-f", "html", "-f", "pdf",
        "-f", "docx", "--pdf-variant", "archive", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _everything(brief: Path) -> str:
    """Every byte of text a brief carries that a reader could get at, decoded."""
    data = brief.read_bytes()
    if brief.suffix == ".pdf":
        with pikepdf.open(io.BytesIO(data)) as pdf:
            texts = [str(pdf.open_metadata())]
            texts += [str(v) for v in pdf.docinfo.values()]
            texts += [a.get_file().read_bytes().decode() for a in pdf.attachments.values()]
        from otsreport.check import read_brief

        texts += [t for ts in read_brief(data).channels.values() for t in ts]
        return "\n".join(texts)
    if brief.suffix == ".docx":
        import zipfile

        with zipfile.ZipFile(brief) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode()


def test_a_withheld_field_does_not_raise_the_banner(hostile_build: Path) -> None:
    for suffix in ("html", "pdf", "docx"):
        brief = hostile_build / f"press.{suffix}"
        report = check_file(brief).report
        assert report.banner == "TLP:CLEAR" and report.clean, (suffix, report.findings)
    html = (hostile_build / "press.html").read_text(encoding="utf-8")
    assert '<meta name="otsreport-marking" content="TLP:CLEAR">' in html


@pytest.mark.parametrize("suffix", ["html", "pdf", "docx"])
def test_no_withheld_text_in_any_channel(hostile_build: Path, suffix: str) -> None:
    press = _everything(hostile_build / f"press.{suffix}")
    research = _everything(hostile_build / f"research.{suffix}")
    for text in (RED_CONTEXT, RED_NOTE, RED_POINT):
        assert text not in press, text
        assert text not in research, text
    assert "The lake does not know where our border runs." in press  # the statement stays


def test_a_key_point_resting_on_a_withheld_record_is_withheld_not_trimmed(hostile: Path) -> None:
    cut = release(load_dossier(hostile), "TLP:AMBER")
    texts = [str(p.text) for p in cut.dossier.info.key_points]
    assert RED_POINT not in texts and len(texts) == 1
    assert any(w.kind == "key point" and "fisheries-conference" in w.why for w in cut.withheld)


def test_a_section_over_a_withheld_topic_is_not_printed(hostile_build: Path) -> None:
    research = (hostile_build / "research.html").read_text(encoding="utf-8")
    assert ">Fisheries<" not in research and "Everything about fish" not in research


def test_the_brief_says_how_many_records_were_withheld(hostile_build: Path) -> None:
    import re

    press = (hostile_build / "press.html").read_text(encoding="utf-8")
    found = re.search(r'class="withheld">(\d+) records', press)
    assert found is not None and int(found.group(1)) >= 3


def test_grades_are_views_and_stay_out_of_a_clear_brief(hostile_build: Path) -> None:
    press = (hostile_build / "press.html").read_text(encoding="utf-8")
    research = (hostile_build / "research.html").read_text(encoding="utf-8")
    assert "grade B2" in research and "B2" not in press and "C6" not in press


def test_a_source_cited_only_by_a_withheld_reading_prints_none_of_it(tmp_path: Path) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "events.yaml",
        "- id: accord-2024\n",
        "- id: accord-2024\n  marking: TLP:RED\n",
    )
    dossier = load_dossier(folder)
    daily = next(
        s for s in release(dossier, "TLP:AMBER").dossier.sources if s.id == "kestria-daily"
    )
    assert daily.paragraphs is not None
    assert "4 March 2024" not in " ".join(daily.paragraphs)  # only the RED event's reading
    assert "belongs to those who live on its shores" in daily.paragraphs[3]


def test_an_assessment_held_by_a_withheld_actor_is_withheld_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "assessments.yaml",
        "  wording: It expects water levels to recover slowly over the next ten years.\n",
        "  wording: It expects water levels to recover slowly over the next ten years.\n"
        "  holder: {actor: ilse-marran}\n",
    )
    edit(folder / "actors.yaml", "- id: ilse-marran\n", "- id: ilse-marran\n  marking: TLP:RED\n")
    result = run(
        "build", "-d", str(folder), "-a", "research", "-f", "html", "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / "research.html").read_text(encoding="utf-8")
    assert "Ilse Marran" not in html and "recover slowly" not in html.split("source-text")[0]


def test_a_template_cannot_attach_or_load_dossier_files(tmp_path: Path) -> None:
    events = (OTHER_DOSSIER / "events.yaml").resolve()
    put(
        tmp_path / "t" / "base.html.j2",
        '{% extends "default:base.html.j2" %}{% block head %}{{ super() }}'
        f'<link rel="attachment" href="file://{events}" title="events">'
        "{% endblock %}{% block footer %}{{ super() }}"
        f'<a rel="attachment" href="file://{events}">events</a><img src="file://{events}" alt="">'
        "{% endblock %}",
    )
    out = tmp_path / "o"
    result = run(
        "build", "-d", str(OTHER_DOSSIER), "-t", str(tmp_path / "t"), "-a", "press", "-f", "pdf",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / "press.pdf") as pdf:
        assert len(pdf.attachments) == 0
        annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
        assert not [a for a in annotations if a.get("/Subtype") == "/FileAttachment"]
    assert "valdoria-chairs-commission" not in (out / "press.pdf").read_bytes().decode("latin-1")


def test_the_archive_carries_the_dossier_cut_to_the_banner_only(hostile_build: Path) -> None:
    with pikepdf.open(hostile_build / "press.pdf") as pdf:
        data = json.loads(pdf.attachments["dossier.json"].get_file().read_bytes())
    assert data["info"]["title"] == "Rules for TLP:RED material"  # a decoy, CLEAR itself
    assert all(e["marking"] == "TLP:CLEAR" for e in data["events"])
    assert "fisheries-conference-2025" not in {e["id"] for e in data["events"]}


def test_every_banner_stays_within_its_ceiling(hostile: Path, tmp_path: Path) -> None:
    dossier = load_dossier(hostile)
    for ceiling in ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT"):
        cut = release(dossier, ceiling).dossier
        markings = [r.marking for c in ("events", "actors", "statements") for r in getattr(cut, c)]
        markings += [
            m
            for c in ("events", "statements")
            for r in getattr(cut, c)
            for m in r.field_markings.values()
        ]
        assert TLP.releasable(TLP.combine(markings), ceiling), ceiling


def test_the_dossiers_own_words_go_with_its_title(tmp_path: Path) -> None:
    """Section titles and leads, event-kind labels and stance verbs are the dossier's own
    text: withheld with its title, and never in a brief below it."""
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(folder / "dossier.yaml", "as_of: 2026-01-15\n", "as_of: 2026-01-15\nmarking: TLP:RED\n")
    edit(folder / "dossier.yaml", "    plural: commend\n", "    plural: quietly bankroll\n")
    edit(
        folder / "dossier.yaml", "    title: Fisheries\n", "    title: Nightjar informant network\n"
    )
    edit(folder / "dossier.yaml", "label: {en: Chairmanship", "label: {en: Covert chairmanship")
    out = tmp_path / "o"
    result = run("build", "-d", str(folder), "-a", "press", "-a", "research", "-o", str(out))
    assert result.exit_code == 0, result.output
    for brief in out.glob("*.*"):
        if brief.suffix in (".html", ".pdf"):
            text = _everything(brief)
            for secret in ("quietly bankroll", "Nightjar informant", "Covert chairmanship"):
                assert secret not in text, (brief.name, secret)


def test_a_record_filed_under_a_higher_topic_raises_the_banner_not_the_alarm(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(folder / "topics.yaml", "  name: Fisheries\n", "  name: Fisheries\n  marking: TLP:GREEN\n")
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        "as_of: 2026-01-15\nmarkings: {assessments: TLP:CLEAR, summary: TLP:CLEAR, "
        "key_points: TLP:CLEAR, sources.perspective: TLP:CLEAR, sources.reliability: TLP:CLEAR, "
        "sources.credibility: TLP:CLEAR}\n",
    )
    put(
        tmp_path / "t" / "audiences" / "green" / "audience.yaml",
        "title: Green\ndescription: d\nsections: [positions, quotes]\nmarking: TLP:GREEN\n"
        "citations: footnotes\nlocale: en_GB\n",
    )
    out = tmp_path / "o"
    result = run(
        "build", "-d", str(folder), "-t", str(tmp_path / "t"), "-a", "green", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    html = (out / "green.html").read_text(encoding="utf-8")
    assert 'name="otsreport-marking" content="TLP:GREEN"' in html
    assert "a joint fisheries quota" in html


def test_the_analyst_can_list_what_was_withheld_and_why(hostile: Path) -> None:
    result = run("withheld", "-a", "press", "-d", str(hostile))
    assert result.exit_code == 0, result.output
    assert "fisheries-conference-2025" in result.output and "marked TLP:RED" in result.output
    assert "depends on 'fisheries-conference-2025'" in result.output
    assert "withheld above TLP:CLEAR for audience 'press'" in result.output


def _all_clear(folder: Path, extra: str = "", *, grades: bool = True) -> None:
    """Every default CLEAR (the sources' credibility too, with ``grades``), so one field or
    actor alone decides the banner."""
    keys = ["assessments", "summary", "key_points", "sources.perspective", "sources.reliability"]
    defaults = ", ".join(f"{k}: TLP:CLEAR" for k in keys + ["sources.credibility"] * grades)
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        f"as_of: 2026-01-15\nmarkings: {{{defaults}}}\n{extra}",
    )


def _amber_audience(root: Path, sections: str, citations: str = "none") -> Path:
    put(
        root / "t" / "audiences" / "amb" / "audience.yaml",
        f"title: Amb\ndescription: d\nsections: {sections}\nmarking: TLP:AMBER\n"
        f"citations: {citations}\nlocale: en_GB\n",
    )
    return root / "t"


@pytest.mark.parametrize("case", ["speaker role", "place's country", "citation grade"])
def test_what_prints_beside_a_record_counts_in_the_banner(tmp_path: Path, case: str) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    _all_clear(folder, grades=case != "citation grade")
    if case == "speaker role":
        edit(
            folder / "actors.yaml",
            "  roles: [Foreign Minister of Valdoria]\n",
            "  roles: [Informant]\n  field_markings: {roles: TLP:AMBER}\n",
        )
        templates, shown = _amber_audience(tmp_path, "[quotes]"), "Informant"
    elif case == "place's country":
        edit(folder / "actors.yaml", "  located_in: valdoria\n", "  located_in: isle-osk\n")
        isle = "- id: isle-osk\n  kind: place\n  name: Isle of Osk\n  marking: TLP:AMBER\n"
        cite = '    - {source: varen-gazette, paragraph: 1, quote: "in Port Elm"}\n'
        put(
            folder / "actors.yaml",
            (folder / "actors.yaml").read_text() + isle + "  citations:\n" + cite,
        )
        templates, shown = _amber_audience(tmp_path, "[timeline]"), "Port Elm, Isle of Osk"
    else:
        edit(folder / "sources.yaml", "  credibility: 2\n", "")
        templates, shown = _amber_audience(tmp_path, "[timeline]", "inline"), "C3"
    out = tmp_path / "o"
    result = run(
        "build", "-d", str(folder), "-t", str(templates), "-a", "amb", "-f", "html", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    html = (out / "amb.html").read_text(encoding="utf-8")
    assert shown in html and 'name="otsreport-marking" content="TLP:AMBER"' in html


def test_words_the_dossier_declares_only_for_withheld_records_go_with_them(tmp_path: Path) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "events.yaml",
        "  kind: chairmanship\n",
        "  kind: chairmanship\n  marking: TLP:RED\n",
    )
    cut = release(load_dossier(folder), "TLP:AMBER").dossier
    assert cut.info.vocabulary.event_kinds == [] and "Elnökség" not in cut.model_dump_json()


def test_names_that_are_common_words_raise_no_false_alarm(tmp_path: Path) -> None:
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(folder / "topics.yaml", "- id: fisheries\n", "- id: fisheries\n  marking: TLP:RED\n")
    edit(folder / "topics.yaml", "  name: Fisheries\n", "  name: Media\n")
    edit(
        folder / "actors.yaml",
        "aliases: [I. Marran]",
        "aliases: [Timeline, Organization]\n  marking: TLP:RED",
    )
    out = tmp_path / "o"
    result = run(
        "build", "-d", str(folder), "-a", "press", "-a", "executive", "-f", "html", "-f", "pdf",
        "-f", "docx", "--pdf-variant", "archive", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_portion_marks_open_the_bottom_line_sources_and_word_rows(
    sample_build: Path, tmp_path: Path
) -> None:
    import docx

    research = (sample_build / "research.html").read_text(encoding="utf-8")
    assert '<p class="lead bluf"><span class="portion"' in research
    assert '<article class="source" id="source-' in research
    assert research.count('<h3><span class="portion"') >= 1
    assert run("build", "-a", "research", "-f", "docx", "-o", str(tmp_path)).exit_code == 0
    document = docx.Document(str(tmp_path / "research.docx"))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows[1:]]
    items = [cells for cells in rows if cells[0] != cells[1]]  # not a group's title row
    assert items and all(any(c.startswith("(") for c in cells[:2]) for cells in items)


GRADES_CLEAR = "sources.perspective: TLP:CLEAR, sources.reliability: TLP:CLEAR, " + (
    "sources.credibility: TLP:CLEAR"
)


def lake_with_markings(tmp_path: Path, markings: str) -> Path:
    """A copy of lake-varen with dossier-wide default ``markings`` ('kind: MARKING, ...')."""
    folder = tmp_path / "lake-varen"
    shutil.copytree(OTHER_DOSSIER, folder)
    edit(
        folder / "dossier.yaml",
        "as_of: 2026-01-15\n",
        f"as_of: 2026-01-15\nmarkings: {{{markings}}}\n",
    )
    return folder


def built_text(folder: Path, out: Path, *args: str) -> str:
    """The text brief built from ``folder`` with ``args`` (one audience, named x)."""
    result = run("build", "-d", str(folder), "--name", "x", "-f", "txt", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return (out / "x.txt").read_text(encoding="utf-8")


def test_an_actor_heading_a_group_counts_for_the_banner(tmp_path: Path) -> None:
    """An actor named only in assessments' `about` (which does not mark them) heads a group
    when a section groups by actor: the brief is marked at least as the actor is."""
    folder = lake_with_markings(tmp_path, f"assessments: TLP:CLEAR, {GRADES_CLEAR}")
    put(
        folder / "dossier.yaml",
        (folder / "dossier.yaml").read_text(encoding="utf-8")
        + "  - {id: by-actor, title: Views by actor, kind: items, where: {kinds: [forecast]},"
        " group_by: actor}\n",
    )
    put(
        folder / "actors.yaml",
        (folder / "actors.yaml").read_text(encoding="utf-8")
        + "- id: amber-bureau\n  kind: organization\n  name: Zqamber Bureau\n"
        "  marking: TLP:AMBER\n  citations:\n    - {source: varen-gazette, paragraph: 2, "
        'quote: "the Varen Basin Commission"}\n',
    )
    edit(
        folder / "assessments.yaml",
        "  kind: forecast\n",
        "  kind: forecast\n  about: [amber-bureau]\n",
    )
    text = built_text(folder, tmp_path / "o", "-a", "diplomatic", "-s", "by-actor")
    assert "Zqamber Bureau" in text and text.splitlines()[0] == "TLP:AMBER"


def test_printed_source_text_is_marked_as_the_records_that_release_it(tmp_path: Path) -> None:
    """A source's paragraphs are in the cut because released records quote them: a brief
    printing them is marked at least as the lowest marked record quoting each, not as its
    items alone (AMBER assessments quote the CLEAR source here)."""
    folder = lake_with_markings(tmp_path, GRADES_CLEAR)
    text = built_text(folder, tmp_path / "o", "-a", "research", "-s", "timeline,sources")
    assert "recover slowly" in text and text.splitlines()[0] == "TLP:AMBER"
