"""Peak memory of a command, measured the same way by every benchmark."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def peak_memory_mib(args: Sequence[str], cwd: Path) -> float:
    """Peak resident memory of the command's largest process, from the kernel's accounting.

    Through a small launcher that forks the command itself: a process forked from this one
    would inherit this process's peak (the kernel keeps it across exec), so a small command
    would seem as large as the benchmark.
    """
    launcher = (
        "import os, sys\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os.execvp(sys.argv[1], sys.argv[1:])\n"
        "_, status, usage = os.wait4(pid, 0)\n"
        "print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", launcher, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    peak, code = done.stdout.split()[-2:]
    assert code == "0", (args, done.stderr[-2000:])
    return int(peak) / 1024
