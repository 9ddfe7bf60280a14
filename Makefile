# Two commands: `make setup` (once; quick when nothing changed), then `make report` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup report test lint format clean bench

setup: $(STAMP)

# Re-install only when the package metadata changes; `pip install -e` picks up code edits by itself.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Analyse seeds/ into reports/data/, then write the three HTML reports into reports/.
report: setup
	$(BIN)/workbench render seeds/ --out reports

test: setup
	$(BIN)/ruff check workbench tests benchmarks
	$(BIN)/ruff format --check workbench tests benchmarks
	$(BIN)/lint-imports --no-cache  # stages import only downward, no cycle (.importlinter)
	# two workers, each test file kept on one (its module fixtures are built once): about 6 min
	# on 2 cores instead of 10; `pytest tests/...` alone still runs in one process
	$(BIN)/python -m pytest -n 2 --dist loadfile

format: setup
	$(BIN)/ruff format workbench tests benchmarks
	$(BIN)/ruff check --fix workbench tests benchmarks

# Speed and scale-out benchmark (about 15-25 minutes on 2 cores): `make bench BENCH_ARGS="--sizes 100,1000"`.
bench: setup
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf reports .pytest_cache .ruff_cache
