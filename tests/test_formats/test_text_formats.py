"""Markdown and plain text, for every audience of the sample and of a second dossier: valid
CommonMark, the marking on the first and last lines, the same records and facts as the HTML,
and the release check passing on them (and failing on a withheld passage planted in one)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from otsreport.build import _select_all
from otsreport.check import read_brief
from otsreport.formats.md import escape
from otsreport.options import BuildOptions
from otsreport.paths import sample_dossier_dir
from otsreport.select.stage import Inputs
from otsreport.select.views import Brief
from otsreport.validate import load_dossier

from ..conftest import OTHER_DOSSIER, assert_holds_every_fact, run

DOSSIERS = {"sample": sample_dossier_dir(), "lake-varen": OTHER_DOSSIER}
MAIN_TEXT = ("title", "sentence", "quote", "name", "wording", "text")


def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


@pytest.fixture(scope="module", params=sorted(DOSSIERS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every audience of the dossier built as HTML, Markdown and text, through the CLI."""
    out = tmp_path_factory.mktemp(request.param)
    dossier = DOSSIERS[request.param]
    args = ["build", "-d", str(dossier), "-f", "html", "-f", "md", "-f", "txt", "-o", str(out)]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return out


def briefs(folder: Path) -> dict[str, Brief]:
    """Each audience's composed brief, as the build composed it (the dossier is the
    fixture's: its folder is named after it)."""
    dossier = DOSSIERS[folder.name[:-1]]
    options = BuildOptions(dossier=dossier, formats=("html",))
    _, selections, _ = _select_all(Inputs(options, dossier))
    return {name: selection.brief for name, selection in selections.items()}


def html_marking(page: str) -> str:
    found = re.search(r'<meta name="otsreport-marking" content="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def test_every_audience_has_a_markdown_and_a_text_brief(built: Path) -> None:
    audiences = sorted(p.stem for p in built.glob("*.html"))
    assert audiences
    assert sorted(p.stem for p in built.glob("*.md")) == audiences
    assert sorted(p.stem for p in built.glob("*.txt")) == audiences


def test_the_marking_is_the_first_and_last_line(built: Path) -> None:
    for page in built.glob("*.html"):
        marking = html_marking(page.read_text(encoding="utf-8"))
        md = page.with_suffix(".md").read_text(encoding="utf-8").splitlines()
        txt = page.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
        assert md[0] == md[-1] == f"**{marking}**", page.stem
        assert txt[0] == txt[-1] == marking, page.stem


def test_markdown_is_commonmark_with_resolved_footnotes_and_tables(built: Path) -> None:
    footnotes = 0
    for file in built.glob("*.md"):
        source = file.read_text(encoding="utf-8")
        tokens = markdown().parse(source)
        kinds = {token.type for token in tokens}
        assert "heading_open" in kinds, file.name
        rendered = markdown().render(source)
        # Every call has its note: an unresolved one would print as text.
        assert "[^" not in rendered, file.name
        footnotes += sum(1 for t in tokens for c in t.children or [] if c.type == "footnote_ref")
        # The dossier's text never turns into markup: no raw HTML but the declaration.
        html_blocks = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
        assert len(html_blocks) == 1 and html_blocks[0].startswith("<!-- otsreport"), file.name
    assert footnotes, "no brief called a footnote"


def test_the_timeline_is_a_table(built: Path) -> None:
    tables = [
        file.name
        for file in built.glob("*.md")
        if any(t.type == "table_open" for t in markdown().parse(file.read_text("utf-8")))
    ]
    assert tables


def test_same_records_and_facts_as_the_html(built: Path) -> None:
    """Compared by record: the HTML's items are the brief's, and each item's main text
    (title, sentence, quotation...) is in the HTML, the Markdown and the text alike."""
    for name, brief in briefs(built).items():
        page = (built / f"{name}.html").read_text(encoding="utf-8")
        root = lxml.html.document_fromstring(page)
        html_ids = {e.get("id")[5:] for e in root.iter() if (e.get("id") or "").startswith("item-")}
        items = [item for section in brief.sections for item in section.items]
        # Every record told in full has its anchor (key points and cross-references none).
        told = {item.id for item in items if item.kind not in ("reference", "key-point")}
        assert html_ids == told, name
        html_text = flat(root.text_content())
        md_text = rendered_text((built / f"{name}.md").read_text(encoding="utf-8"))
        txt_text = flat((built / f"{name}.txt").read_text(encoding="utf-8"))
        for item in items:
            field = next(f for f in MAIN_TEXT if getattr(item, f, ""))
            value = flat(lxml.html.fromstring(f"<p>{getattr(item, field)}</p>").text_content())
            assert value in html_text, (name, item.id)
            assert value in md_text, (name, item.id, value)
            assert value in txt_text, (name, item.id, value)


def flat(text: str) -> str:
    return " ".join(text.split())


def rendered_text(source: str) -> str:
    """Markdown as a reader sees it once rendered: its text, spacing collapsed."""
    return flat(lxml.html.fromstring(markdown().render(source)).text_content())


def test_the_sample_research_brief_holds_every_fact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "-a", "research", "-f", "md", "-f", "txt", "-o", str(out))
    assert result.exit_code == 0, result.output
    md = (out / "research.md").read_text(encoding="utf-8")
    assert_holds_every_fact(rendered_text(md))
    assert_holds_every_fact(flat((out / "research.txt").read_text(encoding="utf-8")))


