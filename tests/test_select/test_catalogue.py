from __future__ import annotations

from pathlib import Path

import pytest

from otsreport.errors import UsageError, UserError
from otsreport.load import read_profile
from otsreport.models import Dossier, SectionDef
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.select.catalogue import DOSSIER_SECTIONS, load_catalogue, resolve
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, put, put_profile


@pytest.fixture(scope="module")
def sample() -> Dossier:
    return load_dossier(sample_dossier_dir())


def resolved(folder: Path, dossier: Dossier, asked: tuple[str, ...] = ()) -> list[str]:
    profile, doc = read_profile(folder / "audience.yaml")
    entries = resolve(
        profile, folder / "audience.yaml", doc.line_of, load_catalogue(), dossier, asked
    )
    return [entry.spec.id for entry in entries]


def test_every_catalogue_section_has_a_title_a_description_and_a_template() -> None:
    catalogue = load_catalogue()
    assert {"summary", "timeline", "actors", "quotes", "sources"} <= set(catalogue)
    for entry in catalogue.values():
        spec = entry.spec
        assert spec.description, spec.id
        kind_template = builtin_templates_dir() / "sections" / f"{spec.kind}.html.j2"
        generic = builtin_templates_dir() / "sections" / "items.html.j2"
        assert kind_template.is_file() or generic.is_file(), spec.id


def test_a_user_catalogue_adds_and_replaces_sections(tmp_path: Path) -> None:
    put(
        tmp_path / "mine" / "sections.yaml",
        "- id: timeline\n  title: Chronology\n  kind: timeline\n"
        "- id: talks\n  title: Talks\n  kind: items\n  where: {kinds: [meeting]}\n",
    )
    catalogue = load_catalogue([tmp_path / "mine"])
    assert catalogue["timeline"].spec.title == "Chronology"
    assert catalogue["talks"].origin.endswith("sections.yaml")
    assert catalogue["summary"].origin == "built-in"


def test_a_broken_user_catalogue_names_file_and_line(tmp_path: Path) -> None:
    put(
        tmp_path / "mine" / "sections.yaml",
        "- id: talks\n  title: Talks\n  kind: items\n  whre: {kinds: [meeting]}\n"
        "- id: chart\n  title: Chart\n  kind: timeline\n  where: {records: [statement]}\n",
    )
    with pytest.raises(UserError) as caught:
        load_catalogue([tmp_path / "mine"])
    report = caught.value.report()
    assert "sections.yaml:4: talks: whre: unknown key" in report
    assert "sections.yaml:5: chart: a 'timeline' section cannot show statement; it shows event" in (
        report
    )


def test_dossier_sections_go_where_the_profile_says(tmp_path: Path, sample: Dossier) -> None:
    put_profile(tmp_path / "a", sections=f"[summary, {DOSSIER_SECTIONS}, sources]")
    assert resolved(tmp_path / "a", sample) == ["summary", "eu-relations", "sources"]
    other = load_dossier(OTHER_DOSSIER)
    assert resolved(tmp_path / "a", other) == ["summary", "fisheries", "sources"]


def test_inline_sections_and_names_resolve_in_order_each_once(
    tmp_path: Path, sample: Dossier
) -> None:
    put_profile(
        tmp_path / "a",
        sections="\n  - timeline\n  - id: power\n    title: Power\n    kind: items\n"
        "    where: {topics: [energy]}\n  - timeline\n",
    )
    assert resolved(tmp_path / "a", sample) == ["timeline", "power"]
    assert resolved(tmp_path / "a", sample, ("power", "summary")) == ["power", "summary"]


def test_an_unknown_topic_in_a_profile_names_the_file_line_and_a_near_name(
    tmp_path: Path, sample: Dossier
) -> None:
    put_profile(
        tmp_path / "a",
        sections="\n  - id: power\n    title: Power\n    kind: items\n"
        "    where: {topics: [enrgy]}\n",
    )
    with pytest.raises(UserError) as caught:
        resolved(tmp_path / "a", sample)
    [problem] = caught.value.problems
    assert problem.file == tmp_path / "a" / "audience.yaml" and problem.line == 7
    assert problem.field == "where.topics.0"
    assert "unknown topic 'enrgy'; did you mean 'energy'?" in problem.message


def test_unknown_names_are_usage_errors_on_the_command_line(
    tmp_path: Path, sample: Dossier
) -> None:
    put_profile(tmp_path / "a")
    with pytest.raises(UsageError, match="unknown section 'timline'; did you mean 'timeline'"):
        resolved(tmp_path / "a", sample, ("timline",))


def test_a_section_kind_refuses_records_it_cannot_lay_out() -> None:
    with pytest.raises(ValueError, match="cannot show actor"):
        SectionDef.model_validate(
            {"id": "q", "title": "Q", "kind": "quotes", "where": {"records": ["actor"]}}
        )
