"""The analyst's judgments: ICD 203 likelihood and confidence, tradecraft checks, the
executive decision paper and page budgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from otsreport.i18n import pick
from otsreport.models import Judgment
from otsreport.paths import builtin_templates_dir, sample_dossier_dir
from otsreport.tradecraft import SCALE, estimative_terms, mixed_sentences, wrong_band
from otsreport.validate import load_dossier

from .conftest import edit, put, run


def judgment(text: str, likelihood: str = "likely") -> Judgment:
    return Judgment.model_validate(
        {
            "id": "j",
            "text": text,
            "likelihood": likelihood,
            "confidence": {"level": "low", "reason": "r"},
            "basis": ["x"],
        }
    )


def test_the_sample_holds_judgments_with_likelihood_and_confidence() -> None:
    dossier = load_dossier(sample_dossier_dir())
    assert len(dossier.judgments) >= 3
    facts = {r.id for c in ("events", "positions", "statements") for r in getattr(dossier, c)}
    for item in dossier.judgments:
        assert item.likelihood in SCALE and item.confidence.level in ("low", "moderate", "high")
        assert set(item.basis) & facts, item.id  # each rests on facts


@pytest.mark.parametrize(
    ("text", "likelihood", "wrong"),
    [
        ("Almost certainly, Hungary keeps its seat.", "unlikely", True),
        ("Hungary will very likely keep its seat.", "very-likely", False),
        ("It is unlikely that the EU agrees.", "likely", True),
        ("An EU deal is unlikely soon.", "unlikely", False),
        ("Hungary keeps its seat.", "likely", False),
    ],
)
def test_words_must_say_the_declared_likelihood(text: str, likelihood: str, wrong: bool) -> None:
    assert (wrong_band(judgment(text, likelihood)) is not None) is wrong


def test_longer_phrases_win_over_their_parts() -> None:
    found = [band for _, band in estimative_terms("very likely, unlikely, likely")]
    assert found == ["very-likely", "unlikely", "likely"]


def test_confidence_and_likelihood_in_one_sentence_is_flagged() -> None:
    mixed = judgment("We are highly confident it is likely. It is likely.")
    assert mixed_sentences(mixed) == ["We are highly confident it is likely."]


def test_a_wrong_estimative_word_exits_1_naming_judgments_yaml(dossier_copy: Path) -> None:
    file = dossier_copy / "judgments.yaml"
    edit(file, "  text: Hungary will likely keep", "  text: Almost certainly, Hungary will keep")
    edit(file, "  likelihood: likely\n", "  likelihood: unlikely\n")
    result = run("validate", "-d", str(dossier_copy))
    assert result.exit_code == 1
    assert re.search(
        r"judgments\.yaml:\d+: hungary-speaks-for-baku-in-the-eu: text: says 'Almost certainly'",
        result.stderr,
    )


def test_an_unknown_basis_id_exits_1_naming_the_id(dossier_copy: Path) -> None:
    edit(
        dossier_copy / "judgments.yaml", "basis: [energy-cooperation,", "basis: [energy-coperation,"
    )
    result = run("validate", "-d", str(dossier_copy))
    assert result.exit_code == 1
    assert (
        "judgments.yaml" in result.stderr and "unknown record 'energy-coperation'" in result.stderr
    )
    assert "did you mean 'energy-cooperation'?" in result.stderr


def test_a_judgment_on_views_alone_and_mixed_terms_are_warnings(dossier_copy: Path) -> None:
    file = dossier_copy / "judgments.yaml"
    edit(
        file, "basis: [energy-cooperation, russia-ukraine-war]", "basis: [summits-show-commitment]"
    )
    edit(
        file,
        "  text: Gas and green-energy cooperation",
        "  text: We are confident that gas and green-energy cooperation",
    )
    result = run("validate", "-d", str(dossier_copy))
    assert result.exit_code == 0, result.output
    assert "energy-ties-grow: basis: rests only on assessments" in result.stderr
    assert "energy-ties-grow: text: mixes a confidence term and a likelihood term" in result.stderr


def test_the_executive_brief_is_a_two_page_decision_paper(sample_build: Path) -> None:
    reader = PdfReader(sample_build / "executive.pdf")
    assert len(reader.pages) <= 2
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    for words in (
        "Key judgments",
        "MODERATE CONFIDENCE",
        "LIKELY (55–80%)",
        "What it means for us",
        "What to watch",
        "Sources",
        "Perspective",
    ):
        assert words in text, words
    for item in load_dossier(sample_dossier_dir()).judgments:
        assert pick(item.text, "en")[:40] in text, item.id
    html = (sample_build / "executive.html").read_text(encoding="utf-8")
    assert "ICD 203" in html and html.count("ICD 203") == 1  # the scale explained once
    assert 'class="item assessment"' not in html  # the source's verbatim views are not the lead


def test_judgments_are_the_analysts_and_the_sources_views_stay_theirs(sample_build: Path) -> None:
    html = (sample_build / "research.html").read_text(encoding="utf-8")
    assert "Key judgment 1" in html and "Source article judges:" in html
    assert 'id="section-analyst-judgments"' in html and 'id="section-key-judgments"' in html


def test_a_page_budget_fails_the_build_unless_overflow_is_allowed(tmp_path: Path) -> None:
    research = (builtin_templates_dir() / "audiences" / "research" / "audience.yaml").read_text(
        encoding="utf-8"
    )
    put(tmp_path / "t" / "audiences" / "research" / "audience.yaml", research + "max_pages: 1\n")
    args = [
        "build",
        "-t",
        str(tmp_path / "t"),
        "-a",
        "research",
        "-f",
        "pdf",
        "-o",
        str(tmp_path / "o"),
    ]
    result = run(*args)
    assert result.exit_code == 1
    assert re.search(
        r"audience 'research': the PDF has \d+ pages, over its budget of 1", result.stderr
    )
    assert not (tmp_path / "o").exists()
    allowed = run(*args, "--allow-overflow")
    assert allowed.exit_code == 0, allowed.output
    assert "over its budget of 1" in allowed.stderr and (tmp_path / "o" / "research.pdf").exists()
