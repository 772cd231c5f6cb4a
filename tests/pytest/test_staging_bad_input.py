"""Staging never loses a raw row: bad rows land in audit.rejected_rows with a reason,
the build still succeeds, duplicates change nothing, an empty raw table builds, and a
raw table without a required column (or missing entirely) stops the build with a
message that names it. Builds only the staging selection, on throw-away warehouses;
the demo data's audit is read from the demo warehouse `make test` built."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from raw_tables import clean_rows, load_raw

from conftest import DbtRun, query
from saas_kpis.demo import story as demo_story
from saas_kpis.raw_contract import RAW_COLUMNS

NO_DEMO = {"saas_kpis_load_demo_data": False}

# One injected row per rejection kind: (raw table, row overrides, key, kind, reason part).
BAD_ROWS = [
    (
        "accounts",
        {"account_id": "acc_bad_ts", "signed_up_at": "2025-13-45"},
        "acc_bad_ts",
        "unparseable_timestamp",
        "signed_up_at '2025-13-45' is not a timestamp",
    ),
    (
        "accounts",
        {"account_id": "acc_no_signup", "signed_up_at": "  "},
        "acc_no_signup",
        "missing_required",
        "signed_up_at is missing",
    ),
    (
        "subscriptions",
        {"subscription_id": "sub_bad_num", "seats": "2.5"},
        "sub_bad_num|2025-01-05T00:00:00Z",
        "unparseable_number",
        "seats '2.5'",
    ),
    (
        "tickets",
        {"ticket_id": "t_bad_priority", "priority": "critical"},
        "t_bad_priority",
        "unknown_enum",
        "priority 'critical'",
    ),
    (
        "subscriptions",
        {"subscription_id": "sub_jpy", "currency": "jpy"},
        "sub_jpy|2025-01-05T00:00:00Z",
        "unknown_currency",
        "currency 'jpy'",
    ),
    (
        "survey_responses",
        {"response_id": "r_bad_score", "score": "11"},
        "r_bad_score",
        "out_of_range_score",
        "score 11 is outside 0-10 for nps",
    ),
    (
        "marketing_spend",
        {"spend_month": "2025-02-01", "amount": "-5"},
        "2025-02-01|paid_search",
        "negative_amount",
        "amount '-5' is negative",
    ),
    (
        "onboarding_events",
        {"event_id": "ob_bad_step", "step_key": "Product Tour"},
        "ob_bad_step",
        "unknown_onboarding_step",
        "step_key 'Product Tour'",
    ),
    (
        "users",
        {"user_id": "u_orphan", "account_id": "acc_bad_ts"},
        "u_orphan",
        "orphan_foreign_key",
        "account_id 'acc_bad_ts' is not in the clean accounts",
    ),
    (
        "subscriptions",
        {"valid_from": "2025-02-01T00:00:00Z", "valid_to": "2025-02-15T00:00:00Z"},
        "sub_1|2025-02-01T00:00:00Z",
        "overlapping_subscription_version",
        "overlaps sub_1 from 2025-01-05 00:00:00",
    ),
]

BASE_MODELS = {
    "accounts": "base_app__accounts",
    "users": "base_app__users",
    "onboarding_events": "base_app__onboarding_events",
    "product_events": "base_app__product_events",
    "subscriptions": "base_billing__subscriptions",
    "survey_responses": "base_surveys__survey_responses",
    "tickets": "base_support__tickets",
    "ticket_events": "base_support__ticket_events",
    "marketing_spend": "base_marketing__marketing_spend",
}


def with_bad_rows() -> dict[str, list[dict[str, str | None]]]:
    tables = clean_rows()
    for table, overrides, *_ in BAD_ROWS:
        tables[table].append({**copy.deepcopy(tables[table][0]), **overrides})
    return tables


def outcome_counts(warehouse: Path) -> dict[str, tuple]:
    return {
        table: query(
            warehouse,
            f"select count(*), sum(case when row_outcome = 'clean' then 1 else 0 end),"
            f" sum(case when row_outcome = 'rejected' then 1 else 0 end),"
            f" sum(case when row_outcome = 'duplicate' then 1 else 0 end)"
            f" from staging.{base}",
        )[0]
        for table, base in BASE_MODELS.items()
    }


def clean_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    stg = {t: b.replace("base_", "stg_") for t, b in BASE_MODELS.items()}
    return {
        table: sorted(query(warehouse, f"select * from staging.{model}"), key=repr)
        for table, model in stg.items()
    }


# One warehouse for the module; each test loads its own raw tables (replacing the last
# test's) and builds with --full-refresh, as a team does after reloading a raw table:
# incremental base models only ever add what was loaded since their last run.
@pytest.fixture(scope="module")
def staging_dbt(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    run = DbtRun(tmp_path_factory.mktemp("staging"))
    run("seed", "--select", "config")
    return run


def test_every_rejection_kind_lands_in_the_audit(staging_dbt: DbtRun) -> None:
    warehouse = staging_dbt.warehouse
    load_raw(warehouse, with_bad_rows())
    staging_dbt("build", "--select", "staging", "--full-refresh", dbt_vars=NO_DEMO)

    audit = {
        (table, key): (kind, reason, raw)
        for table, key, kind, reason, raw in query(
            warehouse,
            "select source_table, record_key, rejection_kind, rejection_reason, raw_record"
            " from audit.rejected_rows",
        )
    }
    expected = {(table, key) for table, _, key, _, _ in BAD_ROWS}
    assert set(audit) == expected
    for table, _, key, kind, reason_part in BAD_ROWS:
        got_kind, got_reason, raw = audit[(table, key)]
        assert got_kind == kind, (table, key, got_reason)
        assert reason_part in got_reason
        assert raw.startswith("{")
    # Every clean row is intact, and nothing else was rejected.
    clean = clean_rows()
    counts = outcome_counts(warehouse)
    for table, rows in clean.items():
        injected = sum(1 for t, *_ in BAD_ROWS if t == table)
        assert counts[table] == (len(rows) + injected, len(rows), injected, 0), table
    assert query(warehouse, "select count(*) from staging.stg_app__users")[0][0] == 2


def test_redelivering_rows_changes_nothing(staging_dbt: DbtRun) -> None:
    warehouse = staging_dbt.warehouse
    load_raw(warehouse, with_bad_rows())
    staging_dbt("build", "--select", "staging", "--full-refresh", dbt_vars=NO_DEMO)
    before = clean_snapshot(warehouse)
    audit_before = query(warehouse, "select * from audit.rejected_rows order by 1, 2")

    twice = {table: rows + copy.deepcopy(rows) for table, rows in with_bad_rows().items()}
    # A later copy of acc_1 wins (latest _loaded_at); the earlier one is a duplicate.
    newer = {
        **clean_rows()["accounts"][0],
        "account_name": "Acme Corp",
        "_loaded_at": "2025-07-01T00:00:00Z",
    }
    twice["accounts"].append(newer)
    load_raw(warehouse, twice)
    # The raw tables only grew (a re-delivery): the incremental base models take it.
    staging_dbt("build", "--select", "staging", dbt_vars=NO_DEMO)

    after = clean_snapshot(warehouse)
    assert {t: r for t, r in after.items() if t != "accounts"} == {
        t: r for t, r in before.items() if t != "accounts"
    }
    names = {row[0]: row[1] for row in after["accounts"]}
    assert names["acc_1"] == "Acme Corp"
    assert query(warehouse, "select * from audit.rejected_rows order by 1, 2") == audit_before
    delivered_once = with_bad_rows()
    for table, (raw, clean, rejected, duplicates) in outcome_counts(warehouse).items():
        extra = 1 if table == "accounts" else 0  # the newer copy of acc_1
        assert raw == clean + rejected + duplicates
        assert duplicates == len(delivered_once[table]) + extra, table


def test_empty_raw_tables_build(staging_dbt: DbtRun) -> None:
    warehouse = staging_dbt.warehouse
    load_raw(warehouse, {table: [] for table in RAW_COLUMNS})
    staging_dbt("build", "--select", "staging", "--full-refresh", dbt_vars=NO_DEMO)
    assert all(c == (0, None, None, None) for c in outcome_counts(warehouse).values())
    assert query(warehouse, "select count(*) from audit.rejected_rows") == [(0,)]


def test_missing_table_or_required_column_stops_the_build(dbt: DbtRun) -> None:
    columns = {
        **RAW_COLUMNS,
        "accounts": [c for c in RAW_COLUMNS["accounts"] if c != "signed_up_at"],
    }
    tables = clean_rows()
    del tables["marketing_spend"]
    load_raw(dbt.warehouse, tables, columns)
    # Two independent models (no ref between them), so both errors are reported.
    result = dbt(
        "run",
        "--select",
        "base_app__accounts",
        "base_marketing__marketing_spend",
        dbt_vars=NO_DEMO,
        check=False,
    )
    assert result.returncode != 0
    assert "is missing required column(s): signed_up_at" in result.stdout
    assert "Raw table app.accounts" in result.stdout
    assert "Raw table marketing.marketing_spend" in result.stdout
    assert "does not exist" in result.stdout
    assert "Traceback" not in result.stdout


def test_demo_audit_matches_the_answer_key(demo_warehouse: Path) -> None:
    # The demo warehouse: demo seeds loaded, staging built and tested. The answer key: the
    # planted rows' outcomes (demo_story/planted/*.csv) and the raw tables' row counts.
    rejections, row_counts = demo_story.answer_key(demo_story.build())
    expected = [(table, record_key or None, kind) for table, record_key, kind in rejections]
    got = sorted(
        query(
            demo_warehouse,
            "select source_table, record_key, rejection_kind from audit.rejected_rows",
        ),
        key=repr,
    )
    assert got == sorted(expected, key=repr)
    counts = outcome_counts(demo_warehouse)
    for table, want in row_counts.items():
        assert counts[table] == want, table
