from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from otsreport.build import BuildOptions, build
from otsreport.errors import UserError
from otsreport.paths import builtin_templates_dir
from otsreport.render import template_search_path

from .conftest import edit, put

AUDIENCES = ("executive", "diplomatic", "press", "research")


def html_of(tmp_path: Path, audience: str, **options: object) -> str:
    out = tmp_path / "out"
    build(BuildOptions(audiences=[audience], formats=["html"], out=out, **options))  # type: ignore[arg-type]
    return (out / f"{audience}.html").read_text(encoding="utf-8")


def parse(html: str) -> object:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_html_is_valid_semantic_and_self_contained(tmp_path: Path, audience: str) -> None:
    html = html_of(tmp_path, audience)
    tree = parse(html)  # strict: raises on any parse error
    root = tree.getroot() if hasattr(tree, "getroot") else tree  # type: ignore[attr-defined]
    assert root.get("lang") == "en-GB"
    for tag in ("header", "main", "section", "footer", "h1", "h2"):
        assert root.find(f".//{tag}") is not None, tag
    for table in root.iter("table"):
        assert table.find("caption") is not None
        assert table.find(".//th") is not None
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|file:|//)""", html)
    assert "<link" not in html and "@import" not in html
    assert 'name="viewport"' in html and "@media print" in html


def test_search_path_order_user_then_audience_then_builtin(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    audience = tmp_path / "aud"
    assert template_search_path([user], audience) == [user, audience, builtin_templates_dir()]


def test_one_file_override_changes_only_that_section(tmp_path: Path) -> None:
    plain = html_of(tmp_path, "diplomatic")
    put(
        tmp_path / "mine" / "sections" / "quotes.html.j2",
        '<section id="section-quotes"><h2>Our quotes</h2>'
        "{% for item in section.items %}<p class=mine>{{ item.quote }}</p>{% endfor %}</section>",
    )
    custom = html_of(tmp_path, "diplomatic", template_dirs=[tmp_path / "mine"])
    assert "<p class=mine>Our family is the Turkic world; we have no other family.</p>" in custom
    before = plain.split('<section class="section section-quotes kind-quotes"')
    after = custom.split('<section id="section-quotes"')
    assert before[0] == after[0]  # everything before the quotes section is untouched
    assert before[1].split("</section>", 1)[1].strip() == after[1].split("</section>", 1)[1].strip()


def test_override_can_extend_the_default_it_replaces(tmp_path: Path) -> None:
    put(
        tmp_path / "mine" / "sections" / "timeline.html.j2",
        '{% extends "default:sections/timeline.html.j2" %}'
        "{% block chart %}<p>No chart here.</p>{% endblock %}",
    )
    html = html_of(tmp_path, "diplomatic", template_dirs=[tmp_path / "mine"])
    timeline = html.split('id="section-timeline"')[1].split("</section>")[0]
    assert "<p>No chart here.</p>" in timeline
    assert "<svg" not in timeline
    assert "Joint Declaration on the Establishment of a Strategic Partnership" in timeline


def test_data_is_escaped(tmp_path: Path, dossier_copy: Path) -> None:
    edit(
        dossier_copy / "dossier.yaml",
        "  en: Azerbaijan and Hungary in",
        "  en: <script>alert(1)</script> Azerbaijan and Hungary in",
    )
    html = html_of(tmp_path, "press", dossier=dossier_copy)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_undefined_variable_names_template_and_line(tmp_path: Path) -> None:
    put(
        tmp_path / "mine" / "sections" / "summary.html.j2",
        "<p>ok</p>\n<p>{{ section.no_such_field }}</p>\n",
    )
    with pytest.raises(UserError, match=r"summary\.html\.j2:2: undefined in template"):
        html_of(tmp_path, "diplomatic", template_dirs=[tmp_path / "mine"])


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("<p>\n{% if %}\n", r"brief\.html\.j2:2: template syntax error"),
        ("{{ brief.__class__.__mro__ }}", r"undefined in template|not allowed"),
    ],
    ids=["syntax-error-names-template-and-line", "sandbox-blocks-python-internals"],
)
def test_a_broken_or_hostile_brief_template_is_a_user_error(
    tmp_path: Path, template: str, expected: str
) -> None:
    put(tmp_path / "mine" / "brief.html.j2", template)
    with pytest.raises(UserError, match=expected):
        html_of(tmp_path, "press", template_dirs=[tmp_path / "mine"])


@pytest.mark.parametrize("where", ["templates-option", "project-templates"])
def test_a_template_linking_outside_its_folder_leaks_nothing(
    tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-KEY-0123456789", encoding="utf-8")
    folder = tmp_path / "mine" if where == "templates-option" else tmp_path / "work" / "templates"
    put(folder / "sections" / "summary.html.j2", "{% include 'sections/s.txt' %}")
    (folder / "sections" / "s.txt").symlink_to(secret)
    if where == "project-templates":
        monkeypatch.chdir(tmp_path / "work")
        from .conftest import run

        result = run("build", "-a", "diplomatic", "-f", "html", "-o", str(tmp_path / "o"))
        assert result.exit_code == 1 and "leads outside its folder" in result.stderr
        assert not (tmp_path / "o").exists()
        return
    with pytest.raises(UserError, match="leads outside its folder") as caught:
        html_of(tmp_path, "diplomatic", template_dirs=[folder])
    assert "PRIVATE-KEY" not in caught.value.report()
