"""Pictures of every brief for a reviewer: page 1 of each PDF and a screenshot of each HTML.

    .venv/bin/python scripts/snapshots.py [BUILD_DIR] [--out review]

BUILD_DIR defaults to build/azerbaijan-hungary-ots (run `otsreport build` first). Uses
poppler's pdftoppm and headless Chromium, both installed by scripts/setup.sh.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def snapshot(build_dir: Path, out: Path, width: int = 1280, height: int = 1800) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for pdf in sorted(build_dir.glob("*.pdf")):
        stem = out / f"{pdf.stem}-pdf-page1"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        made.append(stem.with_suffix(".png"))
    chromium = shutil.which("chromium")
    for html in sorted(build_dir.glob("*.html")):
        if chromium is None:
            print("no chromium: HTML screenshots skipped")
            break
        target = out / f"{html.stem}-html.png"
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    chromium,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={profile}",
                    f"--window-size={width},{height}",
                    f"--screenshot={target}",
                    html.resolve().as_uri(),
                ],
                check=True,
                capture_output=True,
            )
        made.append(target)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", nargs="?", default="build/azerbaijan-hungary-ots", type=Path)
    parser.add_argument("--out", default=Path("review"), type=Path)
    arguments = parser.parse_args()
    for path in snapshot(arguments.build_dir, arguments.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
