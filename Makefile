# `make run`: install into .venv and brief the bundled example. `make test`: install dev extras, lint (ruff, mypy,
# import contracts), then test.
# `make llm`: also install what the `llm` tests need (a language-model server and a small model).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean llm

$(BIN)/python:
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsbrief summarize examples/harbor-fire/ --words 120 --format markdown

test: lint
	$(BIN)/python -m pytest

# llama.cpp's server and the gemma-3-270m GGUF for the `llm` tests (pytest -m "not llm" skips them).
llm: $(STAMP)
	PYTHON_BIN=$(BIN)/python bash scripts/install-llm.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py --words 250

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/lint-imports  # the layers and no-cycle contracts in pyproject.toml (docs/architecture.md)

clean:
	rm -rf $(VENV) build *.egg-info
