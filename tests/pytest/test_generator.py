"""The data generator: determinism, scale, contract columns, planted faults, deltas."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import RAW_TABLES_BY_SYSTEM, DbtRun
from saas_kpis.gen.faults import ALL_KINDS
from saas_kpis.generate import Params, generate
from saas_kpis.load_raw import load
from saas_kpis.raw_contract import RAW_COLUMNS

END = date(2025, 6, 30)


def _params(accounts: int = 300, seed: int = 7, dirty_rate: float = 0.0) -> Params:
    return Params(
        accounts=accounts,
        months=6,
        seed=seed,
        end_date=END,
        events_per_account_year=200,
        dirty_rate=dirty_rate,
    )


def _checksums(out: Path) -> dict[str, str]:
    """sha256 over each table's Parquet files, in name order."""
    sums = {}
    for table in RAW_COLUMNS:
        digest = hashlib.sha256()
        for path in sorted((out / table).glob("*.parquet")):
            digest.update(path.read_bytes())
        sums[table] = digest.hexdigest()
    return sums


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "base"
    generate(_params(), out)
    return out


def test_same_seed_gives_identical_tables(base: Path, tmp_path: Path) -> None:
    generate(_params(), tmp_path / "again")
    assert _checksums(tmp_path / "again") == _checksums(base)


def test_different_seed_gives_different_tables(base: Path, tmp_path: Path) -> None:
    generate(_params(seed=8), tmp_path / "other")
    other, first = _checksums(tmp_path / "other"), _checksums(base)
    assert all(other[t] != first[t] for t in RAW_COLUMNS)


def test_every_table_has_exactly_the_contract_columns_as_text(base: Path) -> None:
    con = duckdb.connect()
    for table, columns in RAW_COLUMNS.items():
        described = con.execute(
            f"describe select * from read_parquet('{base}/{table}/*.parquet')"
        ).fetchall()
        assert tuple(row[0] for row in described) == columns, table
        assert {row[1] for row in described} == {"VARCHAR"}, table


def test_row_counts_scale_with_accounts(base: Path, tmp_path: Path) -> None:
    small = json.loads((base / "manifest.json").read_text())["rows"]
    big = generate(_params(accounts=900), tmp_path / "big")["rows"]
    assert big["accounts"] == 3 * small["accounts"]
    for table in ("users", "product_events", "subscriptions", "tickets", "onboarding_events"):
        assert 2.0 < big[table] / small[table] < 4.5, table
    # ~events_per_account_year per account-year (here 200 x 6/12 months).
    assert 0.8 < big["product_events"] / (900 * 100) < 1.2


def test_dirty_rows_cover_every_rejection_kind(tmp_path: Path) -> None:
    out = tmp_path / "dirty"
    manifest = generate(_params(dirty_rate=0.01), out)
    assert set(ALL_KINDS) | {"duplicate"} == set(manifest["planted"])
    con = duckdb.connect()
    planted = con.execute(
        f"select source_table, record_key, expected from '{out}/planted_faults.parquet'"
    ).fetchall()
    assert len(planted) == sum(manifest["planted"].values())
    # Each planted bad row is in its table under the recorded key (marker we control).
    for table, key_sql in (("product_events", "event_id"), ("tickets", "ticket_id")):
        keys = {k for t, k, kind in planted if t == table and kind != "duplicate"}
        found = con.execute(
            f"select count(*) from read_parquet('{out}/{table}/*.parquet') "
            f"where {key_sql} in (select unnest(?))",
            [sorted(keys)],
        ).fetchone()
        assert found is not None and found[0] == len(keys)
    # Duplicates really share their key with another row.
    dup = con.execute(
        f"select count(*) from (select event_id from read_parquet('{out}/product_events/*.parquet')"
        " group by event_id having count(*) > 1)"
    ).fetchone()
    assert dup is not None and dup[0] > 0


def test_planted_rows_end_where_planted(tmp_path: Path) -> None:
    """Staging sorts every planted row as planted: each fault rejected with its kind, each
    re-delivery a duplicate (the later ones padded with tabs, line feeds, carriage
    returns, vertical tabs and form feeds, which staging trims, DECISIONS 71), and no
    clean row of the background lost."""
    out = tmp_path / "dirty"
    manifest = generate(_params(accounts=120, dirty_rate=0.02), out)
    dbt = DbtRun(tmp_path / "run")
    load(out, dbt.warehouse)
    no_demo = {"saas_kpis_load_demo_data": False}
    dbt("seed", "--select", "config", dbt_vars=no_demo)
    dbt("build", "--select", "staging", "--exclude", "resource_type:unit_test", dbt_vars=no_demo)
    con = duckdb.connect(str(dbt.warehouse), read_only=True)
    planted = con.execute(
        f"select source_table, expected, count(*) from '{out}/planted_faults.parquet'"
        " group by all order by all"
    ).fetchall()
    outcomes = " union all ".join(
        f"select '{table}', coalesce(rejection_kind, 'duplicate')"
        f" from staging.base_{system}__{table} where row_outcome <> 'clean'"
        for system, tables in RAW_TABLES_BY_SYSTEM.items()
        for table in tables
    )
    staged = con.execute(
        f"select t, k, count(*) from ({outcomes}) as o(t, k) group by all order by all"
    ).fetchall()
    assert staged == planted
    assert sum(count for _, _, count in planted) == sum(manifest["planted"].values())


def test_clean_output_has_no_duplicate_keys(base: Path) -> None:
    con = duckdb.connect()
    for table, key in (("product_events", "event_id"), ("tickets", "ticket_id")):
        row = con.execute(
            f"select count(*) - count(distinct {key}) from read_parquet('{base}/{table}/*.parquet')"
        ).fetchone()
        assert row is not None and row[0] == 0, table


def test_delta_appends_later_rows(base: Path, tmp_path: Path) -> None:
    delta = tmp_path / "delta_1"
    manifest = generate(_params(), delta, delta=1)
    assert manifest["rows"]["product_events"] > 0
    warehouse = tmp_path / "w.duckdb"
    before = load(base, warehouse)
    appended = load(delta, warehouse, append=True)
    assert appended["product_events"] == manifest["rows"]["product_events"]
    con = duckdb.connect(str(warehouse))
    loaded = "cast(cast(_loaded_at as timestamptz) at time zone 'UTC' as timestamp)"
    total = con.execute("select count(*) from raw.product_events").fetchone()
    assert total is not None and total[0] == before["product_events"] + appended["product_events"]
    base_max = con.execute(
        f"select max({loaded}) from read_parquet('{base}/*/*.parquet', union_by_name = true)"
    ).fetchone()
    delta_min = con.execute(
        f"select min({loaded}) from read_parquet('{delta}/*/*.parquet', union_by_name = true)"
    ).fetchone()
    assert base_max is not None and delta_min is not None
    assert delta_min[0] > base_max[0]
    # New day's events and a few late ones for earlier days; no key seen before.
    clash = con.execute(
        "select count(*) - count(distinct event_id) from raw.product_events"
    ).fetchone()
    assert clash is not None and clash[0] == 0
