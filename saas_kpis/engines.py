"""Build the demo warehouse on one engine (DuckDB, PostgreSQL or Spark) and export its
marts, so that `saas_kpis.parity` can compare the engines row by row.

    python -m saas_kpis.engines duckdb   --out target/engines/duckdb
    python -m saas_kpis.engines postgres --out target/engines/postgres
    python -m saas_kpis.engines spark    --out target/engines/spark

Each run: `dbt seed --full-refresh`, `dbt build` (models, data tests, unit tests), then
`dbt run` of the incremental models once more (the incremental code path of each
engine's strategy), then an export of every table of the `marts` schema to
`<out>/marts/<table>/*.parquet` (DuckDB keeps its warehouse file at
`<out>/warehouse.duckdb`, which parity reads directly).

- duckdb: `--from-warehouse FILE` starts from a copy of a warehouse this project was
  just seeded and built into with the same vars (`make test`'s, in CI) and only re-runs
  the incremental models.
- postgres: a throw-away server (initdb in a temp dir, trust auth, C collation,
  loopback port chosen free, UTC), stopped and deleted whatever happens.
- spark: dbt-spark in session mode inside this Python process, so seed, build and
  export share one JVM; Spark's metastore_db/, spark-warehouse/ and derby.log go to a
  temp working directory deleted at the end.

dbt runs in-process (dbtRunner); the profile is the project's (.dbt/profiles.yml, made
by `make setup` from profiles.example.yml) with the target named after the engine.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
EXPORTED_SCHEMAS = ("marts",)
DATABASE = "saas_kpis"
TARGETS = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark_session"}


class EngineError(RuntimeError):
    """A build or export step failed; the message says which."""


# --------------------------------------------------------------------------- dbt


def run_dbt(args: Sequence[str], project_dir: Path, out: Path, dbt_vars: str | None = None) -> None:
    """One dbt command, in this process, with artefacts under `out` (and `--vars
    dbt_vars` when given)."""
    from dbt.cli.main import dbtRunner

    command = [
        *args,
        *(["--vars", dbt_vars] if dbt_vars else []),
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        os.environ.get("DBT_PROFILES_DIR", str(project_dir / ".dbt")),
        "--target-path",
        str(out / "dbt" / "target"),
        "--log-path",
        str(out / "dbt" / "logs"),
    ]
    print(f"\n$ dbt {' '.join(args)}   [target {os.environ['DBT_TARGET']}]", flush=True)
    started = time.monotonic()
    result = dbtRunner().invoke(command)
    print(f"  ({time.monotonic() - started:.0f} s)", flush=True)
    if not result.success:
        raise EngineError(f"dbt {' '.join(args)} failed on {os.environ['DBT_TARGET']}") from (
            result.exception
        )


def build_project(
    project_dir: Path,
    out: Path,
    select: Sequence[str],
    incremental: bool,
    tests: str = "all",
    built: bool = False,
    dbt_vars: str | None = None,
) -> None:
    """Seed, build (with `tests`: all, unit or none), and re-run the incremental models
    (their incremental code path). `built`: the warehouse already holds the seed and
    build of this project (only the re-run is left)."""
    selection = ["--select", *select] if select else []
    excluded = ["resource_type:seed"]
    if tests in ("unit", "none"):
        excluded.append("test_type:data")
    if tests == "none":
        excluded.append("test_type:unit")
    if not built:
        run_dbt(["seed", "--full-refresh"], project_dir, out, dbt_vars)
        run_dbt(["build", "--exclude", *excluded, *selection], project_dir, out, dbt_vars)
    if incremental:
        incremental_selection = ["config.materialized:incremental"]
        if select:
            # Intersection: the incremental models inside the selection.
            incremental_selection = [f"{item},config.materialized:incremental" for item in select]
        run_dbt(["run", "--select", *incremental_selection], project_dir, out, dbt_vars)


# --------------------------------------------------------------------------- exports


def _arrow_column(values: list[object]):
    """A pyarrow array for one column of Python values (numbers become float64 unless
    all are integers: parity compares numbers with a tolerance anyway)."""
    import pyarrow as pa

    kinds = {type(value) for value in values if value is not None}
    if not kinds:
        return pa.array(values, type=pa.null())
    if kinds <= {bool}:
        return pa.array(values, type=pa.bool_())
    if kinds <= {int}:
        return pa.array(values, type=pa.int64())
    if kinds <= {int, float, Decimal}:
        return pa.array([None if v is None else float(v) for v in values], type=pa.float64())
    if kinds <= {datetime}:
        return pa.array(values, type=pa.timestamp("us"))
    if kinds <= {date}:
        return pa.array(values, type=pa.date32())
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def export_rows(columns: list[str], rows: list[tuple], path: Path) -> None:
    """Write rows to `path/part-0.parquet`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir(parents=True, exist_ok=True)
    arrays = [_arrow_column([row[i] for row in rows]) for i in range(len(columns))]
    pq.write_table(pa.table(arrays, names=columns), path / "part-0.parquet")


