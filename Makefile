# `make run`: install into .venv and brief the bundled example. `make test` (CI) = `make check`: install dev
# extras, lint (ruff, mypy, import contracts), then the tests. `make golden`: rewrite tests/golden/.
# `make llm`: also install what the `llm` tests need (a language-model server and a small model).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check golden bench lint clean llm

$(BIN)/python:
	$(shell command -v $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsbrief summarize examples/harbor-fire/ --words 120 --format markdown

test: check

check: lint
	$(BIN)/python -m pytest

# After a deliberate change to the briefs: rewrite tests/golden/ (review `git diff tests/golden/` before committing);
# a quality floor only goes down with `make golden GOLDEN_FLAGS=--lower-floors`.
golden: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py tests/test_quality_gate.py --update-golden $(GOLDEN_FLAGS)

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
