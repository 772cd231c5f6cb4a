# Two commands do everything on a fresh clone: `make build` and `make test`.
# Each sets up the virtual environment and the dbt profile first, so nothing is
# installed or copied by hand.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt

export DBT_PROFILES_DIR := $(CURDIR)/.dbt
export DBT_DUCKDB_PATH ?= $(CURDIR)/warehouse/saas_kpis.duckdb
# The copy dashboards read, replaced atomically after each good build (README, "BI").
SERVING_PATH ?= $(CURDIR)/warehouse/serving/saas_kpis.duckdb
# Extra arguments for `dbt build`, e.g. DBT_ARGS="--vars '{saas_kpis_as_of_date: 2026-01-31}'".
DBT_ARGS ?=
# A throw-away warehouse for `make test`, so tests never touch the built one.
TEST_PROJECT_DIR := $(CURDIR)/target/test
TEST_WAREHOUSE := $(TEST_PROJECT_DIR)/test.duckdb
# Each warehouse keeps its own dbt artifacts (manifest, run results, partial parse):
# the manifest names the warehouse's database (its file name), and MetricFlow reads
# the manifest to find the tables. `make build`'s warehouse uses dbt's default,
# target/, where `mf` looks; every other warehouse gets target/<name>/, with its
# artifacts in target/<name>/target and a link to dbt_project.yml, so that
# `DBT_PROJECT_DIR=target/<name> mf ...` queries that warehouse (MetricFlow reads
# <project dir>/target/semantic_manifest.json, and has no option to read another).
# The folder `mf` uses as the dbt project (see above): the built warehouse's by default.
SEMANTIC_PROJECT_DIR ?= $(CURDIR)

.PHONY: help setup build test lint dbt-test semantic-check pytest test-package docs clean generate generate-delta build-generated build-generated-delta

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DBT_PROFILES_DIR)/profiles.yml: profiles.example.yml
	mkdir -p $(DBT_PROFILES_DIR)
	cp $< $@

# The demo seeds (seeds/demo/*.csv and their properties, _demo__seeds.yml) are written
# from the story files in demo_story/ and the seeded background of saas_kpis/demo/
# (seeds/demo/README.md), again whenever one of them is newer than the seeds; every
# target that loads them needs `setup`.
DEMO_TABLES := accounts users onboarding_events product_events subscriptions \
	survey_responses tickets ticket_events marketing_spend
DEMO_SEEDS := $(foreach table,$(DEMO_TABLES),seeds/demo/$(table).csv) seeds/demo/_demo__seeds.yml
DEMO_SOURCES := $(shell find demo_story saas_kpis/demo -name '*.csv' -o -name '*.yml' \
	-o -name '*.py') \
	seeds/config/onboarding_steps.csv saas_kpis/raw_contract.py

$(DEMO_SEEDS) &: $(DEMO_SOURCES) $(BIN)/.installed
	$(BIN)/python -m saas_kpis.demo

setup: $(BIN)/.installed $(DBT_PROFILES_DIR)/profiles.yml $(DEMO_SEEDS)  ## create the venv and the dbt profile, write the demo seeds

build: setup  ## build the whole warehouse on DuckDB from the demo data, then publish it
	mkdir -p $(dir $(DBT_DUCKDB_PATH))
	$(DBT) seed --full-refresh
	$(DBT) build --exclude resource_type:seed $(DBT_ARGS)
	$(BIN)/python -m saas_kpis.serving --build $(DBT_DUCKDB_PATH) --serving $(SERVING_PATH)
	@echo
	@echo "Warehouse built:  $(DBT_DUCKDB_PATH)"
	@echo "Serving copy for dashboards (marts, audit): $(SERVING_PATH)"
	@echo "Query it:  $(BIN)/python -c \"import duckdb; print(duckdb.connect('$(SERVING_PATH)', read_only=True).sql('select * from marts.kpi_mrr order by month'))\""

