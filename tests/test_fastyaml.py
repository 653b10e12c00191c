"""The fast YAML reader must give PyYAML's value or decline; it may never give another value.

Declining is always allowed (the caller then reads the file with PyYAML), so each test checks
two things: whatever the fast path returns equals PyYAML's reading under otsreport's rules,
and on ordinary dossier files it does not decline, so the speed it exists for is real.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otsreport.errors import UserError
from otsreport.load import fastyaml
from otsreport.load import yamlfile as load
from otsreport.paths import sample_dossier_dir

REFUSED = object()


def pyyaml_reading(text: str) -> Any:
    """The reference: otsreport's PyYAML path, or REFUSED where it reports an error."""
    try:
        builder = load._Builder(Path("test.yaml"))
        return builder.build(load._compose(Path("test.yaml"), text), 0)
    except UserError:
        return REFUSED


def strict(value: Any) -> str:
    """A form in which True and 1, or '1' and 1, differ (== treats True and 1 as equal)."""
    return json.dumps(value, ensure_ascii=False)


def assert_agrees(text: str) -> Any:
    fast = fastyaml.parse(text, load.MAX_DEPTH)
    if fast is not None:
        reference = pyyaml_reading(text)
        assert reference is not REFUSED, f"fast path accepted what PyYAML refuses: {text!r}"
        assert strict(fast) == strict(reference), text
    return fast


SAMPLE_FILES = sorted(sample_dossier_dir().glob("*.yaml"))


@pytest.mark.parametrize("file", SAMPLE_FILES, ids=lambda path: path.name)
def test_sample_dossier_files_are_read_fast_and_identically(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    assert assert_agrees(text) is not None, "the fast path declined an ordinary dossier file"


# Plain scalars that PyYAML 1.1 reads as something other than text, where YAML 1.2 readers
# such as rapidyaml read text (or another number): each must decline, or agree.
TRICKY_SCALARS = [
    "yes", "No", "ON", "off", "y", "n", "~", "null", "NULL", "", "True", "FALSE",
    "0x1F", "0o17", "017", "0b101", "1_000", "12:30", "190:20:30", "+1", "-0", "1e3",
    "1.5e3", "1.0e+3", "1.", ".5", "-.inf", ".NaN", ".nan", "=", "<<", "2025-05-20",
    "2025-05-20 10:00:00", "2025-05-20T10:00:00Z", "1.2.3", "#not", "a #b", "a: b",
]  # fmt: skip


@pytest.mark.parametrize("scalar", TRICKY_SCALARS)
@pytest.mark.parametrize("quoted", [False, True])
def test_scalars_read_as_pyyaml_reads_them(scalar: str, quoted: bool) -> None:
    shown = json.dumps(scalar) if quoted else scalar
    assert_agrees(f"key: {shown}\nlist: [{shown}, x]\nblock:\n  - {shown}\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "base: {a: 1}\nother:\n  <<: {b: 2}\n",  # merge keys
        "a: 1\na: 2\n",  # duplicate keys
        "%YAML 1.1\n---\na: 1\n",  # directives
        "a: 1\n---\nb: 2\n",  # two documents
        "---\n- a\n---\n- b\n",
        "# comment\n---\n- a\n- b\n",  # one document after a marker: read, unwrapped
        "a: x\x01y\n",  # a control character PyYAML refuses
        "a:\tb\n",  # a tab
        "a: x\u2028y\n",  # a line separator: a line break to PyYAML (YAML 1.1)
        "a: |\n  x\u2029y\n",
        "a: x\x85y\n",  # NEL, the same
        'a: "x\u2028y"\n',
        "a: [1, 2\n",  # malformed
        "- a\nb: 1\n",
        "a: 1\n  b: 2\n",
        "a: 'it''s'\nb: \"tab\\there \\u00e9 \\\"q\\\" \\\\\"\nc: |\n  x\n   y\nd: >-\n  f\n  g\n",
        "a: 'Smith & Wesson, R&D, 5 * 3 = 15!'\n",
        "- " + "[" * 70 + "]" * 70 + "\n",  # deeper than otsreport allows
        "- " + "[" * 60 + "]" * 60 + "\n",
        "k: " + "{a: " * 63 + "1" + "}" * 63 + "\n",
        "",
        "# nothing\n",
        "plain scalar\n",
    ],
)
def test_constructs_where_readers_differ_decline_or_agree(text: str) -> None:
    assert_agrees(text)


def test_a_lone_marker_and_prose_with_ampersands_take_the_fast_path() -> None:
    assert fastyaml.parse("# c\n---\n- a\n- b\n", load.MAX_DEPTH) == ["a", "b"]
    assert fastyaml.parse("a: Smith & Wesson\n", load.MAX_DEPTH) == {"a": "Smith & Wesson"}


# Arbitrary data written by PyYAML's own emitter in every style it has.
texts = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
STYLES = [
    {"default_flow_style": False},
    {"default_flow_style": True},
    {"default_flow_style": None, "allow_unicode": True},
    {"default_style": '"'},
    {"default_style": "'", "allow_unicode": True},
    {"width": 20, "allow_unicode": True},
]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(value=st.dictionaries(st.text(min_size=1, max_size=10), texts, min_size=1, max_size=4),
       style=st.sampled_from(STYLES))  # fmt: skip
def test_whatever_pyyaml_writes_is_read_identically(value: Any, style: dict[str, Any]) -> None:
    assert_agrees(yaml.safe_dump(value, **style))


# Corrupted dossier text: where rapidyaml is more lenient than PyYAML, it must decline.
NOISE = list(" -:?[]{},#&*!|>'\"%@`\n\t~=<.0\\\r\x85\u2028\ufeff")
EVENTS_TEXT = (sample_dossier_dir() / "events.yaml").read_text(encoding="utf-8")[:3000]


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edits=st.lists(st.tuples(st.integers(0, len(EVENTS_TEXT)), st.sampled_from(NOISE),
                                st.booleans()), min_size=1, max_size=4))  # fmt: skip
def test_corrupted_dossier_text_declines_or_agrees(edits: list[tuple[int, str, bool]]) -> None:
    text = EVENTS_TEXT
    for position, character, replace in edits:
        text = text[:position] + character + text[position + int(replace) :]
    assert_agrees(text)


def test_parse_errors_print_nothing() -> None:
    """rapidyaml writes its parse errors to file descriptor 2; a user must not see them."""
    code = (
        "from otsreport.load import fastyaml\n"
        "assert fastyaml.parse('a: [1, 2\\n', 64) is None\n"
        "print('declined')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "declined"
    assert result.stderr == ""


def test_big_files_take_the_fast_path_and_report_lines_like_small_ones(tmp_path: Path) -> None:
    """A big file read fast still gets exact lines: the node tree is composed on demand."""
    small = load.read_yaml(sample_dossier_dir() / "events.yaml")
    padding = 1500
    file = tmp_path / "events.yaml"
    filler = "".join(f"# padding line {n:05d}, past the fast size\n" for n in range(padding))
    file.write_text(filler + small._text, encoding="utf-8")
    assert file.stat().st_size >= fastyaml.MIN_BYTES
    big = load.read_yaml(file)
    assert big._root is None  # read by the fast path: no node tree yet
    assert strict(big.value) == strict(small.value)
    for path in [(0, "id"), (3, "citations", 0, "quote"), (5, "no-such-key")]:
        assert big.line_of(path) == small.line_of(path) + padding  # type: ignore[operator]
