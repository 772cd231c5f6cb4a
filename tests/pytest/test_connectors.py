"""Connectors (README, "Connectors"): the project built from connector-shaped tables
(Fivetran Stripe, Fivetran Zendesk Support, Segment; seeds/connectors) must publish
the same marts as the project built from the same story in the raw contract's shape
(raw.story_*), compared row by row with the parity comparator. Bad connector rows
reach the audit with a reason naming the cause, deleted rows reach nothing, and a
missing connector table or required column stops the build naming it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, DbtRun, query
from saas_kpis import parity

# Both builds report on the same day, whatever their own latest events say.
COMMON_VARS = {"saas_kpis_load_connector_fixtures": True, "saas_kpis_as_of_date": "2026-03-18"}
# The story in the raw contract's shape: the raw tables the connectors replace are
# read from raw.story_<table>; every other raw table is the demo's.
CONTRACT_VARS = {
    **COMMON_VARS,
    "saas_kpis_raw_subscriptions_identifier": "story_subscriptions",
    "saas_kpis_raw_tickets_identifier": "story_tickets",
    "saas_kpis_raw_ticket_events_identifier": "story_ticket_events",
    "saas_kpis_raw_product_events_identifier": "story_product_events",
}
# The same story from the connectors' own tables (their default schemas).
CONNECTOR_VARS = {
    **COMMON_VARS,
    "saas_kpis_billing_source": "fivetran_stripe",
    "saas_kpis_support_source": "fivetran_zendesk",
    "saas_kpis_fivetran_zendesk_category_source": "field",
    "saas_kpis_fivetran_zendesk_category_field": "custom_issue_type",
    "saas_kpis_product_events_source": "segment",
}


@pytest.fixture(scope="module")
def contract_build(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    run = DbtRun(tmp_path_factory.mktemp("contract_story"))
    run("seed", "--full-refresh", dbt_vars=CONTRACT_VARS)
    run("run", dbt_vars=CONTRACT_VARS)
    return run


@pytest.fixture(scope="module")
def connector_build(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """Seeded and built with every data and unit test (the adapters' included), then
    the incremental models run once more (their incremental path over the adapters)."""
    run = DbtRun(tmp_path_factory.mktemp("connector_story"))
    run("seed", "--full-refresh", dbt_vars=CONNECTOR_VARS)
    run("build", "--exclude", "resource_type:seed", dbt_vars=CONNECTOR_VARS)
    run("run", "--select", "config.materialized:incremental", dbt_vars=CONNECTOR_VARS)
    return run


def test_every_mart_equals_the_contract_story(
    contract_build: DbtRun, connector_build: DbtRun
) -> None:
    tables = parity.list_tables(contract_build.warehouse)
    assert "kpi_mrr" in tables and "fct_tickets" in tables, tables
    problems: list[str] = []
    for table in tables:
        reference, keys = parity.read_duckdb(contract_build.warehouse, table)
        candidate, _ = parity.read_duckdb(connector_build.warehouse, table)
        problems += parity.compare(table, reference, candidate, keys, "connectors")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(
    os.environ.get("SAAS_KPIS_ENGINE_TESTS") != "1",
    reason="needs PostgreSQL server binaries and dbt-postgres; set SAAS_KPIS_ENGINE_TESTS=1",
)
def test_every_mart_from_the_connectors_on_postgres_equals_the_contract_story(
    contract_build: DbtRun, tmp_path: Path
) -> None:
    # The connectors' build on a throw-away PostgreSQL server (saas_kpis.engines), its
    # marts compared with the DuckDB build of the contract story.
    out = tmp_path / "postgres"
    command = [sys.executable, "-m", "saas_kpis.engines", "postgres", "--out", str(out)]
    command += ["--vars", json.dumps(CONNECTOR_VARS), "--no-incremental-rerun"]
    command += ["--tests", "none"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    problems = parity.check(contract_build.warehouse, {"postgres": out})
    assert not problems, "\n".join(problems)


def test_bad_connector_rows_reach_the_audit_with_their_cause(connector_build: DbtRun) -> None:
    # Every raw row of these tables came from a connector fixture.
    rejected = dict(
        query(
            connector_build.warehouse,
            "select source_table || ' ' || record_key, rejection_kind || ': ' || rejection_reason"
            " from audit.rejected_rows"
            " where source_table in"
            " ('subscriptions', 'tickets', 'ticket_events', 'product_events')",
        )
    )
    assert rejected == {
        "subscriptions sub_999_1|2025-06-01T10:00:00Z": "orphan_foreign_key: account_id 'stripe"
        " customer cus_999 without metadata account_id' is not in the clean accounts",
        "subscriptions sub_998_1|2025-07-01T10:00:00Z": "unknown_currency: currency 'SEK' is not"
        " in the currency_rates seed",
        "tickets 7": "orphan_foreign_key: account_id 'zendesk organization 999 unknown' is not in"
        " the clean accounts",
        "tickets 8": "orphan_foreign_key: account_id 'zendesk organization 907 without"
        " external_id' is not in the clean accounts",
        "ticket_events comment:7006": "orphan_foreign_key: ticket_id '7' is not in the clean"
        " tickets",
        "ticket_events comment:7007": "orphan_foreign_key: ticket_id '8' is not in the clean"
        " tickets",
        "product_events evt_seg_901": "orphan_foreign_key: account_id 'segment user usr_ghost"
        " without account' is not in the clean accounts",
        "product_events evt_seg_902": "missing_required: user_id is missing",
    }


def test_deleted_connector_rows_are_neither_facts_nor_rejections(
    connector_build: DbtRun,
) -> None:
    # Marked _fivetran_deleted: sub_997_1's only history row, ticket 9, comment 7999.
    found = query(
        connector_build.warehouse,
        "select record_key from staging.base_billing__subscriptions"
        " where record_key like 'sub_997_1%'"
        " union all select record_key from staging.base_support__tickets where record_key = '9'"
        " union all select record_key from staging.base_support__ticket_events"
        " where record_key = 'comment:7999'"
        " union all select record_key from audit.rejected_rows"
        " where record_key in ('9', 'comment:7999') or record_key like 'sub_997_1%'",
    )
    assert found == []


@pytest.mark.parametrize(
    ("connector_vars", "message"),
    [
        (
            {"saas_kpis_fivetran_stripe_price_identifier": "no_such_table"},
            "Raw table fivetran_stripe.price",
        ),
        # product has no recurring_interval, a column the adapter needs
        (
            {"saas_kpis_fivetran_stripe_price_identifier": "product"},
            "is missing required column(s): recurring_interval",
        ),
    ],
)
def test_a_missing_connector_table_or_column_stops_the_build_naming_it(
    connector_build: DbtRun, connector_vars: dict, message: str
) -> None:
    result = connector_build(
        "run",
        "--select",
        "fivetran_stripe__subscriptions",
        dbt_vars={**CONNECTOR_VARS, **connector_vars},
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stdout, result.stdout[-3000:]