def export_postgres(dsn: str, out: Path, schemas: Sequence[str]) -> list[str]:
    """Every table of `schemas` to `out/<schema>/<table>/part-0.parquet`."""
    import psycopg2

    exported = []
    with contextlib.closing(psycopg2.connect(dsn)) as connection, connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(
                "select table_name from information_schema.tables"
                " where table_schema = %s and table_type = 'BASE TABLE' order by table_name",
                (schema,),
            )
            for (table,) in cursor.fetchall():
                cursor.execute(f'select * from "{schema}"."{table}"')
                columns = [column.name for column in cursor.description]
                export_rows(columns, cursor.fetchall(), out / schema / table)
                exported.append(f"{schema}.{table}")
    return exported


def export_spark(out: Path, schemas: Sequence[str]) -> list[str]:
    """Export through the session dbt used (same JVM); timestamps as timestamp_ntz so
    that the Parquet files hold the UTC wall-clock values."""
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    exported = []
    for schema in schemas:
        if not spark.catalog.databaseExists(schema):
            continue
        tables = sorted(
            table.name
            for table in spark.catalog.listTables(schema)
            if (table.tableType or "").upper() != "VIEW" and not table.isTemporary
        )
        for table in tables:
            frame = spark.table(f"{schema}.{table}")
            selected = [
                f"cast(`{field.name}` as timestamp_ntz) as `{field.name}`"
                if field.dataType.typeName() == "timestamp"
                else f"`{field.name}`"
                for field in frame.schema.fields
            ]
            frame.selectExpr(*selected).coalesce(1).write.mode("overwrite").parquet(
                str(out / schema / table)
            )
            exported.append(f"{schema}.{table}")
    return exported


# --------------------------------------------------------------------------- postgres


def find_postgres_bin() -> Path:
    """The directory of initdb/pg_ctl: PG_BIN, the PATH, or Debian's layout."""
    candidates = [os.environ.get("PG_BIN", "")]
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise EngineError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
        "(Debian/Ubuntu: `apt-get install -y postgresql`) or set PG_BIN."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as `postgres` then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", os.environ.get("PG_OS_USER", "postgres"), "--", *command]


@contextlib.contextmanager
def postgres_server() -> Iterator[dict[str, str]]:
    """A throw-away PostgreSQL server on a free loopback port; yields libpq settings.

    The server is stopped and its data directory deleted on exit, error or signal."""
    bin_dir = find_postgres_bin()
    workdir = Path(tempfile.mkdtemp(prefix="saas_kpis_pg_"))
    data_dir = workdir / "data"
    log_file = workdir / "server.log"
    if os.geteuid() == 0:
        shutil.chown(workdir, user=os.environ.get("PG_OS_USER", "postgres"))
    port = free_port()
    started = False
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "--pgdata",
                    str(data_dir),
                    "--username",
                    "postgres",
                    "--auth",
                    "trust",
                    # C collation: text compares byte by byte, as on DuckDB and Spark.
                    "--no-locale",
                    "--encoding",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            text=True,
        )
        options = " ".join(
            [
                f"-p {port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={workdir}",
                "-c timezone=UTC",
                # Throw-away data: no durability needed.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=20",
            ]
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "--pgdata",
                    str(data_dir),
                    "--log",
                    str(log_file),
                    "--options",
                    options,
                    "--wait",
                    "--timeout",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            text=True,
        )
        started = True
        settings = {
            "PGHOST": "127.0.0.1",
            "PGPORT": str(port),
            "PGUSER": "postgres",
            "PGPASSWORD": "",
            "PGDATABASE": DATABASE,
            "PGTZ": "UTC",
        }
        import psycopg2

        connection = psycopg2.connect(
            host="127.0.0.1", port=port, user="postgres", dbname="postgres"
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"create database {DATABASE} template template0 encoding 'UTF8'")
        connection.close()
        print(f"PostgreSQL started on 127.0.0.1:{port} (data in {data_dir})", flush=True)
        yield settings
    except subprocess.CalledProcessError as error:
        log = log_file.read_text() if log_file.exists() else ""
        raise EngineError(
            f"PostgreSQL did not start: {' '.join(error.cmd)}\n{error.stdout}{error.stderr}{log}"
        ) from error
    finally:
        if started:
            subprocess.run(
                _as_server_user(
                    [str(bin_dir / "pg_ctl"), "--pgdata", str(data_dir), "-m", "fast", "stop"]
                ),
                check=False,
                capture_output=True,
            )
            print("PostgreSQL stopped", flush=True)
        shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------- engines


