"""Layout on a Dask cluster and the shared store (issue 35), against the local pool.

A Dask ``LocalCluster`` (two worker processes, one thread each) is started here, once, as a
scheduler and workers started from outside would be; every figure is a whole `otsreport build`
command, timed on the wall clock, and each ratio's two sides are measured in the same run, in
turn (A B A B ...), the median taken:

1. the same job, `build --force -f pdf` of every audience: through the cluster against the
   local pool of two workers (the default on this machine);
2. a batch of many briefs: 4 audiences x 4 languages x DOSSIERS dossiers (copies of the sample
   under other titles), one command per dossier and language, PDF only: the local pool with no
   store, the cluster with a cold store (empty), and the cluster and the local pool with that
   store warm, each in fresh output folders (as a second machine would build them).

Run: `python benchmarks/cluster.py [DOSSIERS] [RUNS]`; prints a Markdown section for
BENCHMARKS.md.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from distributed import LocalCluster

from otsreport.paths import sample_dossier_dir

# A generous time limit: on a busy machine a layout may take longer than the default 60 s.
COMMAND = [sys.executable, "-m", "otsreport", "build", "-q", "-f", "pdf", "--render-timeout", "600"]
LANGUAGES = ("en", "hu", "az", "tr")


def timed(args: Sequence[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, check=False, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - started


def same_job(address: str, out: Path, runs: int) -> tuple[float, float]:
    """Medians of `build --force -f pdf` through the cluster and in the local pool."""
    dask, local = [], []
    for _ in range(runs):
        dask.append(timed([*COMMAND, "--force", "-o", str(out), "--executor", address]))
        local.append(timed([*COMMAND, "--force", "-o", str(out), "--executor", "local"]))
    return statistics.median(dask), statistics.median(local)


def dossiers(root: Path, count: int) -> list[Path]:
    """Copies of the sample, each under a title of its own (so its briefs differ)."""
    made = []
    for number in range(count):
        folder = root / f"dossier-{number}"
        shutil.copytree(sample_dossier_dir(), folder)
        meta = folder / "dossier.yaml"
        text = meta.read_text(encoding="utf-8")
        meta.write_text(text.replace("title:\n  en: ", f"title:\n  en: Copy {number} – ", 1))
        made.append(folder)
    return made


def batch(folders: list[Path], out: Path, *extra: str) -> float:
    """Every dossier in every language, one command each, into fresh output folders."""
    shutil.rmtree(out, ignore_errors=True)
    total = 0.0
    for folder in folders:
        for language in LANGUAGES:
            target = out / f"{folder.name}-{language}"
            command = [*COMMAND, "--dossier", str(folder), "--lang", language, "-o", str(target)]
            total += timed([*command, *extra])
    return total


def main(count: int, runs: int) -> None:
    """Prints each row as soon as it is measured (a long run that fails keeps what it has)."""
    print(f"Run: `python benchmarks/cluster.py {count} {runs}` on {time.strftime('%Y-%m-%d')}.")
    print()
    print("| figure | seconds | baseline (s) | ratio | target |")
    print("|---|---:|---:|---:|---|", flush=True)
    with (
        tempfile.TemporaryDirectory() as scratch,
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
    ):
        root = Path(scratch)
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        timed([*COMMAND, "--force", "-o", str(root / "warm-up"), "--executor", address])
        dask, local = same_job(address, root / "same", runs)
        print(
            f"| same job: `build --force -f pdf` (4 briefs), LocalCluster vs local pool "
            f"(median of {runs}) | {dask:.2f} | {local:.2f} | {dask / local:.2f} | ≤ 1.25 |",
            flush=True,
        )
        folders = dossiers(root, count)
        store = str(root / "store")
        cold_local = batch(folders, root / "batch")
        rows = [
            ("LocalCluster, store cold", ("--executor", address, "--store", store)),
            (
                "LocalCluster, store warm (fresh output folders)",
                ("--executor", address, "--store", store),
            ),
            ("local pool, store warm (fresh output folders)", ("--store", store)),
        ]
        briefs = 4 * len(LANGUAGES) * count
        for label, extra in rows:
            seconds = batch(folders, root / "batch", *extra)
            print(
                f"| batch of {briefs} briefs ({4 * count} commands), {label}, vs the local "
                f"pool with no store | {seconds:.1f} | {cold_local:.1f} "
                f"| {seconds / cold_local:.2f} | |",
                flush=True,
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
