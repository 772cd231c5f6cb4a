"""Cross-engine parity: the marts built on PostgreSQL and Spark must hold the same rows
as the DuckDB build.

    python -m saas_kpis.parity --duckdb target/engines/duckdb/warehouse.duckdb \\
        postgres=target/engines/postgres spark=target/engines/spark

The tables compared are listed from the DuckDB warehouse's `marts` schema: every
table in it (the dashboards' contract: KPIs, facts, dimensions, health). Each other
engine is read from its export (`<dir>/marts/<table>/*.parquet`, written by
`saas_kpis.engines`), or from another DuckDB warehouse (a path ending in .duckdb, its
marts in --candidate-schema: the package install test compares the marts a consumer
project built with this project installed as a package, `make test-package`). For
each table: same columns (by name), same number of rows, and, with the rows of both
sides ordered by every key-like column (text, dates,
timestamps, booleans, integers) and then by the others, every value equal: numbers to
1e-9 relative (1e-9 absolute near zero, where sums of floats cancel out), text, dates,
timestamps and booleans exactly. A mismatch prints the first differing rows and the
exit status is 1.
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

MARTS_SCHEMA = "marts"
TABLE_PATTERNS = ("*",)
REL_TOL = 1e-9
ABS_TOL = 1e-9
SHOWN_DIFFERENCES = 5

KEY_TYPE_PREFIXES = (
    "VARCHAR",
    "DATE",
    "TIMESTAMP",
    "BOOLEAN",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
    "UUID",
)


@dataclass
class Table:
    """One mart as read from one engine: column names (lower case) and rows."""

    columns: list[str]
    rows: list[tuple]


# --------------------------------------------------------------------------- reading


def list_tables(
    duckdb_path: Path, patterns: Sequence[str] = TABLE_PATTERNS, schema: str = MARTS_SCHEMA
) -> list[str]:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables"
                " where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
        ]
    return [name for name in names if any(fnmatch.fnmatch(name, p) for p in patterns)]


def read_duckdb(
    duckdb_path: Path, table: str, schema: str = MARTS_SCHEMA
) -> tuple[Table, list[str]]:
    """The DuckDB side, plus the names of its key-like columns (by column type)."""
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        connection.execute("set TimeZone = 'UTC'")
        relation = connection.sql(f'select * from "{schema}"."{table}"')
        columns = [name.lower() for name in relation.columns]
        types = [str(t).upper() for t in relation.types]
        rows = relation.fetchall()
    keys = [c for c, t in zip(columns, types, strict=True) if t.startswith(KEY_TYPE_PREFIXES)]
    return Table(columns, rows), keys


def read_export(export_dir: Path, table: str, schema: str = MARTS_SCHEMA) -> Table | None:
    """An engine's export of one table, or None when the engine did not export it."""
    folder = export_dir / schema / table
    files = sorted(folder.glob("*.parquet"))
    if not files:
        return None
    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'UTC'")
        relation = connection.read_parquet([str(f) for f in files])
        return Table([name.lower() for name in relation.columns], relation.fetchall())


# --------------------------------------------------------------------------- comparing