def test_text_lines_fit_72_columns_and_notes_come_at_the_end(built: Path) -> None:
    for file in built.glob("*.txt"):
        lines = file.read_text(encoding="utf-8").splitlines()
        for line in lines:
            # Only what cannot break: the dossier digest, an address.
            assert len(line) <= 72 or len(line.split()) <= 2, (file.name, line)
        calls = set(re.findall(r"\[(\d+)\]", "\n".join(lines)))
        noted = {m[1] for line in lines if (m := re.match(r"\[(\d+)\] ", line))}
        assert calls == noted, file.name


def test_the_release_check_passes_on_every_text_brief(built: Path) -> None:
    files = [str(p) for p in sorted(built.glob("*.md")) + sorted(built.glob("*.txt"))]
    result = run("check-release", *files)
    assert result.exit_code == 0, result.output


def test_a_withheld_passage_planted_in_markdown_or_text_is_found(built: Path) -> None:
    """A source's own judgment (an assessment, AMBER in both dossiers) planted in the CLEAR
    press brief, just above its last line: check-release names it and exits 1."""
    press = built / "press.html"
    assert html_marking(press.read_text(encoding="utf-8")) == "TLP:CLEAR"
    withheld = str(load_dossier(DOSSIERS[built.name[:-1]]).assessments[0].wording)
    for suffix in ("md", "txt"):
        lines = press.with_suffix(f".{suffix}").read_text(encoding="utf-8").splitlines()
        assert flat(withheld) not in flat("\n".join(lines))
        planted = built / "planted" / f"press.{suffix}"
        planted.parent.mkdir(exist_ok=True)
        planted.write_text("\n".join([*lines[:-1], withheld, lines[-1]]), encoding="utf-8")
        result = run("check-release", str(planted), "--dossier", str(DOSSIERS[built.name[:-1]]))
        assert result.exit_code == 1, result.output
        assert "assessment" in result.output, result.output


def test_a_brief_that_prints_another_marking_fails_the_check(built: Path) -> None:
    page = next(iter(sorted(built.glob("*.md"))))
    text = page.read_text(encoding="utf-8")
    marking = text.splitlines()[0]
    forged = text[::-1].replace(marking[::-1], "**TLP:CLEAR**"[::-1], 1)[::-1]
    reading = read_brief(forged.encode())
    assert reading.format == "md"
    assert reading.printed[-1] == ("last line", "**TLP:CLEAR**")
    assert reading.declared["otsreport-marking"] == marking.strip("*")


@pytest.mark.parametrize(
    "text",
    [
        "a *star* and _under_ and `code` and <b>bold</b> & &amp; [link](http://x) | pipe",
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "back\\slash ~~strike~~ ![img](x.png) [^1]",
    ],
)
def test_dossier_text_stays_text_in_markdown(text: str) -> None:
    rendered = markdown().render(escape(text))
    assert rendered == f"<p>{html.escape(text)}</p>\n"
