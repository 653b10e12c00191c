"""The shared store: entries checked by digest, written atomically, at a folder or a URL; a
damaged entry made again, never copied out; what comes from it checked like anything else."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from otsreport.errors import UsageError, UserError
from otsreport.executors import scheduler_address
from otsreport.limits import run_bounded_in_thread
from otsreport.store import Store, seal, unseal
from tests.conftest import run


def test_an_entry_is_its_payload_under_its_digest() -> None:
    blob = seal(b"%PDF-1.7 whatever")
    assert unseal(blob) == b"%PDF-1.7 whatever"
    assert unseal(blob[:-1] + b"X") is None  # one byte changed
    assert unseal(blob[:-1]) is None  # torn
    assert unseal(b"%PDF-1.7 whatever") is None  # not an entry at all


def test_a_folder_store_keeps_whole_entries_with_the_umask_mode(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "store"))
    previous = os.umask(0o027)
    try:
        store.put("ab" * 32, b"payload")
    finally:
        os.umask(previous)
    entries = [p for p in (tmp_path / "store").rglob("*") if p.is_file()]
    assert [p.name for p in entries] == ["ab" * 32]  # no temporary left behind
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o640
    assert store.get("ab" * 32) == b"payload"
    assert store.get("cd" * 32) is None
    entries[0].write_bytes(entries[0].read_bytes().replace(b"payload", b"paYload"))
    assert store.get("ab" * 32) is None
    assert store.damaged == 1


def test_a_store_at_an_fsspec_url(tmp_path: Path) -> None:
    store = Store("memory://otsreport-test-store/layouts")
    store.put("ef" * 32, b"at a url")
    assert store.get("ef" * 32) == b"at a url"
    assert not [p for p in store.fs.find("/otsreport-test-store") if p.endswith(".tmp")]
    again = Store(f"file://{tmp_path}/store")  # a file:// URL is a folder
    again.put("ef" * 32, b"local")
    assert Store(str(tmp_path / "store")).get("ef" * 32) == b"local"


def test_an_unknown_protocol_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot open the store nosuch://"):
        Store("nosuch://bucket/x")


def test_executor_addresses() -> None:
    assert scheduler_address("local") is None
    assert scheduler_address("dask://10.1.2.3:8786") == "tcp://10.1.2.3:8786"
    assert scheduler_address("tls://sched:8786") == "tls://sched:8786"
    with pytest.raises(UsageError):
        scheduler_address("dask://")


def test_the_time_limit_stops_a_task_outside_the_main_thread() -> None:
    caught: list[BaseException] = []

    def spin() -> None:
        while True:
            pass

    def worker() -> None:
        try:
            run_bounded_in_thread(0.3, "research.pdf: the layout", spin)
        except BaseException as error:
            caught.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    assert isinstance(caught[0], UserError)
    assert "research.pdf: the layout ran past its time limit" in str(caught[0])
    assert run_bounded_in_thread(0.3, "quick", sum, [1, 2]) == 3  # no stop after it ended


def _entries(store: Path) -> list[Path]:
    return sorted(p for p in store.rglob("*") if p.is_file())


def test_a_damaged_entry_is_made_again_never_copied_out(tmp_path: Path) -> None:
    store = tmp_path / "store"
    build = ["build", "-a", "executive", "-f", "pdf", "--store", str(store)]
    first = run(*build, "-o", str(tmp_path / "first"))
    assert first.exit_code == 0, first.stderr
    [entry] = _entries(store)
    blob = entry.read_bytes()
    entry.write_bytes(blob[:-200] + b"\0" * 200)  # the end of the PDF lost
    second = run(*build, "-o", str(tmp_path / "second"))
    assert second.exit_code == 0, second.stderr
    assert "1 damaged entries ignored and made again" in second.output
    assert "0 of 1 layouts taken from it, 1 laid out and kept there" in second.output
    pdf = (tmp_path / "second" / "executive.pdf").read_bytes()
    assert pdf == (tmp_path / "first" / "executive.pdf").read_bytes()
    assert entry.read_bytes() == blob  # kept whole again


def test_what_the_store_holds_goes_through_the_release_check(
    tmp_path: Path, sample_build: Path
) -> None:
    """A store that someone filled with a brief for another reader: the build of the press
    brief takes the entry, and its release check, here, refuses to write it."""
    store = tmp_path / "store"
    build = ["build", "-a", "press", "-f", "pdf", "--store", str(store)]
    assert run(*build, "-o", str(tmp_path / "first")).exit_code == 0
    [entry] = _entries(store)
    research = (sample_build / "research.pdf").read_bytes()
    head = json.dumps({"pages": 12, "warnings": []}).encode()
    entry.write_bytes(seal(head + b"\n" + research))
    out = tmp_path / "second"
    result = run(*build, "-o", str(out))
    assert result.exit_code == 1
    assert "press.pdf: not written: above TLP:CLEAR" in result.stderr
    assert not out.exists()
