# Two commands: `make serve` (preview with live reload) and `make test` (every test).
# Each creates .venv with the pinned dependencies on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The checkers the tests run over the built site (Nu Html Checker, axe-core, HTML_CodeSniffer),
# pinned in package-lock.json; install scripts are skipped (vnu-jar's would fetch a Java runtime).
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build offline zensical check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

serve: $(STAMP)  ## preview at http://127.0.0.1:8000 with live reload; rebuilds only what an edit changes (macros/preview.py)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

test: $(STAMP) $(NODE_STAMP)  ## every test: data, built site, HTML validity, real browser
	$(BIN)/python -m pytest

check: $(STAMP)  ## check data and page settings without building; lists every problem
	$(BIN)/python scripts/check.py

build: $(STAMP)  ## the site into ./site, failing on any warning
	$(BIN)/mkdocs build --strict

offline: $(STAMP)  ## a copy to open from a shared folder (file://), into ./site-offline
	RBP_OFFLINE=true $(BIN)/mkdocs build --strict -f mkdocs.offline.yml

zensical: $(STAMP)  ## the same site built by Zensical instead of MkDocs, into ./site-zensical (README, "Two engines")
	$(BIN)/python scripts/zensical_build.py

clean:
	rm -rf site site-offline site-zensical $(VENV) node_modules .pytest_cache
