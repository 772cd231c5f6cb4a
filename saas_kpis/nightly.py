"""The scheduled run: fresh inputs or no run, the build, the serving copy, a history.

    python -m saas_kpis.nightly --warehouse warehouse/saas_kpis.duckdb \\
        --serving warehouse/serving/saas_kpis.duckdb [--selector intraday] \\
        [--vars '{...}'] [--retry]

1. `dbt source freshness`: a raw table whose newest `_loaded_at` is older than its
   error threshold stops the run here, before any model builds (the marts would look
   current while they miss days).
2. `dbt build --selector nightly` (or `intraday`, the hourly run; with --retry: `dbt
   retry`, which re-runs only what failed or was skipped in the last build, with that
   build's selector and vars).
3. Appends the run history to the warehouse, whatever happened: one row per freshness
   check, model and test (audit.run_history_nodes) and, after a build, one row per raw
   table (audit.run_history_raw_tables). dbt never writes these tables, so no
   --full-refresh drops them.
4. Only when the build passed: `dbt build --selector run_history` (the models over the
   history, now including this run), then the serving copy (saas_kpis.serving).

Exits non-zero when a source is stale at error level or the build fails; the serving
copy then stays as the last good run left it. DuckDB only (the serving copy and the
history are DuckDB files); README, "Schedule it".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import uuid
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import get_type_hints

import duckdb

from saas_kpis.serving import publish

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
HISTORY_SCHEMA = "audit"
# The model that unions every base model (one per raw table): its parents are the
# tables whose row outcomes the history counts.
REJECTED_ROWS_MODEL = "model.saas_kpis.rejected_rows"


@dataclass
class NodeRow:
    """One freshness check, model, seed or test of a run (audit.run_history_nodes)."""

    run_id: str
    run_started_at: datetime
    selector: str
    dbt_command: str
    dbt_invocation_id: str
    node_id: str
    node_name: str
    resource_type: str
    status: str
    seconds: float
    rows_affected: int | None
    table_rows: int | None
    failures: int | None
    message: str | None


@dataclass
class RawTableRow:
    """What one run's staging made of one raw table (audit.run_history_raw_tables)."""

    run_id: str
    run_started_at: datetime
    selector: str
    source_table: str
    raw_rows: int
    clean_rows: int
    rejected_rows: int
    duplicate_rows: int


# The history tables' column types, from the row classes' annotations.
SQL_TYPES = {
    str: "varchar",
    str | None: "varchar",
    datetime: "timestamp",
    float: "double",
    int: "bigint",
    int | None: "bigint",
}
HISTORY_TABLES = {"run_history_nodes": NodeRow, "run_history_raw_tables": RawTableRow}


@dataclass
class Run:
    """One scheduled run: its id and start, and how dbt is called for it."""

    warehouse: Path
    target_path: Path
    selector: str
    dbt_vars: str | None
    run_id: str
    started_at: datetime

    def dbt(self, *args: str) -> int:
        command = [str(BIN_DIR / "dbt"), *args, "--target-path", str(self.target_path)]
        if self.dbt_vars and args[0] != "retry":  # retry reuses the failed build's vars
            command += ["--vars", self.dbt_vars]
        print(f"== {' '.join(command[1:])}", flush=True)
        env = {**os.environ, "DBT_DUCKDB_PATH": str(self.warehouse)}
        return subprocess.run(command, cwd=PROJECT_DIR, env=env, check=False).returncode

    def artefact(self, name: str) -> dict | None:
        path = self.target_path / name
        return json.loads(path.read_text()) if path.exists() else None


def node_rows(run: Run, results: dict, command: str, manifest: dict) -> list[NodeRow]:
    """One row per result of dbt's run_results.json or sources.json."""
    known = {**manifest["nodes"], **manifest["sources"], **manifest.get("unit_tests", {})}
    rows = []
    for result in results["results"]:
        node = known.get(result["unique_id"], {})
        message = result.get("message")
        if command == "source freshness" and "max_loaded_at" in result:
            message = f"newest _loaded_at {result['max_loaded_at']}"
        rows.append(
            NodeRow(
                run_id=run.run_id,
                run_started_at=run.started_at,
                selector=run.selector,
                dbt_command=command,
                dbt_invocation_id=results["metadata"]["invocation_id"],
                node_id=result["unique_id"],
                node_name=node.get("name", result["unique_id"].split(".")[-1]),
                resource_type=node.get("resource_type", result["unique_id"].split(".")[0]),
                status=result["status"],
                seconds=round(result.get("execution_time") or 0.0, 3),
                rows_affected=(result.get("adapter_response") or {}).get("rows_affected"),
                table_rows=None,
                failures=result.get("failures"),
                message=message,
            )
        )
    return rows


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(
        con.execute(
            "select schema_name, table_name from duckdb_tables()"
            " where database_name = current_database()"
        ).fetchall()
    )


def count_table_rows(con: duckdb.DuckDBPyConnection, rows: list[NodeRow], manifest: dict) -> None:
    """Rows each model's table holds after the run (DuckDB reports no rows affected);
    views are left out: counting them would compute them."""
    tables = existing_tables(con)
    for row in rows:
        node = manifest["nodes"].get(row.node_id)
        if row.resource_type != "model" or node is None or row.status != "success":
            continue
        schema, name = node["schema"], node["alias"]
        if (schema, name) in tables:
            (row.table_rows,) = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()


