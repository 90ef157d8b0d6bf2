# Two commands: `make serve` (preview with live reload) and `make test` (every test).
# Each creates .venv with the pinned dependencies on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## preview at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## every test: data, built site, real browser
	$(BIN)/python -m pytest

build: $(STAMP)  ## the site into ./site, failing on any warning
	$(BIN)/mkdocs build --strict

clean:
	rm -rf site $(VENV) .pytest_cache
