# newsflow: `make run` sets everything up and runs the flow on data/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= data
OUTPUT ?= data/output
CORPUS ?= ../shared/corpus/bbc
PARAGRAPHS ?= 500000
PEER_FILES ?= 1000
RUNNER ?= auto
HTML_CORPORA ?= ../shared/corpus/bbc ../shared/corpus/aeb ../shared/corpus/readability ../shared/corpus/plain
PORT ?= 4200
PGDATA ?= /tmp/newsflow-postgres

export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install run test test-fast test-faults lint fmt bench bench-stages bench-quality bench-enrich check-html server server-postgres screenshot clean docs

# setup.py compiles some enrichment modules with mypyc (pyproject.toml names them): a change to any
# enrichment module rebuilds them.
$(VENV)/.installed: pyproject.toml requirements.lock setup.py $(wildcard tasks/enrich/*.py)
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

# The unit tier only: pure functions on inline data, no Prefect, no servers (seconds).
test-fast: install
	$(BIN)/python -m pytest -m unit

# The whole fault matrix: ENOSPC, EACCES and SIGKILL at every storage point too (make test samples them).
test-faults: install
	$(BIN)/python -m pytest -m faults tests/commit/test_fault_matrix.py

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmark on CORPUS recombined to PARAGRAPHS paragraphs: floor, peer flow (on PEER_FILES files,
# extrapolated; 0 runs it on all), Prefect no-op flow, base stages, default run, rerun; the last four
# again against a warm Prefect server; the prefect.yaml entrypoint.
bench: install
	$(BIN)/python -m bench.run --corpus $(CORPUS) --paragraphs $(PARAGRAPHS) --runner $(RUNNER) --peer-files $(PEER_FILES)

# µs per paragraph of each stage and enrichment on CORPUS, one core, no Prefect.
bench-stages: install
	$(BIN)/python -m bench.stage_costs --corpus $(CORPUS)

# The lexbor fast path against the BeautifulSoup reference on every markup paragraph of HTML_CORPORA.
check-html: install
	$(BIN)/python -m bench.check_html $(HTML_CORPORA)

# Boilerplate quality: the real flow on every gold set in ../shared/corpus (or QUALITY_CORPUS), with
# keep-all and the per-paragraph oracle beside it. Skips when ../shared is absent.
bench-quality: install
	$(BIN)/python -m bench.quality $(if $(QUALITY_CORPUS),--corpus $(QUALITY_CORPUS))

# Enrichment quality: n_sentences, numbers and quotes on the dev and held-aside cases of bench/dev.
bench-enrich: install
	$(BIN)/python -m bench.enrich_quality

clean:
	rm -rf $(OUTPUT) .pytest_cache

# Regenerate the tables in README.md and docs/*.md from the code (a test fails when they drift).
docs: install
	$(BIN)/python -m flows.docs

# The Prefect server and UI on 127.0.0.1:$(PORT): SQLite under PREFECT_HOME (.prefect/), telemetry off.
server: install
	@echo "Prefect UI: http://127.0.0.1:$(PORT)   (runs go there with: export PREFECT_API_URL=http://127.0.0.1:$(PORT)/api)"
	PREFECT_SERVER_API_HOST=127.0.0.1 PREFECT_SERVER_API_PORT=$(PORT) $(BIN)/prefect server start

# The same on PostgreSQL, as production servers run: Debian's postgresql (apt-get install postgresql),
# its cluster in PGDATA (created on first use; as root it runs as the postgres user), until Ctrl-C.
server-postgres: install
	$(BIN)/python -m bench.servers --data $(PGDATA) --home $(PREFECT_HOME)/postgres-server --port $(PORT)

# Refresh docs/flow-run.png by hand: a run against `make server`, photographed by headless chromium.
screenshot: install
	$(BIN)/python scripts/screenshot.py --port $(PORT) --input $(INPUT) --png docs/flow-run.png
