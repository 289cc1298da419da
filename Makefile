# gongwen — every target sets up what it needs: a fresh machine only needs python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/demo

.PHONY: install demo test eval corpus clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/gongwen extract corpus/documents --roster corpus/roster.yaml --format text --output $(OUT)

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m corpus.evaluate

corpus: install
	$(BIN)/python -m corpus.build

clean:
	rm -rf $(VENV) out .pytest_cache