def raw_table_rows(con: duckdb.DuckDBPyConnection, run: Run, manifest: dict) -> list[RawTableRow]:
    """Rows read, clean, rejected and duplicated per raw table, from each base model's
    row_outcome (the counts the raw_rows_reconcile tests check). A base model that a
    failed first build never created is left out."""
    tables = existing_tables(con)
    rows = []
    for parent in manifest["nodes"][REJECTED_ROWS_MODEL]["depends_on"]["nodes"]:
        schema, name = manifest["nodes"][parent]["schema"], manifest["nodes"][parent]["alias"]
        if (schema, name) not in tables:
            continue
        counts = con.execute(
            "select source_table, count(*),"
            " count(*) filter (where row_outcome = 'clean'),"
            " count(*) filter (where row_outcome = 'rejected'),"
            " count(*) filter (where row_outcome = 'duplicate')"
            f' from "{schema}"."{name}" group by source_table'
        ).fetchall()
        rows += [RawTableRow(run.run_id, run.started_at, run.selector, *count) for count in counts]
    return rows


def append_history(warehouse: Path, history: list[NodeRow | RawTableRow]) -> None:
    """Append to the history tables, creating them (and the schema) on the first run and
    adding the columns a later version of this module writes (older rows: null)."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create schema if not exists {HISTORY_SCHEMA}")
        for table, row_type in HISTORY_TABLES.items():
            hints = get_type_hints(row_type)
            columns = [f"{name} {SQL_TYPES[hint]}" for name, hint in hints.items()]
            con.execute(
                f"create table if not exists {HISTORY_SCHEMA}.{table} ({', '.join(columns)})"
            )
            for column in columns:
                con.execute(
                    f"alter table {HISTORY_SCHEMA}.{table} add column if not exists {column}"
                )
            rows = [astuple(row) for row in history if isinstance(row, row_type)]
            if rows:
                con.executemany(
                    f"insert into {HISTORY_SCHEMA}.{table} ({', '.join(hints)})"
                    f" values ({', '.join('?' for _ in hints)})",
                    rows,
                )


def nightly(
    warehouse: Path,
    serving: Path,
    target_path: Path,
    selector: str = "nightly",
    dbt_vars: str | None = None,
    retry: bool = False,
) -> int:
    """Run the whole scheduled run; returns the process exit status."""
    run = Run(
        warehouse=warehouse.resolve(),
        target_path=target_path.resolve(),
        selector=selector,
        dbt_vars=dbt_vars,
        run_id=str(uuid.uuid4()),
        started_at=datetime.now(UTC).replace(tzinfo=None),
    )
    print(f"Run {run.run_id}, started {run.started_at:%Y-%m-%d %H:%M:%S} UTC", flush=True)
    history: list[NodeRow | RawTableRow] = []

    if not retry:  # the failed build being retried checked its inputs
        (run.target_path / "sources.json").unlink(missing_ok=True)
        freshness_status = run.dbt("source", "freshness")
        freshness = run.artefact("sources.json")
        manifest = run.artefact("manifest.json")
        if freshness and manifest:
            history += node_rows(run, freshness, "source freshness", manifest)
        if freshness_status != 0:
            append_history(run.warehouse, history)
            print(
                "Stopped before the build: a raw table is stale at error level, or its"
                " freshness could not be checked (above). Nothing was built or published.",
                file=sys.stderr,
            )
            return freshness_status

    if retry:
        command, build_status = "retry", run.dbt("retry")
    else:
        # A build that stops before writing its results must not record the last ones.
        (run.target_path / "run_results.json").unlink(missing_ok=True)
        command, build_status = "build", run.dbt("build", "--selector", selector)
    results = run.artefact("run_results.json")
    manifest = run.artefact("manifest.json")
    if results and manifest:
        build_rows = node_rows(run, results, command, manifest)
        with duckdb.connect(str(run.warehouse), read_only=True) as con:
            count_table_rows(con, build_rows, manifest)
            history += build_rows + raw_table_rows(con, run, manifest)
    append_history(run.warehouse, history)
    if build_status != 0:
        print(
            "The build failed: the serving copy keeps the last good run. Fix the cause,"
            " then `make nightly-retry` re-runs what failed or was skipped.",
            file=sys.stderr,
        )
        return build_status

    history_status = run.dbt("build", "--selector", "run_history")
    if history_status != 0:
        return history_status
    copied = publish(run.warehouse, serving)
    print(f"Published {copied} tables to {serving}; run {run.run_id} appended to the history.")
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m saas_kpis.nightly",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(os.environ.get("DBT_DUCKDB_PATH", PROJECT_DIR / "warehouse/saas_kpis.duckdb")),
        help="the DuckDB file dbt builds (default: $DBT_DUCKDB_PATH)",
    )
    parser.add_argument("--serving", type=Path, required=True, help="the file BI tools read")
    parser.add_argument(
        "--target-path",
        type=Path,
        default=Path(os.environ.get("DBT_TARGET_PATH", PROJECT_DIR / "target")),
        help="dbt's artefacts (default: $DBT_TARGET_PATH, else target/)",
    )
    parser.add_argument(
        "--selector",
        choices=["nightly", "intraday"],
        default="nightly",
        help="what the build builds (selectors.yml; default: nightly)",
    )
    parser.add_argument("--vars", dest="dbt_vars", help="dbt --vars for every step (YAML)")
    parser.add_argument(
        "--retry",
        action="store_true",
        help="after a failed build: `dbt retry` instead of freshness and the build",
    )
    args = parser.parse_args(argv)
    sys.exit(
        nightly(
            args.warehouse, args.serving, args.target_path, args.selector, args.dbt_vars, args.retry
        )
    )


if __name__ == "__main__":
    main()
