"""Big YAML files read by rapidyaml, whenever its reading is sure to equal PyYAML's.

libyaml composes about 2 MB/s, so a 10,000-event dossier (4 MB) spent two seconds in the
parser before any check ran. rapidyaml parses and emits JSON about ten times faster. It is a
different reader, though: it follows YAML 1.2 where PyYAML follows 1.1 (``yes``, ``~``,
``0x1F``, ``1_000``, ``12:30``), it passes over what otsreport forbids (tags, anchors, merge
keys, duplicate keys, control characters), and it knows nothing of our error messages.

So this is only a fast path. ``parse`` returns ``None`` (declines) for any file where the two
readings could differ or either could fail, and the caller then reads it with PyYAML, which
gives the exact value or the located error. Declining is cheap and never wrong; accepting is
held to PyYAML's answer by a differential test (tests/test_fastyaml.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from yaml.resolver import Resolver

MIN_BYTES: Final = 64 * 1024  # below this, importing rapidyaml costs more than it saves


class _Declined(Exception):
    """The JSON from rapidyaml holds something PyYAML might read otherwise."""


# Where the readers may part ways, found in one pass: characters PyYAML's reader refuses
# (controls, surrogates, U+FFFE/FFFF; NEL and tabs too, harmlessly), the line and paragraph
# separators U+2028/2029 (line breaks to YAML 1.1, text to 1.2), and indicators at the
# start of a token (after a space, a line break, '[', '{' or ','): anchors, aliases and tags
# (&a *a !t), the reserved @ and `, directives (%), and the flow punctuation (] } , ? :) that
# PyYAML refuses there and rapidyaml reads leniently; and a ':' followed by anything but a
# space, which PyYAML refuses inside [ ] and { } and YAML 1.2 allows. Prose and times (12:30)
# can trip it (an ampersand between spaces is let through); such a file is merely read the
# slow way.
_REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\u2028\u2029\ud800-\udfff\ufffe\uffff"
_SUSPECT: Final = re.compile(
    f"[{_REFUSED}\\]}},?:@`%&*!]"  # one class first: the scan skips everything else quickly
    f"(?:(?<=[{_REFUSED}])|(?<=[\\s\\[{{,].)|(?<=:)(?=[^\\s]))"  # ... or ':' before a non-space
)
_LONE_CARRIAGE_RETURN: Final = re.compile("\r(?!\n)")
_DOCUMENT_MARKER: Final = re.compile(r"^(?:---|\.\.\.)(?=\s|$)", re.MULTILINE)
_COMMENTS_ONLY: Final = re.compile(r"\A(?:[ ]*(?:#[^\n]*)?\n)*\Z")
# A JSON string that PyYAML, had it been a plain scalar, might read as something other than
# text: a superset of PyYAML 6's implicit resolvers for bool, int, float, null, merge, value
# and yaml ('yes', '~', '0x1F', '12:30', '.nan', '=' ...). Hits are confirmed with PyYAML's
# own resolvers; dates (2025-05-20) never match, as otsreport keeps timestamps as text. The
# lookahead lets most strings fail at their first character.
_MAYBE_NOT_TEXT: Final = re.compile(
    r'"(?=[-+.0-9~=!&*<nNyYtTfFoO])(?:'
    r"[-+]?[.0-9][.0-9_:xXbBa-fA-F]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[~=!&*]|<<"
    r"|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r'|null|Null|NULL)"'
)
_KEPT_AS_TEXT: Final = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}


def parse(text: str, max_depth: int) -> Any | None:
    """The value of ``text`` as PyYAML would build it (a dict or list), or None to decline."""
    if not _plain_enough(text):
        return None
    has_marker = text.startswith(("---", "...")) or "\n---" in text or "\n..." in text
    markers = list(_DOCUMENT_MARKER.finditer(text)) if has_marker else []
    if len(markers) > 1 or (markers and markers[0].group() == "..."):
        return None
    if markers and not _COMMENTS_ONLY.match(text[: markers[0].start()]):
        return None  # content before '---' makes two documents
    try:
        import ryml
    except ImportError:  # pragma: no cover - a dependency; PyYAML still reads everything
        return None
    try:
        with _stderr_silenced():  # rapidyaml prints each parse error before raising it
            tree = ryml.parse_in_arena(text.encode("utf-8"))
            emitted = ryml.emit_json(tree)
    except Exception:  # any failure of the fast reader means: ask PyYAML
        return None
    if not emitted or not _all_text_in_pyyaml(emitted):
        return None
    try:
        value = json.loads(
            emitted,
            object_pairs_hook=_unique_keys,
            parse_float=_decline,  # no float field exists, and YAML 1.1 floats differ
            parse_constant=_decline,
        )
    except (_Declined, ValueError, RecursionError):
        return None
    if markers:
        if not isinstance(value, list) or len(value) != 1:
            return None
        value = value[0]  # rapidyaml gives a stream: the one document in a list
    if not isinstance(value, dict | list) or not _shallow(value, max_depth):
        return None
    return value


def _plain_enough(text: str) -> bool:
    """No character or construct on which the two readers could part ways."""
    if "<<" in text:  # a merge key, which PyYAML expands
        return False
    if "\r" in text and _LONE_CARRIAGE_RETURN.search(text):  # a line break to PyYAML only
        return False
    text = "\n" + text  # the first character starts a token too
    for match in _SUSPECT.finditer(text):
        found, start = match.group(), match.start()
        if found in "&*!" and text[start - 1 : start + 2] == f" {found} ":
            continue  # an ampersand (or star) between spaces: 'Smith & Wesson'
        if text[start - 1 : start + 1] in ("[]", "{}"):
            continue  # an empty list or mapping
        if found == ":" and _block_marking(text, start):
            continue  # a marking ('LEVEL:NAME') ending a line of its own: text to both
        return False
    return True


# A marking-like word: upper case, one colon inside (as TLP's, and any scheme's like it).
_MARKING_AT: Final = re.compile(r"[A-Z][A-Z0-9_-]*:[A-Z0-9][A-Z0-9+_-]*(?=[ \t]*(?:#|$))")


def _block_marking(text: str, colon: int) -> bool:
    """A marking ending a block-context line (no flow brackets on it)."""
    line_start = text.rfind("\n", 0, colon) + 1
    line_end = text.find("\n", colon)
    line_stop = line_end if line_end >= 0 else len(text)
    line = text[line_start:line_stop]
    return (
        "[" not in line
        and "{" not in line
        and _MARKING_AT.match(
            text, max(line_start, text.rfind(" ", 0, colon) + 1), len(line) + line_start
        )
        is not None
    )


def _all_text_in_pyyaml(emitted: str) -> bool:
    """Every JSON string would be text for PyYAML too, plain or quoted."""
    for match in _MAYBE_NOT_TEXT.finditer(emitted):
        if match.start() and emitted[match.start() - 1] == "\\":
            continue  # an escaped quote inside a longer string, not a string of its own
        word = match.group()[1:-1]
        for tag, pattern in Resolver.yaml_implicit_resolvers.get(word[0], ()):
            if tag not in _KEPT_AS_TEXT and pattern.match(word):
                return False
    return True


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Declined  # PyYAML's reading names the duplicate key and its line
    return result


def _decline(_: str) -> Any:
    raise _Declined


def _shallow(value: Any, max_depth: int) -> bool:
    """No deeper than ``max_depth``, visiting containers only (scalars cannot nest)."""
    level: list[Any] = [value]
    for _ in range(max_depth):  # PyYAML counts the scalars inside the deepest container too
        nested: list[Any] = []
        for container in level:
            items = container.values() if type(container) is dict else container
            nested += [item for item in items if type(item) is dict or type(item) is list]
        if not nested:
            return True
        level = nested
    return False


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null for the duration: the C++ library writes there."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (embedded, closed): nothing to silence
        yield
        return
    try:
        with Path(os.devnull).open("wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
