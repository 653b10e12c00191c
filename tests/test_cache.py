"""The caches are transparent: a hit gives what was stored, anything odd is a miss, and a
folder never grows past its limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from otsreport import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(tmp_path))
    return tmp_path / "selections"


def test_a_selection_comes_back_as_stored_and_damage_is_a_miss(cache_dir: Path) -> None:
    cache.put_selection("key", {"brief": ["any", "plain", "data"]})
    assert cache.get_selection("key") == {"brief": ["any", "plain", "data"]}
    assert cache.get_selection("other") is None
    (cache_dir / "key.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cache.get_selection("key") is None


def test_no_cache_means_nothing_written(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTSREPORT_NO_CACHE", "1")
    cache.put_selection("key", "value")
    assert cache.get_selection("key") is None
    assert not cache_dir.exists()


def test_a_full_folder_drops_the_least_recently_used_entries(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_FOLDER_BYTES", 3000)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    for name in ("k0", "k1", "k2"):
        cache.put_selection(name, b"x" * 900)
    for seconds, name in enumerate(("k0", "k1", "k2"), start=1):
        os.utime(cache_dir / f"{name}.pickle", (seconds, seconds))
    assert cache.get_selection("k0") is not None  # read: now the most recently used
    cache.put_selection("k3", b"x" * 900)  # four entries of about 920 bytes: one must go
    assert sorted(p.stem for p in cache_dir.iterdir()) == ["k0", "k2", "k3"]
    assert sum(p.stat().st_size for p in cache_dir.iterdir()) <= 3000


def test_a_process_prunes_on_its_first_write_and_then_now_and_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_FOLDER_BYTES", 0)  # every prune empties the folder
    monkeypatch.setattr(cache, "PRUNE_EVERY", 3)
    monkeypatch.setattr(cache, "_writes", {})
    written = []
    for number in range(6):
        cache.put_selection(f"k{number}", number)
        written.append(len(list(cache_dir.iterdir())))
    assert written == [0, 1, 2, 0, 1, 2]


def test_the_fingerprint_names_the_toolkit_and_its_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = cache.toolkit_fingerprint()
    assert len(first) == 64 and first == cache.toolkit_fingerprint()
    monkeypatch.setattr(cache, "DEPENDENCIES", (*cache.DEPENDENCIES, "no-such-library"))
    cache.toolkit_fingerprint.cache_clear()
    assert cache.toolkit_fingerprint() != first
    monkeypatch.undo()
    cache.toolkit_fingerprint.cache_clear()
    assert cache.toolkit_fingerprint() == first
