"""The health score (kpis.md "Customer health"): configurable only through its seed,
incremental runs equal to a full refresh, and predictive on generated data."""

from __future__ import annotations

import csv
import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import COPY_IGNORE, PROJECT_DIR, DbtRun, copy_warehouse, query

HEALTH_MODELS = "+customer_health_daily"
COMPONENTS_SEED = Path("seeds") / "config" / "health_score_components.csv"
GENERATED_WAREHOUSE = Path(
    os.environ.get(
        "HEALTH_BACKTEST_WAREHOUSE", PROJECT_DIR / "warehouse" / "generated_10000.duckdb"
    )
)


def _scores(warehouse: Path) -> dict[tuple[str, date], tuple[str, float]]:
    rows = query(
        warehouse,
        "select account_id, score_date, lifecycle_stage, computed_health_score "
        "from marts.customer_health_daily",
    )
    return {(account, day): (stage, score) for account, day, stage, score in rows}


def _set_weight(seed: Path, component: str, stage: str, weight: str) -> None:
    with seed.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row["component"] == component and row["lifecycle_stage"] == stage:
            row["weight"] = weight
    with seed.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_changing_a_weight_in_the_seed_changes_the_scores(
    demo_warehouse: Path, tmp_path: Path
) -> None:
    """Weights come only from the component seed: moving 0.10 of the adopted stage's
    weight from usage to sentiment (still summing to 1) changes adopted scores and
    leaves the onboarding stage's scores exactly as they were."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=COPY_IGNORE)
    dbt = DbtRun(tmp_path / "run", project_dir=project)
    dbt.workdir.mkdir()
    # The demo warehouse is what `dbt seed` and `dbt run` of this (so far unchanged)
    # project leave a fresh warehouse.
    copy_warehouse(demo_warehouse, dbt.warehouse)
    before = _scores(dbt.warehouse)

    seed = project / COMPONENTS_SEED
    _set_weight(seed, "usage", "adopted", "0.20")
    _set_weight(seed, "sentiment", "adopted", "0.30")
    dbt("seed", "-s", "health_score_components", "--full-refresh")
    dbt("build", "-s", "assert_health_score_weights_sum_to_one")
    dbt("run", "-s", "customer_health_daily", "--full-refresh")
    after = _scores(dbt.warehouse)

    assert before.keys() == after.keys()
    changed = {key for key in before if before[key][1] != after[key][1]}
    assert changed, "no score moved when the seed's weights changed"
    assert all(before[key][0] == "adopted" for key in changed)
    assert any(stage == "onboarding" for stage, _ in before.values())


def _table(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple]:
    return sorted(con.execute(f"select * from {relation}").fetchall(), key=repr)


def test_incremental_run_equals_full_refresh(demo_copy: DbtRun) -> None:
    """Append one more day of product events plus a late event for the day before the
    latest day, run incrementally, and compare with a full refresh: identical rows, in
    the daily measures and in customer_health_daily, and the late event counted."""
    # Starts where `dbt seed` and `dbt run` of the health models leave a fresh warehouse.
    dbt = demo_copy

    with duckdb.connect(str(dbt.warehouse)) as con:
        (last_day,) = con.execute(
            "select max(score_date) from marts.customer_health_daily"
        ).fetchone()
        late_day = last_day - timedelta(days=1)
        # A customer on the latest day without any event on the day before it.
        account, user, active_days_before = con.execute(
            f"""
            select health.account_id, min(users.user_id), min(measured.active_days)
            from marts.customer_health_daily as health
            inner join intermediate.int_health_account_days_measured as measured
                on health.account_id = measured.account_id
                and health.score_date = measured.score_date
            inner join intermediate.int_user_days_aggregated as users
                on health.account_id = users.account_id
            where health.score_date = date '{late_day}'
                and health.account_id in (
                    select account_id from marts.customer_health_daily
                    where score_date = date '{last_day}'
                )
                and not exists (
                    select 1 from intermediate.int_account_days_aggregated as days
                    where days.account_id = health.account_id
                        and days.activity_date = date '{late_day}'
                )
            group by health.account_id
            order by health.account_id
            limit 1
            """
        ).fetchone()
        new_day = last_day + timedelta(days=1)
        # The next load, stamped after every load already processed (late-load policy).
        (newest_load,) = con.execute(
            "select max(cast(_loaded_at as timestamp)) from raw.product_events"
        ).fetchone()
        loaded_at = f"{newest_load + timedelta(days=1)}"
        customers = con.execute(
            f"select account_id from marts.customer_health_daily "
            f"where score_date = date '{last_day}' order by account_id limit 5"
        ).fetchall()
        events = [
            (
                f"evt_health_late_{account}",
                account,
                user,
                None,
                "login",
                f"{late_day}T10:00:00Z",
                loaded_at,
            ),
        ] + [
            (
                f"evt_health_new_{customer}",
                customer,
                user
                if customer == account
                else con.execute(
                    f"select min(user_id) from intermediate.int_user_days_aggregated "
                    f"where account_id = '{customer}'"
                ).fetchone()[0],
                None,
                "dashboard_viewed",
                f"{new_day}T09:30:00Z",
                loaded_at,
            )
            for (customer,) in customers
        ]
        con.executemany(
            "insert into raw.product_events "
            "(event_id, account_id, user_id, session_id, event_name, occurred_at, _loaded_at) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            events,
        )

    dbt("run", "-s", HEALTH_MODELS)
    with duckdb.connect(str(dbt.warehouse)) as con:
        con.execute("create schema incremental_copy")
        for relation in (
            "intermediate.int_health_account_days_measured",
            "marts.customer_health_daily",
        ):
            name = relation.split(".")[1]
            con.execute(f"create table incremental_copy.{name} as select * from {relation}")

    dbt("run", "-s", HEALTH_MODELS, "--full-refresh")
    with duckdb.connect(str(dbt.warehouse), read_only=True) as con:
        for relation in (
            "intermediate.int_health_account_days_measured",
            "marts.customer_health_daily",
        ):
            name = relation.split(".")[1]
            incremental = _table(con, f"incremental_copy.{name}")
            full = _table(con, relation)
            assert len(incremental) == len(full), name
            assert incremental == full, f"{name}: incremental run differs from full refresh"

        (max_day,) = con.execute(
            "select max(score_date) from marts.customer_health_daily"
        ).fetchone()
        assert max_day == new_day
        (active_days_after,) = con.execute(
            f"select active_days from intermediate.int_health_account_days_measured "
            f"where account_id = '{account}' and score_date = date '{late_day}'"
        ).fetchone()
        assert active_days_after == active_days_before + 1, "the late event was not counted"


@pytest.mark.skipif(
    not GENERATED_WAREHOUSE.exists(),
    reason="needs a generated warehouse: make generate / make build-generated ACCOUNTS=10000",
)
def test_critical_band_churns_at_least_three_times_more_than_healthy() -> None:
    """On generated data (10k accounts, default settings) the backtest's 90-day churn
    rate of the critical band, pooled over every snapshot month, is at least three
    times the healthy band's. Slow to prepare (the generated build); it only reads."""
    with duckdb.connect(str(GENERATED_WAREHOUSE), read_only=True) as con:
        rates = dict(
            con.execute(
                """
                select health_band, sum(churned_within_90d) / sum(accounts)
                from marts.kpi_health_score_backtest
                group by health_band
                """
            ).fetchall()
        )
    assert rates.get("healthy") is not None and rates.get("critical") is not None, rates
    assert rates["critical"] >= 3 * rates["healthy"], rates