def normalize(value: object) -> object:
    """One representation per value whatever the engine and driver returned."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def sort_key(row: tuple) -> tuple:
    """Total order over normalized values: nulls first, numbers before other types."""
    key = []
    for value in row:
        if value is None:
            key.append((0, 0, ""))
        elif isinstance(value, bool):
            key.append((1, int(value), ""))
        elif isinstance(value, int | float):
            key.append((2, value if not math.isnan(value) else math.inf, ""))
        elif isinstance(value, datetime):
            key.append((3, 0, value.isoformat()))
        elif isinstance(value, date):
            key.append((3, 0, value.isoformat() + "T"))
        else:
            key.append((4, 0, str(value)))
    return tuple(key)


def values_equal(left: object, right: object) -> bool:
    if left is None or right is None:
        return left is None and right is None
    numeric = (int, float)
    if isinstance(left, bool) or isinstance(right, bool):
        return bool(left) == bool(right) and type(left) is type(right)
    if isinstance(left, numeric) and isinstance(right, numeric):
        if isinstance(left, int) and isinstance(right, int):
            return left == right
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        return math.isclose(left, right, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(left, datetime) or isinstance(right, datetime):
        return isinstance(left, datetime) and isinstance(right, datetime) and left == right
    return type(left) is type(right) and left == right


def ordered(table: Table, columns: list[str], keys: list[str]) -> list[tuple]:
    """Rows as normalized tuples in `columns` order, sorted by keys then the rest."""
    positions = [table.columns.index(c) for c in columns]
    rows = [tuple(normalize(row[p]) for p in positions) for row in table.rows]
    key_positions = [columns.index(k) for k in keys]
    other_positions = [i for i in range(len(columns)) if i not in key_positions]
    return sorted(
        rows, key=lambda r: sort_key(tuple(r[i] for i in key_positions + other_positions))
    )


def compare(
    name: str, reference: Table, candidate: Table, keys: list[str], engine: str
) -> list[str]:
    """Differences between the DuckDB rows and an engine's rows, as printable lines."""
    problems: list[str] = []
    missing = [c for c in reference.columns if c not in candidate.columns]
    extra = [c for c in candidate.columns if c not in reference.columns]
    if missing or extra:
        problems.append(f"{name}: columns differ on {engine}: missing {missing}, extra {extra}")
        return problems
    columns = reference.columns
    left = ordered(reference, columns, keys)
    right = ordered(candidate, columns, keys)
    if len(left) != len(right):
        problems.append(f"{name}: {len(left)} rows on duckdb, {len(right)} on {engine}")
    shown = 0
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        differing = [c for c, x, y in zip(columns, a, b, strict=True) if not values_equal(x, y)]
        if not differing:
            continue
        if shown == 0:
            problems.append(f"{name}: rows differ on {engine} (ordered by {', '.join(keys)})")
        problems.append(f"  row {index}: differing columns {differing}")
        problems.append(f"    duckdb: {_describe(columns, a)}")
        problems.append(f"    {engine}: {_describe(columns, b)}")
        shown += 1
        if shown >= SHOWN_DIFFERENCES:
            problems.append("  ...")
            break
    if len(left) != len(right) and shown == 0:
        longer, side = (left, "duckdb") if len(left) > len(right) else (right, engine)
        for row in longer[min(len(left), len(right)) :][:SHOWN_DIFFERENCES]:
            problems.append(f"    only on {side}: {_describe(columns, row)}")
    return problems


def _describe(columns: Iterable[str], row: tuple) -> str:
    return ", ".join(f"{c}={v!r}" for c, v in zip(columns, row, strict=True))


# --------------------------------------------------------------------------- main


def read_candidate(path: Path, table: str, schema: str, candidate_schema: str) -> Table | None:
    """The other side of one table: an engine's export, or a table of a DuckDB file."""
    if path.suffix != ".duckdb":
        return read_export(path, table, schema)
    if table not in list_tables(path, [table], candidate_schema):
        return None
    return read_duckdb(path, table, candidate_schema)[0]


def check(
    duckdb_path: Path,
    exports: dict[str, Path],
    patterns: Sequence[str] = TABLE_PATTERNS,
    schema: str = MARTS_SCHEMA,
    candidate_schema: str | None = None,
) -> list[str]:
    """All differences between DuckDB and each engine's export (empty: parity holds)."""
    tables = list_tables(duckdb_path, patterns, schema)
    if not tables:
        return [f"no table matching {list(patterns)} in {duckdb_path} schema {schema}"]
    problems: list[str] = []
    for table in tables:
        reference, keys = read_duckdb(duckdb_path, table, schema)
        for engine, export_dir in exports.items():
            candidate = read_candidate(export_dir, table, schema, candidate_schema or schema)
            if candidate is None:
                problems.append(f"{table}: no export from {engine} in {export_dir}")
                continue
            found = compare(table, reference, candidate, keys, engine)
            status = "differs" if found else "ok"
            print(f"  {table:<45} {engine:<9} {len(candidate.rows):>8} rows  {status}")
            problems += found
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duckdb", type=Path, required=True, help="the DuckDB warehouse file")
    parser.add_argument(
        "exports", nargs="+", metavar="ENGINE=DIR", help="an export folder, or a .duckdb file"
    )
    parser.add_argument(
        "--tables", nargs="*", default=list(TABLE_PATTERNS), help="table name patterns"
    )
    parser.add_argument(
        "--schema", default=MARTS_SCHEMA, help="schema to compare (debugging: intermediate)"
    )
    parser.add_argument(
        "--candidate-schema",
        help="schema of the marts in a .duckdb candidate (default: --schema)",
    )
    args = parser.parse_args(argv)
    exports = {}
    for item in args.exports:
        engine, _, folder = item.partition("=")
        if not folder:
            parser.error(f"expected ENGINE=DIR, got {item!r}")
        exports[engine] = Path(folder)
    if not args.duckdb.exists():
        print(f"ERROR: no DuckDB warehouse at {args.duckdb}", file=sys.stderr)
        return 1
    print(f"Parity of {', '.join(exports)} against DuckDB ({args.duckdb}):")
    problems = check(args.duckdb, exports, args.tables, args.schema, args.candidate_schema)
    if problems:
        print("\nPARITY FAILED:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    print("\nParity holds: every compared mart is equal on every engine.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
