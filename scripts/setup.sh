#!/usr/bin/env bash
# Sets up otsreport for building briefs on a Debian or Ubuntu machine: the system libraries
# and fonts WeasyPrint needs, and a virtual environment in .venv with otsreport. Nothing the
# tests alone need (Chromium, Java, PDF tools): scripts/test.sh adds those. Safe to run again.
# Without root (and without sudo), it says which system packages are missing and how to get
# them, and still sets up the Python side.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0  # WeasyPrint
  fonts-noto-core    # Noto Serif and Sans: Azerbaijani, Hungarian and Turkish letters
)

source scripts/system-packages.sh
install_system_packages "${BUILD_PACKAGES[@]}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
echo "Ready: .venv/bin/otsreport --help (and .venv/bin/otsreport doctor)"
