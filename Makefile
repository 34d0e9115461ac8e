# The two commands of the README, and a few helpers. Each installs what it needs first.
.PHONY: site test serve catalogs check-catalogs benchmark

export NO_MKDOCS_2_WARNING := 1

## Build the whole site into site/ (every language).
site:
	scripts/setup.sh build
	.venv/bin/mkdocs build

## Run the whole test suite (installs Chromium and the other test tools on a fresh machine),
## on every core (pytest-xdist; the built site and the printouts are made once for all workers).
test:
	scripts/setup.sh test
	.venv/bin/python -m pytest -n auto

## Preview while editing; KYR_LANGS=es make serve previews one language; PORT=8001 another port.
serve:
	scripts/setup.sh build
	.venv/bin/python scripts/serve.py

## Bring every catalog in line with the English source.
catalogs:
	scripts/setup.sh build
	.venv/bin/python scripts/i18n.py update

check-catalogs:
	scripts/setup.sh build
	.venv/bin/python scripts/i18n.py update --check

## Print the build-time, printout and page-weight/Lighthouse figures (benchmarks/*.py).
benchmark:
	scripts/setup.sh test
	.venv/bin/python benchmarks/build.py
	.venv/bin/python benchmarks/prints.py
	.venv/bin/python benchmarks/site.py
