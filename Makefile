# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/coding corpus info corpus
	$(BIN)/coding code corpus --codebook codebooks/child_trafficking.yaml --out reports/run --force
	$(BIN)/coding export reports/run --xlsx reports/frequencies.xlsx --charts reports/charts \
		--format png --format svg --html reports/report.html
	$(BIN)/coding stats series corpus/statistics/article_135_cases.csv --out reports/stats \
		--xlsx reports/article_135.xlsx --charts reports/charts

test: $(TEST_STAMP)
	$(BIN)/ruff check coding tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check coding tests benchmarks

clean:
	rm -rf $(VENV) reports/run reports/charts reports/stats reports/*.xlsx reports/*.html .pytest_cache