test: setup  ## lint, build and test everything on a throw-away warehouse, then pytest
	# Two steps at a time keep both cores busy (dbt's Python leaves one mostly idle);
	# --output-sync prints each one's output whole. Lint, the longest step, runs beside
	# the test warehouse's build and MetricFlow's check of it; then pytest (copies of
	# that warehouse) beside test-package (parity reads it read-only).
	$(MAKE) --no-print-directory -j2 --output-sync=target lint test-warehouse
	$(MAKE) --no-print-directory -j2 --output-sync=target pytest test-package \
		DEMO_WAREHOUSE=$(TEST_WAREHOUSE) PACKAGE_PARITY_FROM=$(TEST_WAREHOUSE)

# `make test`'s warehouse: dbt-test, then the semantic layer validated against it.
.PHONY: test-warehouse
test-warehouse: dbt-test
	$(MAKE) --no-print-directory semantic-check DBT_DUCKDB_PATH=$(TEST_WAREHOUSE) \
		SEMANTIC_PROJECT_DIR=$(TEST_PROJECT_DIR)

lint: setup  ## sqlfluff over every model, ruff over the Python
	$(BIN)/sqlfluff lint models analyses tests/singular integration_tests/models --processes 2
	$(BIN)/ruff check saas_kpis dashboard tests
	$(BIN)/ruff format --check saas_kpis dashboard tests

dbt-test: setup  ## dbt seed + build (models, data tests, unit tests) on a throw-away file
	rm -rf $(TEST_PROJECT_DIR) && mkdir -p $(TEST_PROJECT_DIR)
	ln -s $(CURDIR)/dbt_project.yml $(TEST_PROJECT_DIR)/dbt_project.yml
	# The demo raw data first: staging reads it through source(), which dbt cannot
	# order after the seeds that load it. Then everything else (selectors.yml, `full`).
	DBT_DUCKDB_PATH=$(TEST_WAREHOUSE) $(DBT) seed --full-refresh --select path:seeds/demo \
		--target-path $(TEST_PROJECT_DIR)/target
	DBT_DUCKDB_PATH=$(TEST_WAREHOUSE) $(DBT) build --full-refresh --selector full \
		--target-path $(TEST_PROJECT_DIR)/target

# ---- semantic layer (issue 11) ----------------------------------------------------
# MetricFlow reads the dbt project and profile (DBT_PROFILES_DIR above) and checks the
# semantic models and metrics (models/semantic), then runs their queries against the
# warehouse at DBT_DUCKDB_PATH, as named by the artifacts in SEMANTIC_PROJECT_DIR/target:
# build it first (`make test` points both at its own).
semantic-check: setup  ## MetricFlow: validate the semantic layer against the built warehouse
	DBT_PROJECT_DIR=$(SEMANTIC_PROJECT_DIR) $(BIN)/mf validate-configs
# ---- end semantic layer ----------------------------------------------------------

# Set by `make test` to the warehouse dbt-test just built, so pytest reads it instead of
# building the demo data again; empty, pytest builds its own.
DEMO_WAREHOUSE ?=

# The suite runs on two workers (pytest-xdist): its dbt calls are mostly single-threaded
# Python, so two at once use both cores. A test module stays on one worker
# (--dist loadscope), so a module's shared warehouse is built once; the modules are
# handed out longest first (tests/pytest/conftest.py, LONGEST_MODULES_FIRST), not by
# their number of tests (xdist's default, --loadscope-reorder).
PYTEST_ARGS ?= -n 2 --dist loadscope --no-loadscope-reorder

pytest: setup  ## the pytest suite (each test builds its own warehouse)
	SAAS_KPIS_DEMO_WAREHOUSE=$(DEMO_WAREHOUSE) $(BIN)/python -m pytest tests/pytest $(PYTEST_ARGS)

# docs/kpis.md is generated from the marts' yml and doc blocks (saas_kpis/kpi_docs.py);
# tests/pytest/test_docs.py fails when it is stale.
.PHONY: kpi-docs
kpi-docs: setup  ## regenerate docs/kpis.md from the marts' yml and doc blocks
	$(DBT) parse
	$(BIN)/python -m saas_kpis.kpi_docs --manifest target/manifest.json --out docs/kpis.md

# ---- dashboards (issue 18) ---------------------------------------------------------
# Streamlit over the serving copy (README, "Dashboards"); settings in .streamlit/.
DASHBOARD_PORT ?= 8501

