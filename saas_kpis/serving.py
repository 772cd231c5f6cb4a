"""Publish the built warehouse as the serving copy that BI tools read.

DuckDB lets no reader open a file while a build writes it, so dashboards never read
the build file. After a build whose tests all passed, the schemas dashboards read are
copied into a new file next to the serving copy, which is then swapped into place with
an atomic rename: a reader that has the old copy open keeps reading it, a new reader
gets the new one, and a failed build (which never reaches this step) leaves the last
good copy untouched.

The copy is written in DuckDB's v1.1.0 storage format (DECISIONS 62), which the older
DuckDB libraries bundled in BI tools can open.

Each copy records its own publication in `audit.serving_publication` (one row:
`published_at`, UTC, and the `as_of_date` the marts report up to, the last day of
`int_day_spine`), so a dashboard shows how fresh its data is without reading the file's
metadata.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

SERVED_SCHEMAS = ("marts", "audit")
STORAGE_VERSION = "v1.1.0"
PUBLICATION_TABLE = "audit.serving_publication"
# The day spine ends at as_of_date, whether the var or the data set it.
AS_OF_DATE_SQL = "select max(date_day) from build.intermediate.int_day_spine"


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def publish(build_path: Path, serving_path: Path, schemas: tuple[str, ...] = SERVED_SCHEMAS) -> int:
    """Copy `schemas` of the build file to `serving_path` atomically; returns tables copied."""
    serving_path.parent.mkdir(parents=True, exist_ok=True)
    staging_path = serving_path.with_name(serving_path.name + ".publishing")
    staging_path.unlink(missing_ok=True)
    copied = 0
    with duckdb.connect() as connection:
        connection.execute(f"attach {_quote_literal(str(build_path))} as build (read_only)")
        connection.execute(
            f"attach {_quote_literal(str(staging_path))} as serving"
            f" (storage_version {_quote_literal(STORAGE_VERSION)})"
        )
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = 'build' and table_type = 'BASE TABLE'"
            " and table_schema in (select unnest(?)) order by table_schema, table_name",
            [list(schemas)],
        ).fetchall()
        for schema in sorted({schema for schema, _ in tables}):
            connection.execute(f"create schema serving.{_quote_identifier(schema)}")
        for schema, table in tables:
            name = f"{_quote_identifier(schema)}.{_quote_identifier(table)}"
            connection.execute(f"create table serving.{name} as select * from build.{name}")
            copied += 1
        connection.execute("create schema if not exists serving.audit")
        connection.execute(
            f"create table serving.{PUBLICATION_TABLE} as"
            f" select cast(? as timestamp) as published_at, ({AS_OF_DATE_SQL}) as as_of_date",
            [datetime.now(UTC).replace(tzinfo=None)],
        )
        connection.execute("detach serving")
    os.replace(staging_path, serving_path)
    return copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, required=True, help="the DuckDB file dbt built")
    parser.add_argument("--serving", type=Path, required=True, help="the file BI tools read")
    args = parser.parse_args()
    copied = publish(args.build, args.serving)
    print(f"Published {copied} tables to {args.serving} (DuckDB storage {STORAGE_VERSION}).")


if __name__ == "__main__":
    main()
