"""Builds through a Dask cluster: a LocalCluster of two worker processes (one thread each),
started once for the module, as a scheduler and workers started from outside would be.

Every audience through the cluster gives the bytes a local build gives; a second checkout with
the same store lays out nothing; a worker killed mid-build costs nothing but time; an address
with nothing listening, or a cluster that goes away, fails the build with a clear message and
writes nothing. Dask is a test dependency (the test extra): these tests are never skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from otsreport.paths import sample_dossier_dir
from tests.conftest import run

# The sample's PDFs and what goes beside them; not the manifest, which names its dossier's path.
COMPARED = ("*.pdf", "*.html", "*.edition.json")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster.scheduler_address) as connected:
        yield connected


def project(root: Path) -> Path:
    """A checkout of a project: its dossier in a folder of its own."""
    shutil.copytree(sample_dossier_dir(), root / "dossier")
    return root


def files(folder: Path) -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for pattern in COMPARED for p in folder.glob(pattern)}
    assert found
    return found


def build_in(checkout: Path, *args: str) -> str:
    """`otsreport build` of the checkout's dossier into its build/ folder; its output."""
    out = checkout / "build"
    result = run("build", "--dossier", str(checkout / "dossier"), "-o", str(out), *args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


@pytest.fixture(scope="module")
def first_checkout(
    cluster: LocalCluster, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, str]:
    """Every audience built through the cluster, keeping its layouts in a store."""
    root = tmp_path_factory.mktemp("through-dask")
    checkout, store = project(root / "first"), root / "store"
    address = cluster.scheduler_address.replace("tcp://", "dask://")
    output = build_in(checkout, "--executor", address, "--store", str(store))
    return checkout, store, output


def test_every_audience_through_the_cluster_gives_the_local_builds_bytes(
    first_checkout: tuple[Path, Path, str], sample_build: Path
) -> None:
    checkout, _, output = first_checkout
    assert "4 layout tasks sent to the Dask cluster" in output
    assert "(2 workers)" in output
    assert files(checkout / "build") == files(sample_build)


def test_a_second_checkout_with_the_same_store_lays_out_nothing(
    first_checkout: tuple[Path, Path, str],
    cluster: LocalCluster,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, store, output = first_checkout
    assert "0 of 4 layouts taken from it, 4 laid out and kept there" in output
    second = project(tmp_path / "second")
    monkeypatch.setenv("OTSREPORT_EXECUTOR", cluster.scheduler_address)  # as the options
    monkeypatch.setenv("OTSREPORT_STORE", str(store))
    again = build_in(second)
    assert "4 of 4 layouts taken from it, nothing laid out" in again
    assert "sent to the Dask cluster" not in again
    assert files(second / "build") == files(first / "build")


def _pids(client: Client) -> dict[str, int]:
    return dict(client.run(os.getpid))


def test_a_worker_killed_mid_build_costs_nothing_but_time(
    first_checkout: tuple[Path, Path, str], client: Client, tmp_path: Path
) -> None:
    first, _, _ = first_checkout
    checkout = project(tmp_path / "killed")
    command = [sys.executable, "-m", "otsreport", "build", "-a", "research", "-a", "press"]
    command += ["-f", "pdf", "--dossier", str(checkout / "dossier"), "-o", str(checkout / "build")]
    command += ["--executor", client.scheduler.address]
    before = _pids(client)
    building = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        victim = _busy_worker(client, building)
        os.kill(before[victim], signal.SIGKILL)  # mid-task: the nanny starts another
        _, err = building.communicate(timeout=240)
    finally:
        building.kill()
    assert building.returncode == 0, err.decode()
    assert b"Traceback" not in err
    client.wait_for_workers(2, timeout=60)
    assert before[victim] not in _pids(client).values()
    built = files(checkout / "build")
    assert built == {name: files(first / "build")[name] for name in built}
    assert set(built) == {
        "research.pdf",
        "press.pdf",
        "research.edition.json",
        "press.edition.json",
    }


def _busy_worker(client: Client, building: subprocess.Popen[bytes]) -> str:
    """The first worker seen laying out one of the build's tasks."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and building.poll() is None:
        for worker, keys in client.processing().items():
            if any(str(key).startswith("_task") for key in keys):
                return str(worker)
        time.sleep(0.02)
    raise AssertionError("no layout task was seen on a worker")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_nothing_listening_at_the_address_fails_clearly(tmp_path: Path) -> None:
    import dask

    address = f"dask://127.0.0.1:{_free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run(
            "build", "-a", "press", "-f", "pdf", "-o", str(tmp_path / "out"), "--executor", address
        )
    assert result.exit_code == 1
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:" in result.stderr
    assert "--executor local" in result.stderr
    assert "Traceback" not in result.stderr + result.output
    assert not (tmp_path / "out").exists()


def test_a_cluster_that_goes_away_mid_build_fails_it_and_writes_nothing(tmp_path: Path) -> None:
    checkout = project(tmp_path)
    out = checkout / "build"
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as doomed,
        Client(doomed.scheduler_address) as watching,
    ):
        command = [sys.executable, "-m", "otsreport", "build", "-a", "research", "-f", "pdf"]
        command += ["--dossier", str(checkout / "dossier"), "-o", str(out)]
        command += ["--executor", doomed.scheduler_address]
        env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
        building = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        try:
            _busy_worker(watching, building)
            watching.close()
            doomed.close()
            _, err = building.communicate(timeout=120)
        finally:
            building.kill()
    assert building.returncode == 1, err.decode()
    assert "lost the Dask cluster at tcp://" in err.decode()
    assert "nothing was written" in err.decode()
    assert b"Traceback" not in err
    assert not list(out.glob("*.pdf"))


def test_an_unknown_executor_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", "-f", "html", "-o", str(tmp_path), "--executor", "ray://somewhere")
    assert result.exit_code == 2
    assert "unknown executor 'ray://somewhere'" in result.stderr
