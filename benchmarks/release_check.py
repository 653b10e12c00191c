"""What the release check costs a build (issue 28: at most 10% of building the sample briefs).

Two measures, each against a baseline taken in the same run:
- the whole command, `otsreport build --force` for every audience in HTML, PDF and Word, with
  the check (the default) and with `--no-release-check`, best of several runs;
- the check alone, in process: every file of that build read back and checked, against the
  time the same build took.

Run: `python benchmarks/release_check.py`; prints a Markdown section for BENCHMARKS.md.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

OTSREPORT = str(Path(sys.executable).with_name("otsreport"))
FORMATS = ["-f", "html", "-f", "pdf", "-f", "docx"]
REPEATS = 3


def best_build(out: Path, *extra: str) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        args = [OTSREPORT, "build", "--force", *FORMATS, "-o", str(out), *extra]
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def check_alone() -> tuple[float, int]:
    """Seconds to read back and check every file of the build, in this process."""
    from otsreport.audiences import audience_folders, load_audience
    from otsreport.build import BuildOptions, render
    from otsreport.check import check_reading, read_brief
    from otsreport.paths import sample_dossier_dir
    from otsreport.select.stage import Inputs

    options = BuildOptions(formats=("html", "pdf", "docx"), release_check=False)
    result = render(options)
    inputs = Inputs(options, sample_dossier_dir())
    index = {
        name: inputs.select(load_audience(name, folder=folder)).check
        for name, folder in audience_folders().items()
    }
    started = time.perf_counter()
    for output in result.outputs:
        found = index[output.audience]
        assert found is not None
        report = check_reading(read_brief(output.data), found)
        assert report.clean, (output.path, report.findings)
    return time.perf_counter() - started, len(result.outputs)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        args = [OTSREPORT, "build", *FORMATS, "-o", str(out)]
        subprocess.run(args, check=True, capture_output=True)
        unchecked = best_build(out, "--no-release-check")
        checked = best_build(out)
    alone, files = check_alone()
    print("## The release check (issue 28)\n")
    print(
        "`otsreport build --force` of the sample, 4 audiences in HTML, PDF and Word (12 "
        "files), 2 workers, best of 3; the check alone is every one of those files read back "
        "(every channel) and checked in one process.\n"
    )
    print("| figure | with the check (s) | baseline (s) | ratio | target |")
    print("|---|---:|---:|---:|---|")
    rows = [
        ("`build --force` vs `--no-release-check`", checked, "≤ 1.10"),
        (f"the check alone ({files} files) vs that build", alone, "≤ 0.10"),
    ]
    for figure, seconds, target in rows:
        ratio = seconds / unchecked
        print(f"| {figure} | {seconds:.2f} | {unchecked:.2f} | {ratio:.2f} | {target} |")


if __name__ == "__main__":
    main()
