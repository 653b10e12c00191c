"""The translator's round trip and the language integrity of briefs: export the dossier's
untranslated texts as PO, fill every entry, import, and a Hungarian brief quotes nothing in
English; the issuer named by the dossier heads the brief."""

from __future__ import annotations

import base64
import io
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po, write_po

from otsreport.i18n import article
from otsreport.paths import sample_dossier_dir

from .conftest import put_profile, run

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


ENGLISH_FUNCTION_WORDS = {"the", "and", "of", "see", "in", "on", "with", "to", "Withheld"}


def own_text(html: str, language: str = "hu", *, verbatim: bool = True) -> str:
    """The body's text less every element marked as in another language, and (``verbatim``)
    every verbatim quotation of a source (quotes, notes, source texts) even if unmarked."""
    body = lxml.html.fromstring(html).body
    dropped = [f".//*[@lang][not(starts-with(@lang, '{language}'))]", ".//style", ".//script"]
    if verbatim:
        dropped += [
            ".//blockquote",
            ".//*[contains(@class, 'footnote')]",
            ".//ol[contains(@class, 'source-text')]",
            ".//section[@id='section-notes']",
        ]
    for element in body.xpath("|".join(dropped)):
        if element.getparent() is not None:
            element.drop_tree()
    return str(body.text_content())


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "dossier"
    shutil.copytree(sample_dossier_dir(), folder)
    return folder


def _fill(po_file: Path) -> int:
    with po_file.open("rb") as stream:
        catalog = read_po(stream)
    filled = 0
    for message in catalog:
        if message.id:
            message.string = f"Fordított szöveg {filled} a dossziéban"
            filled += 1
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    po_file.write_bytes(buffer.getvalue())
    return filled


def test_export_names_each_text_by_record_field_and_line(dossier: Path, tmp_path: Path) -> None:
    po_file = tmp_path / "hu.po"
    result = run("translate", "export", "-l", "hu", "-o", str(po_file), "-d", str(dossier))
    assert result.exit_code == 0, result.output
    with po_file.open("rb") as stream:
        catalog = read_po(stream)
    assert str(catalog.locale) == "hu"
    entries = {m.context: m for m in catalog if m.id}
    assert len(entries) > 50
    summary = entries["azerbaijan-hungary-ots:summary"]
    assert summary.locations == [("dossier.yaml", 36)]
    assert str(summary.id).startswith("Azerbaijan and Hungary have built")
    # Nested fields are named by their path, and already translated texts are not there.
    assert any(c.endswith(":indicators.0.text") for c in entries)
    assert not any(c.startswith("hungary:name") for c in entries)


