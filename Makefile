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
# Extra arguments for `dbt build`, e.g. DBT_ARGS="--vars '{as_of_date: 2026-01-31}'".
DBT_ARGS ?=
# A throw-away warehouse for `make test`, so tests never touch the built one.
TEST_WAREHOUSE := $(CURDIR)/target/test/test.duckdb

.PHONY: help setup build test lint dbt-test pytest docs clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DBT_PROFILES_DIR)/profiles.yml: profiles.example.yml
	mkdir -p $(DBT_PROFILES_DIR)
	cp $< $@

setup: $(BIN)/.installed $(DBT_PROFILES_DIR)/profiles.yml  ## create the venv and the dbt profile

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
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory dbt-test
	$(MAKE) --no-print-directory pytest

lint: setup  ## sqlfluff over every model, ruff over the Python
	$(BIN)/sqlfluff lint models analyses tests/singular --processes 2
	$(BIN)/ruff check saas_kpis tests
	$(BIN)/ruff format --check saas_kpis tests

dbt-test: setup  ## dbt seed + build (models, data tests, unit tests) on a throw-away file
	rm -rf $(dir $(TEST_WAREHOUSE)) && mkdir -p $(dir $(TEST_WAREHOUSE))
	DBT_DUCKDB_PATH=$(TEST_WAREHOUSE) $(DBT) build --full-refresh

pytest: setup  ## the pytest suite (each test builds its own warehouse)
	$(BIN)/python -m pytest tests/pytest

docs: build  ## dbt docs as one static page: target/static_index.html
	$(DBT) docs generate --static
	@echo "Open target/static_index.html in a browser (or: $(DBT) docs serve)."

clean:  ## remove the venv, dbt artefacts and local warehouses
	rm -rf $(VENV) .dbt target logs warehouse