.PHONY: dashboard test-browser
dashboard: setup  ## the dashboards on 127.0.0.1, port DASHBOARD_PORT=8501 (after make build)
	SAAS_KPIS_SERVING_PATH=$(SERVING_PATH) $(BIN)/python -m streamlit run dashboard/app.py \
		--server.port $(DASHBOARD_PORT)

# Needs Debian's chromium (/usr/bin/chromium; .ci/run installs it). DEMO_WAREHOUSE as for
# pytest: CI passes the warehouse `make test` built; empty, the test builds its own.
test-browser: setup  ## the dashboards in headless Chromium: every page, screenshots to docs/images
	SAAS_KPIS_DEMO_WAREHOUSE=$(DEMO_WAREHOUSE) PYTHONPATH=tests/pytest \
		$(BIN)/python -m pytest tests/browser -p no:cacheprovider
# ---- end dashboards ----------------------------------------------------------------

docs: build  ## dbt docs as one static page: target/static_index.html
	$(DBT) docs generate --static
	@echo "Open target/static_index.html in a browser (or: $(DBT) docs serve)."

# ---- package install (issue 21) ---------------------------------------------------
# integration_tests/ is a team's own dbt project with this one installed as a package
# (packages.yml: local: ../). Its raw data is the demo CSVs, loaded into its own schema
# `landing` (and its onboarding steps into `team_config`); its marts land in
# `main_marts` (dbt's <target schema>_<schema> in a consumer, README) and must equal the
# root project's build of the same data: PACKAGE_PARITY_FROM (`make test` passes the
# warehouse it has just built), else a root build made here (models only).
PACKAGE_OUT := $(CURDIR)/target/package
PACKAGE_WAREHOUSE := $(PACKAGE_OUT)/consumer.duckdb
PACKAGE_PARITY_FROM ?=
PACKAGE_ROOT_WAREHOUSE = $(or $(PACKAGE_PARITY_FROM),$(PACKAGE_OUT)/root.duckdb)

test-package: setup  ## install the project as a package in integration_tests/, build, compare marts
	rm -rf $(PACKAGE_OUT) && mkdir -p $(PACKAGE_OUT)
	$(BIN)/python -m saas_kpis.load_raw --csv seeds/demo --schema landing \
		--warehouse $(PACKAGE_WAREHOUSE)
	$(BIN)/python -m saas_kpis.load_raw --csv seeds/config/onboarding_steps.csv \
		--schema team_config --warehouse $(PACKAGE_WAREHOUSE)
	cd integration_tests && DBT_DUCKDB_PATH=$(PACKAGE_WAREHOUSE) ../$(DBT) deps \
		--log-path $(PACKAGE_OUT)/consumer_logs
	cd integration_tests && DBT_DUCKDB_PATH=$(PACKAGE_WAREHOUSE) ../$(DBT) build \
		--target-path $(PACKAGE_OUT)/consumer_target --log-path $(PACKAGE_OUT)/consumer_logs
	$(if $(PACKAGE_PARITY_FROM),,DBT_DUCKDB_PATH=$(PACKAGE_ROOT_WAREHOUSE) $(DBT) seed \
		--target-path $(PACKAGE_OUT)/root_target)
	$(if $(PACKAGE_PARITY_FROM),,DBT_DUCKDB_PATH=$(PACKAGE_ROOT_WAREHOUSE) $(DBT) run \
		--target-path $(PACKAGE_OUT)/root_target)
	$(BIN)/python -m saas_kpis.parity --duckdb $(PACKAGE_ROOT_WAREHOUSE) \
		consumer=$(PACKAGE_WAREHOUSE) --candidate-schema main_marts
# ---- end package install -----------------------------------------------------------

# ---- the scheduled run (issue 20) ------------------------------------------------
# `make nightly`: dbt source freshness (a stale raw table stops the run before any model
# builds), dbt build --selector nightly, the run history appended to the warehouse, then
# the serving copy, only when the build passed (saas_kpis/nightly.py; README, "Schedule
# it"); `make intraday`, the same for the hourly run. NIGHTLY_VARS: dbt vars for every
# step, e.g. NIGHTLY_VARS='{saas_kpis_raw_freshness_error_after_days: 7}'.
NIGHTLY_VARS ?=
NIGHTLY := $(BIN)/python -m saas_kpis.nightly --warehouse $(DBT_DUCKDB_PATH) --serving $(SERVING_PATH)