def test_round_trip_gives_a_brief_with_no_english_record_text(
    dossier: Path, tmp_path: Path
) -> None:
    po_file = tmp_path / "hu.po"
    run("translate", "export", "-l", "hu", "-o", str(po_file), "-d", str(dossier))
    before = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    filled = _fill(po_file)
    result = run("translate", "import", str(po_file), "-d", str(dossier))
    assert result.exit_code == 0, result.output
    assert f"{filled} translations imported" in result.output
    after = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    # Comments and the other languages' text stay as written; a block scalar stays one.
    for line in before.splitlines():
        if line.lstrip().startswith("#") or "hu: " in line:
            assert line in after
    assert "  en: >-\n    Azerbaijan and Hungary have built" in after
    again = run("translate", "export", "-l", "hu", "-d", str(dossier))
    assert "msgctxt" not in again.stdout
    out = tmp_path / "out"
    built = run(
        "build", "-d", str(dossier), "-l", "hu", "-f", "html", "-o", str(out),
        "--require-translation",
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    for name in ("press", "executive", "diplomatic", "research"):
        html = (out / f"{name}.hu.html").read_text(encoding="utf-8")
        assert 'class="untranslated"' not in html
        assert "Fordított szöveg" in html
        assert "Fordítási lefedettség: az itt közölt dossziészöveg szavainak 100%-a" in html
        assert "translation coverage" not in built.stderr  # every brief at 100%: no warning
        # Generated text is Hungarian too: outside what is marked as another language (the
        # source's verbatim words), no English word is left.
        words = set(re.findall(r"\w+", own_text(html, verbatim=False)))
        assert not words & ENGLISH_FUNCTION_WORDS, (name, words & ENGLISH_FUNCTION_WORDS)


def test_require_translation_names_the_untranslated_records(tmp_path: Path) -> None:
    result = run(
        "build", "-l", "hu", "-a", "press", "-f", "html", "-o", str(tmp_path),
        "--require-translation",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "events.yaml: orban-visit-2010: title: no 'hu' translation (brief 'press')" in (
        result.stderr
    )
    assert not list(tmp_path.glob("*.html"))


def test_untranslated_text_is_a_marked_quotation_and_coverage_is_told(tmp_path: Path) -> None:
    result = run("build", "-l", "hu", "-a", "press", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert re.search(
        r"press: translation coverage \d+% \(\d+ of \d+ words in 'hu'\)", result.stderr
    )
    html = (tmp_path / "press.hu.html").read_text(encoding="utf-8")
    assert (
        '<span class="untranslated" lang="en" title="fordítatlan">„Orbán visits Azerbaijan”</span>'
        '<sup class="untranslated-cue" title="fordítatlan">[EN]</sup>'
    ) in html
    # A position whose subject is untranslated is told whole in English, one marked
    # quotation, not spliced into a Hungarian frame.
    assert "Magyarország támogatja" not in html and "– támogatja –" not in html
    assert (
        '<span class="untranslated" lang="en" title="fordítatlan">„Hungary supports '
        "Azerbaijan’s territorial integrity, openly”</span>"
    ) in html
    # A name the dossier does not translate is printed as a name: marked with its
    # language, but neither quoted nor cued as untranslated.
    assert '<span lang="en">Viktor Orbán</span>' in html
    assert "„Viktor Orbán”" not in html
    # Page references in Hungarian order: '3. o.', not 'o. 3'.
    assert 'data-page-label="" data-page-suffix=".\u00a0o."' in html
    assert "Fordítási lefedettség:" in html


def test_hungarian_article_follows_the_word() -> None:
    cases = {"1.": "az", "2.": "a", "5": "az", "10": "a", "1000": "az", "50": "az"}
    cases |= {"EU": "az", "NATO": "a", "MSZP": "az", "Magyarország": "a", "Európa": "az"}
    for word, expected in cases.items():
        assert article("hu", word) == expected, word
    assert article("en", "1") == ""


def test_the_issuer_heads_the_brief_and_its_metadata(dossier: Path, tmp_path: Path) -> None:
    (dossier / "logo.png").write_bytes(PNG)
    info = dossier / "dossier.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace(
            "language: en\n",
            "language: en\nissuer:\n"
            "  organisation: {en: Office of Lake Affairs, hu: Tóügyi Hivatal}\n"
            "  unit: Analysis Desk\n  reference: OLA-2026-017\n  logo: logo.png\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(
        "build", "-d", str(dossier), "-a", "press", "-f", "html", "-f", "docx", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    html = (out / "press.html").read_text(encoding="utf-8")
    assert (
        '<p class="organisation">Office of Lake Affairs<span class="unit">Analysis Desk</span>'
        in html
    )
    assert '<meta name="author" content="Office of Lake Affairs">' in html
    assert "OLA-2026-017" in html and 'src="data:image/png;base64,' in html
    import docx

    properties = docx.Document(str(out / "press.docx")).core_properties
    assert properties.author == "Office of Lake Affairs"
    assert properties.comments == "OLA-2026-017"
    hungarian = run(
        "build", "-d", str(dossier), "-a", "press", "-f", "html", "-l", "hu", "-o", str(out)
    )
    assert hungarian.exit_code == 0
    assert "Tóügyi Hivatal" in (out / "press.hu.html").read_text(encoding="utf-8")


def test_an_issuer_logo_outside_the_dossier_is_refused(dossier: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.png").write_bytes(PNG)
    info = dossier / "dossier.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace(
            "language: en\n",
            "language: en\nissuer: {organisation: Office, logo: ../elsewhere.png}\n",
        ),
        encoding="utf-8",
    )
    result = run(
        "build", "-d", str(dossier), "-a", "press", "-f", "html", "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 1
    assert "issuer.logo" in result.stderr and "outside the folder" in result.stderr


def test_the_issuer_goes_with_the_title_through_the_cut(dossier: Path, tmp_path: Path) -> None:
    info = dossier / "dossier.yaml"
    info.write_text(
        info.read_text(encoding="utf-8")
        .replace("language: en\n", "language: en\nissuer: {organisation: Secret Office}\n")
        .replace("marking: TLP:CLEAR\n", "marking: TLP:AMBER\n", 1),
        encoding="utf-8",
    )
    result = run("build", "-d", str(dossier), "-a", "press", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Secret Office" not in (tmp_path / "press.html").read_text(encoding="utf-8")


SPELLINGS = [("en_US", "judgment", "judgement"), ("en_GB", "judgment", "judgement")]


@pytest.mark.parametrize(("locale", "wanted", "unwanted"), SPELLINGS)
def test_one_english_spelling_per_locale(
    tmp_path: Path, locale: str, wanted: str, unwanted: str
) -> None:
    templates = tmp_path / "templates"
    put_profile(
        templates / "audiences" / "decision",
        "[summary, analyst-judgments, indicators, sources]",
        "max_pages: 9\n",
    )
    profile = templates / "audiences" / "decision" / "audience.yaml"
    profile.write_text(profile.read_text().replace("en_GB", locale), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "-t", str(templates), "-a", "decision", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = (out / "decision.html").read_text(encoding="utf-8")
    text = own_text(html, "en")  # the brief's own text: quotations left out
    assert wanted in text.lower()
    assert unwanted not in text.lower()
    assert "Organization of Turkic States" in text  # a name is left as written
    assert "sources'" not in text  # labels' apostrophes are typeset


def test_the_colophon_claims_citations_only_where_they_are_printed(tmp_path: Path) -> None:
    result = run("build", "-a", "executive", "-a", "research", "-f", "html", "-o", str(tmp_path))
    assert result.exit_code == 0
    executive = (tmp_path / "executive.html").read_text(encoding="utf-8")
    research = (tmp_path / "research.html").read_text(encoding="utf-8")
    claim = "Every fact in this brief cites the sentence of the source it comes from"
    assert claim not in executive and "This brief does not print its citations" in executive
    assert claim in research
