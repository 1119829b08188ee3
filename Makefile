# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/dojo.duckdb

export PYTHONHASHSEED := 0

.PHONY: test run lint venv clean contracts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/pytest --cov=dojo --cov-report=term \
		--cov-fail-under=85 tests
	$(BIN)/python -m tests.coverage_gate

run: $(STAMP)
	$(BIN)/dojo serve --db $(DB) --host 127.0.0.1 --port 8000

contracts: $(STAMP)
	$(BIN)/python -m dojo.contracts events > contracts/events.json
	$(BIN)/python -m dojo.contracts openapi > contracts/openapi.json

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) .pytest_cache .coverage .hypothesis