def run_duckdb(
    project_dir: Path,
    out: Path,
    schemas: Sequence[str],
    from_warehouse: Path | None = None,
    **build: object,
) -> None:
    warehouse = out / "warehouse.duckdb"
    os.environ["DBT_DUCKDB_PATH"] = str(warehouse)
    if from_warehouse is not None:
        # A warehouse this very project was just seeded and built into (`make test`'s):
        # copy it rather than build it again; the incremental re-run still runs.
        if not from_warehouse.exists():
            raise EngineError(f"--from-warehouse: no DuckDB warehouse at {from_warehouse}")
        warehouse.unlink(missing_ok=True)
        shutil.copyfile(from_warehouse, warehouse)
        print(f"DuckDB warehouse copied from {from_warehouse}", flush=True)
        build["built"] = True
    build_project(project_dir, out, **build)


def run_postgres(project_dir: Path, out: Path, schemas: Sequence[str], **build: object) -> None:
    with postgres_server() as settings:
        os.environ.update(settings)
        build_project(project_dir, out, **build)
        dsn = f"host=127.0.0.1 port={settings['PGPORT']} user=postgres dbname={DATABASE}"
        tables = export_postgres(dsn, out, schemas)
        print(f"Exported {len(tables)} tables of {', '.join(schemas)} to {out}", flush=True)


def run_spark(
    project_dir: Path,
    out: Path,
    schemas: Sequence[str],
    keep_workdir: bool = False,
    **build: object,
) -> None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError("Spark needs Java 17 or later (java on PATH or JAVA_HOME).")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Seed, build and export run in this one process (one JVM): the catalog can live in
    # memory, which spares the Derby metastore (about a minute of start-up, and a
    # round trip per table).
    os.environ.setdefault("SPARK_CATALOG_IMPLEMENTATION", "in-memory")
    workdir = Path(tempfile.mkdtemp(prefix="saas_kpis_spark_"))
    previous_dir = Path.cwd()
    # metastore_db/, spark-warehouse/ and derby.log land in the working directory.
    os.chdir(workdir)
    try:
        build_project(project_dir, out, **build)
        tables = export_spark(out, schemas)
        print(f"Exported {len(tables)} tables of {', '.join(schemas)} to {out}", flush=True)
    finally:
        with contextlib.suppress(Exception):
            from pyspark.sql import SparkSession

            active = SparkSession.getActiveSession()
            if active is not None:
                active.stop()
        os.chdir(previous_dir)
        if keep_workdir:
            print(f"Spark working directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


RUNNERS = {"duckdb": run_duckdb, "postgres": run_postgres, "spark": run_spark}


def _raise_on_signal(signum: int, _frame: object) -> None:
    # Turn SIGTERM/SIGHUP into an exception so every `finally` (server stop, temp dir
    # removal) runs, like a shell trap.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=sorted(RUNNERS))
    parser.add_argument("--out", type=Path, help="export folder (default target/engines/<engine>)")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    parser.add_argument("--select", nargs="*", default=[], help="dbt selection (default: all)")
    parser.add_argument(
        "--no-incremental-rerun",
        action="store_true",
        help="skip the second, incremental run of the incremental models",
    )
    parser.add_argument(
        "--tests",
        choices=["all", "unit", "none"],
        default="all",
        help="tests run by dbt build: all (default), unit tests only, none (parity still"
        " checks the marts)",
    )
    parser.add_argument(
        "--export-schemas",
        nargs="+",
        default=list(EXPORTED_SCHEMAS),
        help="schemas whose tables are exported (default: marts)",
    )
    parser.add_argument(
        "--vars",
        dest="dbt_vars",
        help="dbt vars (YAML) for every dbt command, e.g. the connectors' (README)",
    )
    parser.add_argument(
        "--keep-workdir", action="store_true", help="spark: keep the temp working directory"
    )
    parser.add_argument(
        "--from-warehouse",
        type=Path,
        help="duckdb: start from a copy of this warehouse, already seeded and built from"
        " this project with the same vars (make test's), instead of seeding and building",
    )
    args = parser.parse_args(argv)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_on_signal)
    project_dir = args.project_dir.resolve()
    out = (args.out or project_dir / "target" / "engines" / args.engine).resolve()
    # A stale export must never pass for a fresh one.
    for schema in args.export_schemas:
        shutil.rmtree(out / schema, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {"schemas": args.export_schemas, "dbt_vars": args.dbt_vars}
    if args.keep_workdir and args.engine == "spark":
        options["keep_workdir"] = True
    if args.from_warehouse is not None:
        if args.engine != "duckdb":
            parser.error("--from-warehouse is for duckdb only")
        options["from_warehouse"] = args.from_warehouse.resolve()
    os.environ["DBT_TARGET"] = TARGETS[args.engine]
    os.environ.setdefault("DBT_PROFILES_DIR", str(project_dir / ".dbt"))
    started = time.monotonic()
    try:
        RUNNERS[args.engine](
            project_dir,
            out,
            **options,
            select=args.select,
            incremental=not args.no_incremental_rerun,
            tests=args.tests,
        )
    except EngineError as error:
        print(f"\nERROR: {error}", file=sys.stderr)
        for schema in args.export_schemas:
            shutil.rmtree(out / schema, ignore_errors=True)
        return 1
    print(f"\n{args.engine}: built and exported in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
