"""The incremental product-events base model: a run after new loads gives the same
table as a full refresh, whatever the new rows are (a later copy of a known event, rows
without an event_id, an unparseable _loaded_at, an event whose account arrives one load
later), and re-running changes nothing."""

from __future__ import annotations

import duckdb
from raw_tables import clean_rows, load_raw

from conftest import DbtRun, query

NO_DEMO = {"saas_kpis_load_demo_data": False}
SELECTION = ["--select", "+base_app__product_events", "stg_app__product_events"]
LATER = "2025-06-03T00:00:00Z"  # a load two days after the clean rows' (raw_tables.L)


def _base_rows(warehouse) -> list[tuple]:
    return query(
        warehouse,
        "select record_key, row_outcome, rejection_kind, * exclude (raw_record),"
        " raw_record is null from staging.base_app__product_events order by all",
    )


def _append(warehouse, table: str, rows: list[dict[str, str | None]]) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        for row in rows:
            names = ", ".join(row)
            placeholders = ", ".join("?" for _ in row)
            connection.execute(
                f"insert into raw.{table} ({names}) values ({placeholders})", list(row.values())
            )


def test_incremental_base_model_equals_full_refresh(dbt: DbtRun) -> None:
    tables = clean_rows()
    load_raw(dbt.warehouse, tables)
    dbt("seed", "--select", "config")
    dbt("run", *SELECTION, dbt_vars=NO_DEMO)
    # A sentinel row in the table, not in raw: the incremental runs must leave it alone
    # (proof that they were incremental); the full refresh drops it.
    with duckdb.connect(str(dbt.warehouse)) as connection:
        connection.execute(
            "insert into staging.base_app__product_events"
            " (source_table, record_key, raw_row_key, row_outcome)"
            " values ('product_events', 'sentinel', 'sentinel', 'duplicate')"
        )

    first_event = tables["product_events"][0]
    _append(
        dbt.warehouse,
        "product_events",
        [
            # a later copy of a known event: it wins, the first copy becomes a duplicate
            {**first_event, "event_name": "report_shared", "_loaded_at": LATER},
            # no event_id: rejected, and kept once however many runs see it
            {**first_event, "event_id": "  ", "_loaded_at": LATER},
            # an unparseable _loaded_at: rejected before deduplication
            {**first_event, "event_id": "pe_bad_load", "_loaded_at": "yesterday"},
            # an event of an account not loaded yet: an orphan for now
            {**first_event, "event_id": "pe_early", "account_id": "acc_late", "_loaded_at": LATER},
        ],
    )
    dbt("run", *SELECTION, dbt_vars=NO_DEMO)
    orphan = [row[2] for row in _base_rows(dbt.warehouse) if row[0] == "pe_early"]
    assert orphan == ["orphan_foreign_key"]

    # The account arrives with the next load: its event turns clean.
    late_account = {
        **tables["accounts"][0],
        "account_id": "acc_late",
        "_loaded_at": LATER,
    }
    _append(dbt.warehouse, "accounts", [late_account])
    dbt("run", *SELECTION, dbt_vars=NO_DEMO)
    dbt("run", *SELECTION, dbt_vars=NO_DEMO)  # nothing new: nothing changes
    incremental = _base_rows(dbt.warehouse)
    sentinel = [row for row in incremental if row[0] == "sentinel"]
    assert len(sentinel) == 1, "an incremental run rebuilt the table"
    incremental.remove(sentinel[0])

    dbt("run", *SELECTION, "--full-refresh", dbt_vars=NO_DEMO)
    full_refresh = _base_rows(dbt.warehouse)

    assert incremental == full_refresh
    outcomes = {(row[0], row[1]) for row in full_refresh}
    assert ("pe_early", "clean") in outcomes
    assert ("pe_1", "duplicate") in outcomes and ("pe_1", "clean") in outcomes
    assert ("pe_bad_load", "rejected") in outcomes
