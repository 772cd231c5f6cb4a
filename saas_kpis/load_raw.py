"""Load generated raw tables into a DuckDB warehouse as raw.<table> (all text).

    python -m saas_kpis.load_raw --data generated/10000 --warehouse warehouse/generated_10000.duckdb
    python -m saas_kpis.load_raw --data generated/10000/delta_1 --warehouse ... --append
    python -m saas_kpis.load_raw --csv seeds/demo --schema landing --warehouse ...

Without --append each table is replaced; with it, the rows are appended (a delta load
from `python -m saas_kpis.generate --delta-of ...`). Then build with
`dbt build --vars '{saas_kpis_load_demo_data: false}'`.

--csv loads CSV files (a file, or every *.csv of a folder) as <schema>.<file name>, all
text, the way `dbt seed` loads the demo seeds on DuckDB (the columns in the header's
order, then COPY): the package install test (integration_tests/) loads the demo data
into its own schema with it.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import duckdb

from saas_kpis.raw_contract import RAW_COLUMNS


def load(data: Path, warehouse: Path, append: bool = False) -> dict[str, int]:
    """Load every table folder under `data`; returns the rows loaded per table."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    loaded: dict[str, int] = {}
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists raw")
        for table, columns in RAW_COLUMNS.items():
            files = sorted((data / table).glob("*.parquet"))
            if not files:
                continue
            file_list = "[" + ", ".join(f"'{f}'" for f in files) + "]"
            cols = ", ".join(f"cast({c} as varchar) as {c}" for c in columns)
            source = f"select {cols} from read_parquet({file_list})"
            exists = con.execute(
                "select count(*) from information_schema.tables "
                "where table_schema = 'raw' and table_name = ?",
                [table],
            ).fetchone()
            if append and exists and exists[0]:
                before = _count(con, table)
                con.execute(f"insert into raw.{table} ({', '.join(columns)}) {source}")
                loaded[table] = _count(con, table) - before
            else:
                con.execute(f"create or replace table raw.{table} as {source}")
                loaded[table] = _count(con, table)
    return loaded


def load_csv(paths: list[Path], warehouse: Path, schema: str) -> dict[str, int]:
    """Replace <schema>.<stem> with each CSV file's rows, every column as text."""
    files = [f for p in paths for f in (sorted(p.glob("*.csv")) if p.is_dir() else [p])]
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    loaded: dict[str, int] = {}
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create schema if not exists {schema}")
        for file in files:
            with file.open(newline="") as handle:
                header = next(csv.reader(handle))
            table = f"{schema}.{file.stem}"
            columns = ", ".join(f"{column} varchar" for column in header)
            con.execute(f"create or replace table {table} ({columns})")
            con.execute(f"copy {table} from '{file}' (format csv, header true, delimiter ',')")
            loaded[table] = _count(con, table)
    return loaded


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    name = table if "." in table else f"raw.{table}"
    row = con.execute(f"select count(*) from {name}").fetchone()
    return int(row[0]) if row else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m saas_kpis.load_raw", description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path, help="a generated folder")
    source.add_argument("--csv", type=Path, nargs="+", help="CSV files or folders of them")
    parser.add_argument("--warehouse", type=Path, required=True, help="DuckDB file")
    parser.add_argument("--append", action="store_true", help="append instead of replace")
    parser.add_argument("--schema", default="raw", help="schema of --csv tables (default raw)")
    args = parser.parse_args(argv)
    if args.csv:
        loaded = load_csv(args.csv, args.warehouse, args.schema)
    else:
        loaded = load(args.data, args.warehouse, args.append)
    mode = "appended" if args.append else "loaded"
    print(json.dumps({"warehouse": str(args.warehouse), mode: loaded}, indent=2))


if __name__ == "__main__":
    main()
