"""Property tests for what otsreport writes into a user's folder and what it reads from a
reference document: whatever the input, the result reads back as intended or the call raises
the user-error type, never anything else, and a refused rewrite leaves the file as it was."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otsreport.authoring.document import slug
from otsreport.authoring.fixing import fix_paragraphs
from otsreport.authoring.scaffold import new_dossier
from otsreport.authoring.sources import _appended, _fitted, _unused
from otsreport.errors import UserError
from otsreport.load import read_yaml
from otsreport.word.reference import clean_reference

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
RECORD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
WORDY = TEXT | st.sampled_from(["x" * 200, "Zoë's survey, 2026", "- [", "{a: b}", "&a *b", "#"])


@FUZZ
@given(title=WORDY, taken=st.sets(st.sampled_from(["source", "a", "x" * 76]), max_size=3))
def test_ids_made_from_any_title_are_valid_ids(title: str, taken: set[str]) -> None:
    made = _unused(_fitted(slug(title, 5)) or "source", taken)
    assert RECORD_ID.match(made) and len(made) <= 80 and made not in taken


ENTRY = st.fixed_dictionaries(
    {"id": st.from_regex(RECORD_ID, fullmatch=True).filter(lambda s: len(s) <= 80)},
    optional={"title": WORDY.filter(str.strip), "note": WORDY},
)


def render_listing(entries: list[dict[str, Any]], style: str, comment: str) -> str:
    """A sources.yaml in one of the styles analysts write."""
    comment = "# " + comment.replace("\n", " ").replace("\r", " ")
    if style == "flow":
        return comment + "\n" + yaml.safe_dump(entries, default_flow_style=True, width=60)
    if style == "empty":
        return comment + "\n[]  " + comment + "\n"
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False) if entries else "[]\n"
    if style == "indented" and entries:
        dumped = "".join("  " + line for line in dumped.splitlines(True))
    if style == "anchored" and entries:
        dumped = dumped.replace("- ", "- &first ", 1)
    return comment + "\n" + dumped + comment + "\n"


@FUZZ
@given(
    entries=st.lists(ENTRY, max_size=3),
    new=ENTRY,
    style=st.sampled_from(["block", "flow", "empty", "indented", "anchored"]),
    comment=TEXT,
)
def test_add_source_appends_or_refuses_never_breaks(
    entries: list[dict[str, Any]], new: dict[str, Any], style: str, comment: str
) -> None:
    if style == "empty":
        entries = []
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "sources.yaml"
        file.write_text(render_listing(entries, style, comment), encoding="utf-8")
        try:
            listing = read_yaml(file)
        except UserError:
            return  # an odd comment made a file the loader refuses: nothing to append to
        try:
            data = _appended(listing, new)
        except UserError as error:
            assert "yourself" in error.report()
            return
        assert yaml.safe_load(data.decode("utf-8")) == [*listing.value, new]


SOURCE_TEXT = [
    "The commission opened its spring survey season on Tuesday.",
    "The chair said the survey would settle the question.",
    "Both sides said they would accept the figures in June.",
]
CITATION_STYLES = ["flow", "block", "anchored-flow", "anchored-block", "anchor-apart"]


def events_text(styles: list[str], quotes: list[int]) -> str:
    """events.yaml with one event per style, each citing a sentence of SOURCE_TEXT."""
    out = ["# events"]
    for number, (style, quote) in enumerate(zip(styles, quotes, strict=False)):
        fields = f'source: lake, quote: "{SOURCE_TEXT[quote][4:30]}"'
        out += [f"- id: e{number}", "  date: 2026-03-03", "  kind: meeting"]
        out += [f"  title: E{number}", "  summary: S.", "  citations:"]
        if style == "flow":
            out.append(f"    - {{{fields}}}  # kept")
        elif style == "block":
            out += ["    - " + fields.replace(", ", "\n      ").replace("quote:", "quote:")]
        elif style == "anchored-flow":
            out.append(f"    - &c{number} {{{fields}}}")
            out.append(f"    - *c{number}")
        elif style == "anchored-block":
            out.append(f"    - &c{number}")
            out.append("      " + fields.replace(", ", "\n      "))
        else:
            out.append(f"    - &c{number}\n      {{{fields}}}")
    return "\n".join(out) + "\n"


@FUZZ
@given(
    styles=st.lists(st.sampled_from(CITATION_STYLES), min_size=1, max_size=4),
    quotes=st.lists(st.integers(0, 2), min_size=4, max_size=4),
)
def test_fix_writes_every_paragraph_or_leaves_the_file_untouched(
    styles: list[str], quotes: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dossier = Path(folder) / "d"
        new_dossier(dossier, "Lake")
        (dossier / "sources" / "lake.txt").write_text("\n\n".join(SOURCE_TEXT) + "\n")
        (dossier / "sources.yaml").write_text(
            "- {id: lake, title: Lake, language: en, text: sources/lake.txt}\n"
        )
        events = dossier / "events.yaml"
        events.write_text(events_text(styles, quotes), encoding="utf-8")
        before = events.read_bytes()
        try:
            fix_paragraphs(dossier)
        except UserError as error:
            assert "left unchanged" in error.report()
            assert events.read_bytes() == before
            return
        text = events.read_text(encoding="utf-8")
        assert text.startswith("# events")
        for event, quote in zip(yaml.safe_load(text), quotes, strict=False):
            for citation in event["citations"]:
                assert citation["paragraph"] == quote + 1, text


@FUZZ
@given(title=TEXT | st.sampled_from(["\udcff", "a\x00b", "\x85", "\u2028", "'" * 5]))
def test_new_dossier_writes_any_title_it_accepts_so_that_it_reads_back(title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            new_dossier(Path(folder) / "d", title)
        except UserError:
            return
        info = yaml.safe_load((Path(folder) / "d" / "dossier.yaml").read_text(encoding="utf-8"))
        assert info["title"] == (title or "D")


def _base_package() -> dict[str, bytes]:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("body")
    document.sections[0].header.paragraphs[0].text = "letterhead"
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BASE = _base_package()
XML_PARTS = sorted(name for name in BASE if name.endswith((".xml", ".rels")))
DAMAGE = st.sampled_from(
    [
        b"",
        b"<",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>',
        b"\xff\xfe<\x00x\x00/\x00>\x00",
        b"<x xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships' "
        b"r:id='rId999'/>",
    ]
) | st.binary(max_size=64)


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from(XML_PARTS) | st.sampled_from(["word/comments.xml", "../evil.xml"]),
        DAMAGE | st.builds(lambda n: BASE[n][: len(BASE[n]) // 2], st.sampled_from(XML_PARTS)),
        max_size=3,
    ),
    removed=st.sets(st.sampled_from(XML_PARTS), max_size=2),
)
def test_any_reference_package_is_cleaned_or_refused(
    changes: dict[str, bytes], removed: set[str]
) -> None:
    parts = {**BASE, **changes}
    for name in removed:
        parts.pop(name, None)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "reference.docx"
        with zipfile.ZipFile(file, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        try:
            clean = clean_reference(file)
        except UserError as error:
            assert str(file) in error.report()
            return
        document = docx.Document(io.BytesIO(clean))  # python-docx opens what is kept
        assert "body" not in [p.text for p in document.paragraphs]
    shutil.rmtree(folder, ignore_errors=True)


HEADLINE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Co", "Cn"]),
    min_size=1,
    max_size=80,
).map(lambda text: " ".join(text.split())).filter(bool) | st.sampled_from(
    ["Talks resume: a step, not a deal", '"Quoted," he said', "- a list?", "key: value # not"]
)


@FUZZ
@given(title=HEADLINE, flow=st.booleans())
def test_an_entry_is_written_so_that_it_reads_back_as_it_was(title: str, flow: bool) -> None:
    from otsreport.authoring.rewrite import rendered
    from otsreport.load.yamlfile import parse_text

    entry = {"id": "herald", "title": title, "language": "en", "text": "sources/herald.txt"}
    text = rendered(entry, flow=flow)
    listing = f"[{text.strip()}]\n" if flow else text
    assert parse_text(Path("sources.yaml"), listing) == [entry]
    if "," in title or ":" in title:  # safe to move between block and flow by hand
        assert 'title: "' in text
