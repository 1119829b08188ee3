# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
DB ?= data/dojo.duckdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export PYTHONHASHSEED := 0

.PHONY: test test-python test-frontend run spa chromium nix-tools hledger lint venv clean contracts bench soak

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

venv: $(STAMP)

# Debian's Chromium for the browser journeys; nothing downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q chromium)

# nix-instantiate checks the flake's syntax offline (nix build runs in GitHub Actions).
nix-tools:
	@command -v nix-instantiate >/dev/null || ($(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q nix-bin)

# Debian's hledger checks the exported journals (docs/decisions/0010-exports.md).
hledger:
	@command -v hledger >/dev/null || ($(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q hledger)

spa: $(NPM_STAMP)
	cd frontend && npm run build

test: test-python test-frontend

test-python: $(STAMP) nix-tools hledger
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest --cov=dojo --cov-report=term --cov-fail-under=85 tests
	$(BIN)/python -m tests.coverage_gate

test-frontend: $(STAMP) $(NPM_STAMP) chromium
	cd frontend && npm run gen:check && npm test && npm run build && npm run e2e

run: $(STAMP) spa
	$(BIN)/dojo serve --db $(DB) --host 127.0.0.1 --port 8000

# Performance figures (docs/benchmarks.md); the test suite runs its smoke mode.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes 10000,100000,1000000 --out benchmarks/results.json 2>bench.log

# Crash safety, nightly style (docs/reliability.md); make test runs the same harness with 20 kills.
soak: $(STAMP)
	DOJO_CRASH_KILLS=100 $(BIN)/pytest -q -s -p no:cacheprovider tests/crash

contracts: $(STAMP)
	$(BIN)/python -m dojo.contracts events > contracts/events.json
	$(BIN)/python -m dojo.contracts openapi > contracts/openapi.json
	cd frontend && npm run gen

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .coverage .hypothesis frontend/node_modules frontend/dist
