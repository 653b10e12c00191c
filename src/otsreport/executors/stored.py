"""The store in front of an executor: a layout task whose result is kept is not run again.

A task's key is a digest of what it lays out: the function, and its arguments as content (the
composed HTML, the job's options, attachments and date, and each template folder it may load
from by the names and content of its files, not by where it is), with the layout environment
(``fingerprint``). Two checkouts in different folders, or two machines alike, building the same
brief get the same keys. Results are kept as JSON and bytes (``_encode``), never pickles.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from otsreport.errors import UserError
from otsreport.executors import Executor, Submit
from otsreport.executors.fingerprint import digest as environment_digest
from otsreport.manifest import tree_digest
from otsreport.store import Store

FORMAT: Final = "otsreport-layout-1"  # bump when a kept result's encoding changes
# The layout tasks whose results are kept, by name; anything else runs as it is.
KEPT: Final = (
    "otsreport.pdf.render_job",
    "otsreport.chunked.layout.lay_out_part",
    "otsreport.chunked.layout.lay_out_stamp",
)


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


class Stored:
    """An executor whose layout tasks first look in the store, and keep what they make."""

    def __init__(self, inner: Executor, store: Store) -> None:
        self.inner, self.store = inner, store
        self.taken = self.made = 0
        self.unkept: list[str] = []
        self._folders: dict[Path, str] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        self.inner.start()

    def __enter__(self) -> Stored:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        return self._through(self.inner.submit, function, args)

    def bounded(self, seconds: float | None, what: str) -> Submit:
        inner = self.inner.bounded(seconds, what)
        return lambda function, *args: self._through(inner, function, args)

    def summary(self) -> list[str]:
        """One line for the build output: what was taken from the store and what laid out."""
        lines = [*getattr(self.inner, "summary", list)()]
        total = self.taken + self.made
        if total:
            laid = f"{self.made} laid out and kept there" if self.made else "nothing laid out"
            where = self.store.location
            lines.append(f"store {where}: {self.taken} of {total} layouts taken from it, {laid}")
        if self.store.damaged:
            lines.append(f"store: {self.store.damaged} damaged entries ignored and made again")
        lines += [f"store: could not keep a layout ({reason})" for reason in self.unkept[:3]]
        return lines

    def _through(
        self, submit: Submit, function: Callable[..., Any], args: tuple[Any, ...]
    ) -> Future[Any]:
        name = _name(function)
        if name not in KEPT:
            return submit(function, *args)
        key = self.key(name, args)
        found = self.store.get(key)
        value = _decode(name, found) if found is not None else None
        if value is not None:
            with self._lock:
                self.taken += 1
            done: Future[Any] = Future()
            done.set_result(value)
            return done
        outer: Future[Any] = Future()
        submit(function, *args).add_done_callback(lambda f: self._keep(name, key, f, outer))
        return outer

    def _keep(self, name: str, key: str, inner: Future[Any], outer: Future[Any]) -> None:
        """Keep a result in the store, then hand it on: whoever waits for it finds it kept."""
        error = inner.exception()
        if error is not None:
            outer.set_exception(error)
            return
        value = inner.result()
        try:
            self.store.put(key, _encode(name, value))
        except Exception as failure:  # a full disk or a lost share: the build goes on
            self.unkept.append(str(failure) or type(failure).__name__)
        with self._lock:
            self.made += 1
        outer.set_result(value)

    def key(self, name: str, args: tuple[Any, ...]) -> str:
        digest = hashlib.sha256(f"{FORMAT}\0{environment_digest()}\0{name}\0".encode())
        self._feed(digest, args)
        return digest.hexdigest()

    def _feed(self, digest: Any, value: Any) -> None:
        """``value`` into ``digest`` by content, tagged by type so no two values meet."""
        if isinstance(value, str | bytes):
            data = value.encode() if isinstance(value, str) else value
            digest.update(f"{type(value).__name__}:{len(data)}:".encode() + data)
        elif isinstance(value, Path):
            digest.update(f"folder:{self._folder(value)}".encode())
        elif isinstance(value, datetime):
            digest.update(f"datetime:{value.isoformat()}".encode())
        elif value is None or isinstance(value, bool | int | float):
            digest.update(f"{type(value).__name__}:{value!r}".encode())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(f"{type(value).__qualname__}(".encode())
            for item in dataclasses.fields(value):
                digest.update(item.name.encode() + b"=")
                self._feed(digest, getattr(value, item.name))
            digest.update(b")")
        elif isinstance(value, tuple | list | frozenset | set):
            items = sorted(value) if isinstance(value, frozenset | set) else value
            digest.update(f"{type(value).__name__}[{len(items)}]".encode())
            for item in items:
                self._feed(digest, item)
        else:
            raise TypeError(f"cannot key a layout task on a {type(value).__name__}")

    def _folder(self, path: Path) -> str:
        """A template folder by its files' names and content, once per build."""
        if path not in self._folders:
            self._folders[path] = tree_digest(path) if path.exists() else "absent"
        return self._folders[path]


def _encode(name: str, value: Any) -> bytes:
    """A result as a JSON line (everything but its PDF) and the PDF's bytes after it."""
    if name.endswith("lay_out_stamp"):
        head: dict[str, Any] = {}
        data = bytes(value)
    else:
        head = {"pages": value.pages, "warnings": list(value.warnings)}
        data = value.data
    if name.endswith("lay_out_part"):
        head["anchors"] = value.anchors
        head["bookmarks"] = [dataclasses.astuple(mark) for mark in value.bookmarks]
        head["stubs"] = sorted(value.stubs)
    return json.dumps(head, sort_keys=True).encode() + b"\n" + data


def _decode(name: str, payload: bytes) -> Any:
    """The result an entry holds; None for one of the wrong shape (made again)."""
    line, _, data = payload.partition(b"\n")
    try:
        head = json.loads(line)
        if name.endswith("lay_out_stamp"):
            return data
        if name.endswith("render_job"):
            from otsreport.pdf import RenderedPdf

            return RenderedPdf(data, int(head["pages"]), [str(w) for w in head["warnings"]])
        from otsreport.chunked.merge import Bookmark, LaidOutPart

        anchors = {str(k): int(v) for k, v in head["anchors"].items()}
        marks = tuple(
            Bookmark(int(a), str(b), int(c), float(d), float(e), bool(f))
            for a, b, c, d, e, f in head["bookmarks"]
        )
        stubs = frozenset(str(stub) for stub in head["stubs"])
        warnings = tuple(str(w) for w in head["warnings"])
        return LaidOutPart(data, int(head["pages"]), anchors, marks, stubs, warnings)
    except (ValueError, TypeError, KeyError, AttributeError, UserError):
        return None
