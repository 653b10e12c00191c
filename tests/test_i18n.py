"""Briefs in Hungarian, Azerbaijani and Turkish: complete catalogs, localised PDFs, fallbacks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pydantic import TypeAdapter, ValidationError
from pypdf import PdfReader

from otsreport.build import BuildOptions, build
from otsreport.i18n import LOCALE_DIR, pick
from otsreport.models import Translatable
from otsreport.typography import marks_for

from .conftest import REPO, run

LANGUAGES = ("hu", "az", "tr")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
}


def _source_messages() -> set[tuple[str | None, str]]:
    """Every label the code and templates ask for: (context, message id)."""
    found: set[tuple[str | None, str]] = set()
    method_map = [
        ("src/**.py", "python"),
        ("templates/**.j2", "jinja2"),
        ("src/otsreport/vocabulary.yaml", "otsreport.vocabulary:extract_messages"),
    ]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    for _, _, message, _, context in extract_from_dir(
        str(REPO), method_map, options, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.add((context, msgid))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_is_translated(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "otsreport.po").open("rb") as stream:
        catalog = read_po(stream)
    translated = {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(msgid for context, msgid in _source_messages() - translated)
    workflow = "run the catalog workflow (docs/guide/briefs.md)"
    assert missing == [], f"untranslated in {language}.po: {workflow}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_are_current(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / "otsreport.po").open("rb") as stream:
        catalog = read_po(stream)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert (folder / "otsreport.mo").read_bytes() == compiled.getvalue(), (
        f"{language}: run `pybabel compile -d src/otsreport/locale -D otsreport`"
    )


EXPECTED = {
    # language: words the executive PDF must show (labels, month name, translated data)
    "hu": [
        "Célközönség",
        "Dátum",
        "Kezelés",
        "2026. november 27.",
        "A lényeg röviden",
        "Vezetői tájékoztató",
        "Azerbajdzsán és Magyarország a Türk Államok Szervezetében",
        "oldal / 2",
    ],
    "az": [
        "Auditoriya",
        "Tarix",
        "27 noyabr 2026",
        "Əsas nəticə",
        "Rəhbərlik üçün arayış",
        "Türk Dövlətləri Təşkilatında Azərbaycan və Macarıstan",
        "ƏSAS QİYMƏTLƏNDİRMƏ 1",  # uppercased the Azerbaijani way: i -> İ
        "Səhifə 1 / 2",
    ],
    "tr": [
        "Hedef kitle",
        "Tarih",
        "27 Kasım 2026",
        "Özet sonuç",
        "Yönetici brifingi",
        "Türk Devletleri Teşkilatı’nda Azerbaycan ve Macaristan",
        "TEMEL DEĞERLENDİRME 1",  # uppercased the Turkish way: i -> İ
        "Sayfa 1 / 2",
    ],
}


UNTRANSLATED = {"en": "", "hu": "fordítatlan", "az": "tərcümə olunmayıb", "tr": "çevrilmedi"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_in_the_readers_language(language: str, tmp_path: Path) -> None:
    result = build(BuildOptions(audiences=["executive"], out=tmp_path, lang=language))
    assert sorted(o.path.name for o in result.outputs) == [
        f"executive.{language}.edition.json",
        f"executive.{language}.html",
        f"executive.{language}.pdf",
    ]
    reader = PdfReader(tmp_path / f"executive.{language}.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in EXPECTED[language]:
        assert words in text, (language, words)
    assert reader.trailer["/Root"]["/Lang"] == language
    html = (tmp_path / f"executive.{language}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in html
    # Untranslated data falls back to English rather than disappearing, marked as English.
    marks = marks_for(language)
    assert (
        f'lang="en" title="{UNTRANSLATED[language]}">{marks.start}Azerbaijan and Hungary have built'
        in html
    )


def test_translations_need_an_english_fallback() -> None:
    adapter: TypeAdapter[object] = TypeAdapter(Translatable)
    assert adapter.validate_python({"en": "Hungary", "hu": "Magyarország"})
    with pytest.raises(ValidationError, match="needs an 'en' entry"):
        adapter.validate_python({"hu": "Magyarország"})
    assert pick({"en": "Hungary", "hu": "Magyarország"}, "tr") == "Hungary"
    assert pick("Hungary", "hu") == "Hungary"


def test_validate_lists_missing_translations_as_warnings() -> None:
    result = run("validate", "--lang", "hu")
    assert result.exit_code == 0
    assert "dossier.yaml: azerbaijan-hungary-ots: summary: no 'hu' translation" in result.stderr
    assert "events.yaml: orban-visit-2010: title: no 'hu' translation" in result.stderr
    assert "actors.yaml: hungary: name" not in result.stderr  # translated in the sample
    assert "texts have no 'hu' translation" in result.output


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", "--lang", "de", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "'de' is not one of" in result.output


def test_the_cli_offers_exactly_the_languages_with_catalogs() -> None:
    from otsreport.cli import cli
    from otsreport.i18n import LANGUAGES

    for command in ("build", "validate", "serve"):
        option = next(p for p in cli.commands[command].params if p.name == "lang")
        assert list(option.type.choices) == list(LANGUAGES)  # type: ignore[attr-defined]
    for language in LANGUAGES:
        if language != "en":
            assert (LOCALE_DIR / language / "LC_MESSAGES" / "otsreport.mo").is_file()
