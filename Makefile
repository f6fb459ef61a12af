# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test fuzz lint i18n clean

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

# The long fuzzing run: FUZZ_EXAMPLES examples shared among the properties of tests/test_fuzz.py, random
# (not the fixed seed of 'make test'). 80,000 took 6 minutes on one core (all passed); 100,000 about 8.
FUZZ_EXAMPLES ?= 100000
fuzz: $(TEST_STAMP)
	CODING_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# The interface catalogs: extract every marked message of coding/ into coding/locale/coding.pot, update the
# kk and ru .po files (new messages come untranslated; tests/test_i18n.py fails until they are translated)
# and compile the .mo files that the package reads. Commit all three.
i18n: $(TEST_STAMP)
	$(BIN)/python tools/i18n.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check coding tests benchmarks

clean:
	rm -rf $(VENV) reports/run reports/charts reports/stats reports/*.xlsx reports/*.html .pytest_cache
