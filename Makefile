# Shortcuts for the commands in the README; each is one line you can also type yourself.
.PHONY: setup build test lint bench snapshots catalogs docs

setup:
	bash scripts/setup.sh

build:
	.venv/bin/otsreport build

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check src tests benchmarks scripts
	.venv/bin/mypy

bench:
	.venv/bin/python benchmarks/run.py

snapshots: build
	.venv/bin/python scripts/snapshots.py

catalogs:
	.venv/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --project otsreport --version 0.1.0 -o src/otsreport/locale/otsreport.pot .
	.venv/bin/pybabel update -i src/otsreport/locale/otsreport.pot -d src/otsreport/locale -D otsreport --ignore-obsolete
	.venv/bin/pybabel compile -d src/otsreport/locale -D otsreport

docs:
	DISABLE_MKDOCS_2_WARNING=true NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict
