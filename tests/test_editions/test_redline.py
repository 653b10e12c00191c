"""``-f docx --since OLD`` also writes ``AUDIENCE.redline.docx``: the Word brief with what
changed as Word's own tracked changes, by the issuer, dated with the build's stamp, and
nothing in a deletion that its reader may not see."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from lxml import etree

from ..conftest import put_profile, run
from .editions import EDITED_SUMMARY, editions
from .test_build_since import HIDDEN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EARLIER_SUMMARY = "Valdoria takes over the rotating chair of the Varen Basin Commission."
ISSUER = "Ministry of Examples (fictional)"


def _build(tmp_path: Path, *args: str) -> Path:
    old, new = editions(tmp_path)
    out = tmp_path / "out"
    given = ("-d", str(new), "--since", str(old), "-o", str(out), "-f", "docx", "-q", *args)
    result = run("build", *given)
    assert result.exit_code == 0, result.output
    return out


def _revisions(file: Path) -> list[tuple[str, str, str, str]]:
    """(w:ins or w:del, author, date, text) of every tracked change in the body."""
    with zipfile.ZipFile(file) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [
        (
            change.tag.removeprefix(W),
            change.get(f"{W}author", ""),
            change.get(f"{W}date", ""),
            "".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText")),
        )
        for change in root.iter(f"{W}ins", f"{W}del")
    ]


def test_changed_words_are_tracked_changes_by_the_issuer(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "audiences" / "desk"
    theme = f"theme:\n  organisation: {ISSUER}\n"
    put_profile(mine, sections="[summary, key-judgments]", extra=theme)
    out = _build(tmp_path, "-a", "desk", "-t", str(tmp_path / "mine"))
    assert (out / "desk.docx").is_file()
    revisions = _revisions(out / "desk.redline.docx")
    stamp = "2026-02-01T00:00:00Z"  # the later edition's as-of date: the build's stamp
    assert ("del", ISSUER, stamp, EARLIER_SUMMARY) in revisions
    assert ("ins", ISSUER, stamp, EDITED_SUMMARY) in revisions
    assert ("del", ISSUER, stamp, "likely") in revisions  # the judgment's move
    assert ("ins", ISSUER, stamp, "very likely") in revisions
    with zipfile.ZipFile(out / "desk.redline.docx") as archive:
        body = archive.read("word/document.xml").decode()
    ids = [int(i) for i in re.findall(r'<w:(?:ins|del) w:id="(\d+)"', body)]
    assert len(ids) == len(set(ids)) == len(revisions)


def test_the_redline_opens_and_reads_as_the_brief_with_the_arrows_gone(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "press")
    plain = [p.text for p in docx.Document(str(out / "press.docx")).paragraphs]
    redline = [p.text for p in docx.Document(str(out / "press.redline.docx")).paragraphs]
    assert len(plain) == len(redline)
    arrowed = f"{EARLIER_SUMMARY} → {EDITED_SUMMARY}"
    assert arrowed in plain
    # python-docx reads a paragraph's runs, not inserted or deleted ones: the line is empty
    # there, where Word shows the deletion and the insertion to accept or reject.
    changed = [i for i, (a, b) in enumerate(zip(plain, redline, strict=True)) if a != b]
    assert [plain[i] for i in changed] == [arrowed]
    assert redline[changed[0]] == ""


def test_nothing_withheld_even_in_deletions_and_the_check_passes(tmp_path: Path) -> None:
    out = _build(tmp_path, "-a", "press")
    with zipfile.ZipFile(out / "press.redline.docx") as archive:
        everything = "\n".join(
            archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()
        )
    for hidden in HIDDEN:
        assert hidden not in everything
    assert [kind for kind, *_ in _revisions(out / "press.redline.docx")] == ["del", "ins"]
    checked = run("check-release", str(out / "press.redline.docx"))
    assert checked.exit_code == 0, checked.output


def test_no_redline_without_since_nor_for_other_formats(tmp_path: Path) -> None:
    _, new = editions(tmp_path)
    out = tmp_path / "plain"
    result = run("build", "-d", str(new), "-a", "press", "-f", "docx", "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert not list(out.glob("*.redline.*"))
    out = _build(tmp_path / "html", "-a", "press", "-f", "html", "--lang", "hu")
    assert sorted(p.name for p in out.glob("*.redline.*")) == ["press.hu.redline.docx"]