.PHONY: nightly intraday nightly-retry
nightly: setup  ## scheduled run: freshness, build --selector nightly, history, publish
	$(NIGHTLY) $(if $(NIGHTLY_VARS),--vars '$(NIGHTLY_VARS)')

intraday: setup  ## hourly run: the same with --selector intraday (support, health)
	$(NIGHTLY) --selector intraday $(if $(NIGHTLY_VARS),--vars '$(NIGHTLY_VARS)')

nightly-retry: setup  ## after a failed nightly or intraday build: dbt retry, history, publish
	$(NIGHTLY) --retry
# ---- end scheduled run -----------------------------------------------------------

# ---------------------------------------------------------------------------------
# Generated data at scale: python -m saas_kpis.generate / saas_kpis.load_raw.
#   make generate ACCOUNTS=10000 MONTHS=12 SEED=7   -> generated/10000/
#   make build-generated ACCOUNTS=10000             -> warehouse/generated_10000.duckdb
#   make generate-delta ACCOUNTS=10000 DAY=1        -> generated/10000/delta_1/
#   make build-generated-delta ACCOUNTS=10000 DAY=1 -> append it, incremental dbt build
ACCOUNTS ?= 10000
MONTHS ?= 12
SEED ?= 7
DIRTY_RATE ?= 0
DAY ?= 1
GENERATED_DIR := generated/$(ACCOUNTS)
GENERATED_WAREHOUSE := $(CURDIR)/warehouse/generated_$(ACCOUNTS).duckdb
# Its dbt artifacts, apart from the built warehouse's (see TEST_PROJECT_DIR).
GENERATED_PROJECT_DIR := $(CURDIR)/target/generated_$(ACCOUNTS)
GENERATED_VARS := --vars '{saas_kpis_load_demo_data: false}' \
	--target-path $(GENERATED_PROJECT_DIR)/target

generate: setup  ## raw tables as Parquet: ACCOUNTS=10000 MONTHS=12 SEED=7 [DIRTY_RATE=0]
	$(BIN)/python -m saas_kpis.generate --accounts $(ACCOUNTS) --months $(MONTHS) \
		--seed $(SEED) --dirty-rate $(DIRTY_RATE) --out $(GENERATED_DIR)

generate-delta: setup  ## one more day of raw data for generated/<ACCOUNTS>: DAY=1
	$(BIN)/python -m saas_kpis.generate --delta-of $(GENERATED_DIR) --day $(DAY)

build-generated: setup  ## load generated/<ACCOUNTS> into its own warehouse, dbt seed + build
	@test -f $(GENERATED_DIR)/manifest.json || \
		{ echo "No $(GENERATED_DIR): run 'make generate ACCOUNTS=$(ACCOUNTS)' first."; exit 1; }
	$(BIN)/python -m saas_kpis.load_raw --data $(GENERATED_DIR) --warehouse $(GENERATED_WAREHOUSE)
	mkdir -p $(GENERATED_PROJECT_DIR)
	ln -sfn $(CURDIR)/dbt_project.yml $(GENERATED_PROJECT_DIR)/dbt_project.yml
	DBT_DUCKDB_PATH=$(GENERATED_WAREHOUSE) $(DBT) seed --full-refresh $(GENERATED_VARS)
	DBT_DUCKDB_PATH=$(GENERATED_WAREHOUSE) $(DBT) build --full-refresh \
		--exclude resource_type:seed $(GENERATED_VARS)

build-generated-delta: setup  ## append generated/<ACCOUNTS>/delta_<DAY>, incremental dbt build
	$(BIN)/python -m saas_kpis.load_raw --data $(GENERATED_DIR)/delta_$(DAY) \
		--warehouse $(GENERATED_WAREHOUSE) --append
	DBT_DUCKDB_PATH=$(GENERATED_WAREHOUSE) $(DBT) build --exclude resource_type:seed \
		$(GENERATED_VARS)
