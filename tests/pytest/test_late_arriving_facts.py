"""Late-arriving facts: the demo data delivered in two loads split by `_loaded_at`, the
second carrying facts months older than the first load's newest day (a backdated
subscription version, a backfilled ticket history, old product events, an event moved
to another day, an event moved to another session, a late account with its whole
history, an old survey answer and onboarding step). After the incremental build every
mart and incremental model equals a full refresh of the same data, and every data test
passes: on DuckDB always, on PostgreSQL with SAAS_KPIS_ENGINE_TESTS=1 (a throw-away
server, as `make test-postgres`).

Also the late-load policy: a raw row stamped with an old `_loaded_at` within
`late_load_days` of the newest load is picked up; an older one is flagged by the tests
that ask for --full-refresh."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import DbtRun
from saas_kpis import parity
from saas_kpis.bench import incremental_models

# The first load is every row loaded before SPLIT; the second, every other row, and the
# facts below re-stamped as loaded on SECOND_LOAD (months after the days they are for).
SPLIT = "2026-01-01"
SECOND_LOAD = "2026-02-01 02:00:00"
RAW_TABLES = [
    "accounts",
    "users",
    "onboarding_events",
    "product_events",
    "subscriptions",
    "tickets",
    "ticket_events",
    "survey_responses",
    "marketing_spend",
]
LATE_FACTS = [
    # a subscription version backdated to June 2025
    "update raw.subscriptions set _loaded_at = '{late}' where subscription_id = ("
    " select min(subscription_id) from raw.subscriptions where valid_from like '2025-06%')"
    " and valid_from like '2025-06%'",
    # a ticket history backfilled: a ticket with an escalation, and all its events
    "update raw.tickets set _loaded_at = '{late}' where ticket_id = ("
    " select min(ticket_id) from raw.ticket_events where event_type = 'escalated')",
    "update raw.ticket_events set _loaded_at = '{late}' where ticket_id = ("
    " select min(ticket_id) from raw.ticket_events where event_type = 'escalated')",
    # ten days of product events from May 2025
    "update raw.product_events set _loaded_at = '{late}' where occurred_at like '2025-05-1%'",
    # a later copy of an April 2025 event, moved to another day in March
    "insert into raw.product_events"
    " (event_id, account_id, user_id, session_id, event_name, occurred_at, _loaded_at)"
    " select event_id, account_id, user_id, session_id, event_name,"
    " '2025-03-02T10:00:00Z', '{late}' from raw.product_events where event_id = ("
    " select min(event_id) from raw.product_events where occurred_at like '2025-04-1%')",
    # a later copy of a September 2025 event, moved into a session of its account ten
    # days later: one session loses an event, the other starts ten days earlier
    "insert into raw.product_events"
    " (event_id, account_id, user_id, session_id, event_name, occurred_at, _loaded_at)"
    " select event_id, account_id, user_id, (select min(later.session_id)"
    " from raw.product_events as later where later.account_id = moved.account_id"
    " and later.occurred_at like '2025-09-2%'), event_name, occurred_at, '{late}'"
    " from raw.product_events as moved where event_id = (select min(event_id)"
    " from raw.product_events as early where occurred_at like '2025-09-1%'"
    " and session_id is not null and exists (select 1 from raw.product_events as later"
    " where later.account_id = early.account_id and later.occurred_at like '2025-09-2%'"
    " and later.session_id is not null))",
    # an account that signed up in April 2025 arrives late (its facts were orphans)
    "update raw.accounts set _loaded_at = '{late}' where account_id = ("
    " select min(account_id) from raw.accounts where signed_up_at like '2025-04%')",
    # an old survey answer and an old onboarding step
    "update raw.survey_responses set _loaded_at = '{late}' where response_id = ("
    " select min(response_id) from raw.survey_responses where responded_at like '2025-08%')",
    "update raw.onboarding_events set _loaded_at = '{late}' where event_id = ("
    " select min(event_id) from raw.onboarding_events where occurred_at like '2025-03%')",
]
BUILD = ["--exclude", "resource_type:seed", "resource_type:unit_test"]


class Engine:
    """One warehouse: dbt on it, and plain SQL on it (raw tables, results)."""

    def __init__(self, dbt: DbtRun, connect: Callable[[], contextlib.AbstractContextManager]):
        self.dbt = dbt
        self.connect = connect

    def execute(self, *statements: str) -> None:
        with self.connect() as connection:
            cursor = connection.cursor()
            for statement in statements:
                cursor.execute(statement)
            connection.commit()

    def query(self, sql: str) -> parity.Table:
        with self.connect() as connection:
            cursor = connection.cursor()
            cursor.execute(sql)
            columns = [d[0].lower() for d in cursor.description]
            return parity.Table(columns, [tuple(row) for row in cursor.fetchall()])

    def compared_tables(self) -> list[str]:
        """Every mart and every incremental model (schema.table)."""
        manifest = json.loads((self.dbt.workdir / "target" / "manifest.json").read_text())
        incremental = set(incremental_models(self.dbt.workdir))
        schemas = {
            node["name"]: node["schema"]
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model"
        }
        marts = self.query(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).rows
        names = {f"marts.{name}" for (name,) in marts}
        names |= {f"{schemas[name]}.{name}" for name in incremental}
        return sorted(names)

    def snapshot(self) -> dict[str, parity.Table]:
        return {name: self.query(f"select * from {name}") for name in self.compared_tables()}


def _deliver_in_two_loads(engine: Engine) -> None:
    """Full build on the first load, then the second load appended, as a loader would."""
    engine.execute(*(statement.format(late=SECOND_LOAD) for statement in LATE_FACTS))
    engine.execute(
        *(
            f"create table raw.{table}__second_load as"
            f" select * from raw.{table} where _loaded_at >= '{SPLIT}'"
            for table in RAW_TABLES
        ),
        *(f"delete from raw.{table} where _loaded_at >= '{SPLIT}'" for table in RAW_TABLES),
    )
    engine.dbt("run", "--full-refresh", *BUILD)
    engine.execute(
        *(
            f"insert into raw.{table} select * from raw.{table}__second_load"
            for table in RAW_TABLES
        ),
        *(f"drop table raw.{table}__second_load" for table in RAW_TABLES),
    )


def _assert_incremental_equals_full_refresh(engine: Engine, command: str = "build") -> None:
    _deliver_in_two_loads(engine)
    # The scheduled incremental build (`build`: models and every data test pass).
    engine.dbt(command, *BUILD)
    incremental = engine.snapshot()
    engine.dbt("run", "--full-refresh", *BUILD)
    full_refresh = engine.snapshot()

    assert sorted(incremental) == sorted(full_refresh)
    problems = []
    for name, table in full_refresh.items():
        problems += parity.compare(name, table, incremental[name], table.columns, "incremental")
    assert not problems, "\n".join(problems)
    # The late facts did reach the marts (the test would be empty otherwise).
    late_account = engine.query(
        "select count(*) from marts.customer_health_daily where account_id = ("
        " select min(account_id) from raw.accounts where signed_up_at like '2025-04%')"
    ).rows
    assert late_account[0][0] > 0


@contextlib.contextmanager
def _duckdb(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(warehouse))
    try:
        yield connection
    finally:
        connection.close()


def test_late_facts_on_duckdb_equal_a_full_refresh(demo_copy: DbtRun) -> None:
    _assert_incremental_equals_full_refresh(Engine(demo_copy, lambda: _duckdb(demo_copy.warehouse)))


@pytest.mark.skipif(
    os.environ.get("SAAS_KPIS_ENGINE_TESTS") != "1",
    reason="needs PostgreSQL server binaries; set SAAS_KPIS_ENGINE_TESTS=1",
)
def test_late_facts_on_postgres_equal_a_full_refresh(tmp_path: Path) -> None:
    import psycopg2

    from saas_kpis.engines import DATABASE, postgres_server

    with postgres_server() as settings:
        dbt = DbtRun(tmp_path, env={**settings, "DBT_TARGET": "postgres"})

        @contextlib.contextmanager
        def connect() -> Iterator:
            connection = psycopg2.connect(
                host="127.0.0.1", port=settings["PGPORT"], user="postgres", dbname=DATABASE
            )
            try:
                yield connection
            finally:
                connection.close()

        dbt("seed", "--full-refresh")
        # Models only: the data tests of the same code run on DuckDB above and in
        # `make test-postgres`; here the incremental SQL of PostgreSQL is what differs.
        _assert_incremental_equals_full_refresh(Engine(dbt, connect), command="run")


def _product_event(event_id: str, loaded_at: str) -> str:
    return (
        "insert into raw.product_events"
        " (event_id, account_id, user_id, session_id, event_name, occurred_at, _loaded_at)"
        f" values ('{event_id}', 'acc_001', 'usr_001_1', null, 'login',"
        f" '2025-01-22T10:00:00Z', '{loaded_at}')"
    )


def _user_day_events(engine: Engine) -> int:
    """The events of the user-day that _product_event adds to."""
    return engine.query(
        "select events from intermediate.int_user_days_aggregated where account_id ="
        " 'acc_001' and user_id = 'usr_001_1' and activity_date = '2025-01-22'"
    ).rows[0][0]


def test_late_load_policy(demo_copy: DbtRun) -> None:
    engine = Engine(demo_copy, lambda: _duckdb(demo_copy.warehouse))
    (newest,) = engine.query("select max(_loaded_at) from raw.product_events").rows[0]
    assert newest.startswith("2026-03-27"), newest  # the demo's newest load
    # The rollup reads its changed accounts from the change log, built before it.
    selection = [
        *("--select", "base_app__product_events", "int_account_changes_logged"),
        "int_user_days_aggregated",
    ]
    checks = ["--select", "test_name:raw_rows_processed", "assert_no_load_older_*"]

    before = _user_day_events(engine)
    # Stamped a day before the newest load (inside late_load_days = 3): picked up.
    engine.execute(_product_event("evt_late_within_window", "2026-03-26 02:00:00"))
    demo_copy("run", *selection)
    demo_copy("test", *checks)
    assert _user_day_events(engine) == before + 1

    # Stamped two months before: never picked up, and the tests say what to do.
    engine.execute(
        _product_event("evt_late_beyond_window", "2026-01-20 02:00:00"),
        "insert into raw.tickets (ticket_id, account_id, requester_user_id, channel,"
        " priority, category, created_at, _loaded_at) values ('tkt_late', 'acc_001',"
        " 'usr_001_1', 'email', 'high', 'billing', '2025-03-01T10:00:00Z',"
        " '2026-01-20 02:00:00')",
    )
    demo_copy("run", *selection, "base_support__tickets")
    assert _user_day_events(engine) == before + 1
    result = demo_copy("test", *checks, check=False)
    assert result.returncode != 0
    failed = [line for line in result.stdout.splitlines() if "Failure in test" in line]
    assert any("raw_rows_processed_base_app__product_events" in line for line in failed), failed
    assert any("assert_no_load_older_than_the_late_load_window" in line for line in failed)
    # Each failing test's rows say what to do.
    compiled = demo_copy.workdir / "target" / "compiled" / "saas_kpis"
    for name in ["raw_rows_processed_*.sql", "assert_no_load_older_*.sql"]:
        (test_sql,) = compiled.rglob(name)
        (action,) = {row[-1] for row in engine.query(test_sql.read_text()).rows}
        assert "run dbt build --full-refresh" in action


def test_change_log_rebuilt_or_read_late(demo_copy: DbtRun) -> None:
    """The rollups read their changed accounts from the change log: a rebuild of the log
    that recomputes everything makes them recompute everything, and a rollup that missed
    the runs that logged a change catches up on its next run."""
    engine = Engine(demo_copy, lambda: _duckdb(demo_copy.warehouse))
    log = ["--select", "int_account_changes_logged"]
    rollup = ["--select", "int_user_days_aggregated"]

    before = _user_day_events(engine)
    # A late event parsed and logged by a run that left the rollup out, then the log
    # rebuilt from scratch (its entries gone): the rollup recomputes every account.
    engine.execute(_product_event("evt_logged_then_rebuilt", "2026-03-26 02:00:00"))
    demo_copy("run", "--select", "base_app__product_events", "int_account_changes_logged")
    demo_copy("run", *log, "--full-refresh")
    (accounts,) = engine.query(
        "select count(distinct account_id) from intermediate.int_account_changes_logged"
    ).rows[0]
    assert accounts > 1  # every account, not only the changed one
    demo_copy("run", *rollup)
    assert _user_day_events(engine) == before + 1

    # Another late event, logged by two runs the rollup misses: still caught up.
    engine.execute(_product_event("evt_logged_twice", "2026-03-26 03:00:00"))
    demo_copy("run", "--select", "base_app__product_events", "int_account_changes_logged")
    demo_copy("run", *log)
    demo_copy("run", *rollup)
    assert _user_day_events(engine) == before + 2
