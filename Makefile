# newsflow: `make run` sets everything up and runs the flow on data/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= data
OUTPUT ?= data/output
CORPUS ?= ../shared/corpus/bbc
PARAGRAPHS ?= 500000
RUNNER ?= auto
QUALITY_CORPUS ?= ../shared/corpus/aeb
PORT ?= 4200

export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install run test lint fmt bench bench-stages bench-quality bench-enrich server screenshot clean docs

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/newsflow run --input $(INPUT) --output $(OUTPUT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmark on CORPUS recombined to PARAGRAPHS paragraphs: floor, base stages, default run, rerun.
bench: install
	$(BIN)/python -m bench.run --corpus $(CORPUS) --paragraphs $(PARAGRAPHS) --runner $(RUNNER)

# µs per paragraph of each stage and enrichment on CORPUS, one core, no Prefect.
bench-stages: install
	$(BIN)/python -m bench.stage_costs --corpus $(CORPUS)

# Boilerplate quality: the real flow on QUALITY_CORPUS, scored against its gold article bodies.
bench-quality: install
	$(BIN)/python -m bench.quality --corpus $(QUALITY_CORPUS)

# Enrichment quality: n_sentences and numbers (and quotes, when bench/quote_dev.py exists) on bench/dev cases.
bench-enrich: install
	$(BIN)/python -m bench.enrich_quality

clean:
	rm -rf $(OUTPUT) .pytest_cache

docs: install
	$(BIN)/python -m flows.docs README.md

# The Prefect server and UI on 127.0.0.1:$(PORT): SQLite under PREFECT_HOME (.prefect/), telemetry off.
server: install
	@echo "Prefect UI: http://127.0.0.1:$(PORT)   (runs go there with: export PREFECT_API_URL=http://127.0.0.1:$(PORT)/api)"
	PREFECT_SERVER_API_HOST=127.0.0.1 PREFECT_SERVER_API_PORT=$(PORT) $(BIN)/prefect server start

# Refresh docs/flow-run.png by hand: a run against `make server`, photographed by headless chromium.
screenshot: install
	$(BIN)/python scripts/screenshot.py --port $(PORT) --input $(INPUT) --png docs/flow-run.png