# ---------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------
# Benchmark: python -m saas_kpis.bench (README, "Performance"). For each size it
# generates data, builds the warehouse, appends one more day, runs the incremental
# build, checks it against a full refresh, and writes target/bench/bench.{json,md}.
# CI runs it at 1,000 accounts as a smoke test (BENCH_SIZES=1000).
BENCH_SIZES ?= 10000 100000
BENCH_OUT ?= $(CURDIR)/target/bench

.PHONY: bench
bench: setup  ## benchmark: generate, full build, +1 day incremental build (BENCH_SIZES)
	$(BIN)/python -m saas_kpis.bench --sizes $(BENCH_SIZES) --out $(BENCH_OUT)
# ---------------------------------------------------------------------------------

clean:  ## remove the venv, dbt artefacts and local warehouses
	rm -rf $(VENV) .dbt target logs warehouse
	rm -rf integration_tests/dbt_packages integration_tests/package-lock.yml

# ---------------------------------------------------------------------------------
# Engines: the same project, the same numbers, on PostgreSQL and Spark (issue 9).
# Each engine target builds the demo warehouse (seed + build + an incremental re-run)
# and exports its marts to target/engines/<engine>/; `parity` builds DuckDB (models
# only: `make test` tests DuckDB; or copies PARITY_FROM) and compares every mart
# row by row.
# The engine adapters come from requirements-engines.txt, installed only here.
# ---------------------------------------------------------------------------------
ENGINES_OUT := $(CURDIR)/target/engines
PARITY_ENGINES ?= postgres spark
# Spark spends seconds per query even on demo data: by default it builds the models
# and runs the unit tests, and parity checks its marts; TEST_SPARK_ARGS= runs every
# data test as well (PostgreSQL always does).
TEST_SPARK_ARGS ?= --tests unit

.PHONY: engines-setup test-postgres test-spark parity test-engines

$(BIN)/.engines-installed: requirements-engines.txt $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-engines.txt
	touch $@

engines-setup: setup $(BIN)/.engines-installed  ## install dbt-postgres and dbt-spark[session]

test-postgres: engines-setup  ## build + test on a throw-away PostgreSQL server, export the marts
	$(BIN)/python -m saas_kpis.engines postgres --out $(ENGINES_OUT)/postgres
	# Late-arriving facts on PostgreSQL: incremental build = full refresh (its own server).
	SAAS_KPIS_ENGINE_TESTS=1 $(BIN)/python -m pytest tests/pytest/test_late_arriving_facts.py \
		-k postgres

test-spark: engines-setup  ## build + test on Spark (session mode, temp dir), export the marts
	$(BIN)/python -m saas_kpis.engines spark --out $(ENGINES_OUT)/spark $(TEST_SPARK_ARGS)

# PARITY_FROM: a DuckDB warehouse this same project was just seeded and built into with
# the same vars (.ci/run passes the one `make test` built and tested); parity then copies
# it and only re-runs the incremental models instead of seeding and building again.
PARITY_FROM ?=

parity: engines-setup  ## build DuckDB (or copy PARITY_FROM), compare its marts with the engines' exports
	$(BIN)/python -m saas_kpis.engines duckdb --out $(ENGINES_OUT)/duckdb --tests none \
		$(if $(PARITY_FROM),--from-warehouse $(PARITY_FROM))
	$(BIN)/python -m saas_kpis.parity --duckdb $(ENGINES_OUT)/duckdb/warehouse.duckdb \
		$(foreach engine,$(PARITY_ENGINES),$(engine)=$(ENGINES_OUT)/$(engine))

# The connectors' fixtures built on PostgreSQL, their marts compared with the contract
# story's on DuckDB (README, "Connectors"; `make test` runs the DuckDB side).
.PHONY: test-connectors-postgres
test-connectors-postgres: engines-setup  ## connectors' story on PostgreSQL vs the contract story
	SAAS_KPIS_ENGINE_TESTS=1 $(BIN)/python -m pytest tests/pytest/test_connectors.py -k postgres -q

test-engines:  ## test-postgres + test-spark + parity (after `make test` in CI)
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-spark
	$(MAKE) --no-print-directory parity
