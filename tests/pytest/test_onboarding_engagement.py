"""Onboarding and engagement: the incremental activity rollups give the same tables as
a full refresh, and the tunable definitions (dbt vars) really drive the numbers."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import duckdb

from conftest import DbtRun, query

# The engagement and onboarding marts and every model between them and the raw tables.
SELECTION = [
    "--select",
    "+path:models/marts/engagement",
    "+path:models/marts/onboarding",
    "+path:models/intermediate/engagement",
]
INCREMENTAL_ROLLUPS = [
    "intermediate.int_user_days_aggregated",
    "intermediate.int_account_days_aggregated",
    "intermediate.int_account_event_days_aggregated",
    "intermediate.int_session_days_aggregated",
]
MARTS = [
    "marts.kpi_customer_engagement",
    "marts.kpi_product_adoption",
    "marts.kpi_license_utilization",
    "marts.kpi_time_in_product",
    "marts.kpi_activation_rate",
    "marts.kpi_time_to_first_value",
    "marts.kpi_onboarding_completion",
    "marts.kpi_onboarding_funnel",
    "marts.kpi_customer_progress",
    "marts.fct_account_onboarding",
]


def _rows(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return connection.execute(f"select * from {table} order by all").fetchall()


def _snapshot(warehouse) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {table: _rows(connection, table) for table in INCREMENTAL_ROLLUPS + MARTS}


def _same_value(left: object, right: object) -> bool:
    # Sums of doubles may be added up in another order by a parallel aggregate.
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-12, abs_tol=1e-12)
    return left == right


def _assert_same_tables(actual: dict, expected: dict) -> None:
    for table, expected_rows in expected.items():
        actual_rows = actual[table]
        assert len(actual_rows) == len(expected_rows), table
        for actual_row, expected_row in zip(actual_rows, expected_rows, strict=True):
            assert all(_same_value(a, e) for a, e in zip(actual_row, expected_row, strict=True)), (
                f"{table}: {actual_row} != {expected_row}"
            )


def _next_load(connection) -> str:
    """A `_loaded_at` a day after the newest product event load."""
    (newest,) = connection.execute(
        "select max(cast(_loaded_at as timestamp)) from raw.product_events"
    ).fetchone()
    return f"{newest + timedelta(days=1)}"


def _append_product_events(warehouse, day: date, late_day: date) -> None:
    """A new day of product events (copies of the latest day's, one day later) and one
    late event for an earlier day, loaded as text like the loader does: in the next
    load, stamped after every load already processed (the late-load policy)."""
    with duckdb.connect(str(warehouse)) as connection:
        loaded_at = _next_load(connection)
        latest = connection.execute(
            """
            select events.account_id, events.user_id, events.session_id,
                   events.event_name, events.occurred_at
            from staging.stg_app__product_events as events
            inner join staging.stg_app__accounts as accounts
                on events.account_id = accounts.account_id
            where not accounts.is_test
              and cast(events.occurred_at as date) = ?
            """,
            [day - timedelta(days=1)],
        ).fetchall()
        assert latest, "the demo data has no event on its latest day"
        rows = []
        for number, (account_id, user_id, session_id, event_name, occurred_at) in enumerate(latest):
            shifted: datetime = occurred_at + timedelta(days=1)
            rows.append(
                (
                    f"evt_incr_{number:04d}",
                    account_id,
                    user_id,
                    None if session_id is None else f"{session_id}_next",
                    event_name,
                    shifted.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    loaded_at,
                )
            )
        account_id, user_id = latest[0][0], latest[0][1]
        rows.append(
            (
                "evt_incr_late",
                account_id,
                user_id,
                "ses_incr_late",
                "report_shared",
                f"{late_day}T12:00:00Z",
                loaded_at,
            )
        )
        connection.executemany(
            "insert into raw.product_events "
            "(event_id, account_id, user_id, session_id, event_name, occurred_at, _loaded_at) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def test_incremental_run_equals_full_refresh(demo_copy: DbtRun) -> None:
    # Starts where `dbt seed` and `dbt run` of the selection leave a fresh warehouse.
    dbt = demo_copy
    with duckdb.connect(str(dbt.warehouse)) as connection:
        (latest_day,) = connection.execute(
            "select max(activity_date) from intermediate.int_user_days_aggregated"
        ).fetchone()
        (first_day,) = connection.execute(
            "select min(activity_date) from intermediate.int_user_days_aggregated"
        ).fetchone()
        # A sentinel on a day far outside the lookback: an incremental run must leave it
        # alone (proof that the run really was incremental), a full refresh drops it.
        connection.execute(
            "insert into intermediate.int_user_days_aggregated "
            "(account_id, user_id, events, activity_date, first_event_at, last_event_at) "
            "values ('sentinel', 'sentinel', 1, ?, null, null)",
            [first_day],
        )

    new_day = latest_day + timedelta(days=1)
    late_day = latest_day - timedelta(days=2)  # inside the default 3-day lookback
    _append_product_events(dbt.warehouse, new_day, late_day)

    dbt("run", *SELECTION)
    with duckdb.connect(str(dbt.warehouse)) as connection:
        (sentinels,) = connection.execute(
            "select count(*) from intermediate.int_user_days_aggregated "
            "where account_id = 'sentinel'"
        ).fetchone()
        assert sentinels == 1, "the second run rebuilt the rollup instead of merging days"
        connection.execute(
            "delete from intermediate.int_user_days_aggregated where account_id = 'sentinel'"
        )
        (new_rows,) = connection.execute(
            "select count(*) from intermediate.int_user_days_aggregated where activity_date = ?",
            [new_day],
        ).fetchone()
        assert new_rows > 0, "the appended day is missing from the incremental rollup"
        (late_sessions,) = connection.execute(
            "select count(*) from intermediate.int_session_days_aggregated "
            "where session_id = 'ses_incr_late' and activity_date = ?",
            [late_day],
        ).fetchone()
        assert late_sessions == 1, "the late event inside the lookback was not counted"
    incremental = _snapshot(dbt.warehouse)

    dbt("run", *SELECTION, "--full-refresh")
    full_refresh = _snapshot(dbt.warehouse)

    _assert_same_tables(incremental, full_refresh)


def _activated_by_cohort(warehouse) -> dict[date, int]:
    return dict(
        query(warehouse, "select signup_month, activated_accounts from marts.kpi_activation_rate")
    )


def test_activation_window_var_changes_activation(demo_copy: DbtRun) -> None:
    # Starts where `dbt seed` and `dbt run` of +kpi_activation_rate leave a fresh warehouse.
    dbt = demo_copy
    default_window = _activated_by_cohort(dbt.warehouse)

    dbt(
        "run",
        "--select",
        "int_account_milestones_computed",
        "int_signup_cohorts_aggregated",
        "kpi_activation_rate",
        dbt_vars={"saas_kpis_activation_window_days": 2},
    )
    two_day_window = _activated_by_cohort(dbt.warehouse)

    assert default_window.keys() == two_day_window.keys()
    assert all(two_day_window[month] <= default_window[month] for month in default_window)
    assert any(two_day_window[month] < default_window[month] for month in default_window)
