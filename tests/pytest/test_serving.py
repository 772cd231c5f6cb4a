"""The serving copy: dashboards keep reading while a build runs, and only a build whose
tests all passed replaces what they read (saas_kpis/serving.py, `make build`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from conftest import PROJECT_DIR, copy_warehouse
from saas_kpis.serving import publish


def _make_build(
    build_path: Path, serving_path: Path, log_path: Path, dbt_args: str = ""
) -> subprocess.Popen:
    # dbt's artefacts go next to the log, not to the project's target/ (which
    # `make test` and other tests use).
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(log_path.parent / "target"),
        "DBT_LOG_PATH": str(log_path.parent / "logs"),
    }
    # Output goes to a file: a pipe nobody reads during the build would fill and block it.
    return subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "build",
            f"VENV={sys.prefix}",
            f"DBT_DUCKDB_PATH={build_path}",
            f"SERVING_PATH={serving_path}",
            f"DBT_ARGS={dbt_args}",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )


def test_reader_keeps_working_while_a_build_publishes(demo_warehouse: Path, tmp_path: Path) -> None:
    serving = tmp_path / "serving" / "saas_kpis.duckdb"
    publish(demo_warehouse, serving)
    reader = duckdb.connect(str(serving), read_only=True)
    months_before = reader.execute("select count(*) from marts.kpi_mrr").fetchone()[0]

    # The nightly case: `make build` on the warehouse the last build left (a copy of the
    # demo warehouse), here rebuilding one mart and running its tests: long enough to
    # read during, and every step of `make build` (seed, build, publish) runs.
    build_path = tmp_path / "build.duckdb"
    copy_warehouse(demo_warehouse, build_path)
    log = tmp_path / "build.log"
    build = _make_build(build_path, serving, log, "--select kpi_mrr")
    queries_during_build = 0
    while build.poll() is None:
        assert reader.execute("select count(*) from marts.kpi_mrr").fetchone()[0] == months_before
        queries_during_build += 1
        time.sleep(0.5)
    assert build.returncode == 0, log.read_text()[-4000:]
    assert queries_during_build > 0

    # The open reader still sees its copy; a new reader sees the published one.
    assert reader.execute("select count(*) from marts.kpi_mrr").fetchone()[0] == months_before
    reader.close()
    with duckdb.connect(str(serving), read_only=True) as fresh_reader:
        assert fresh_reader.execute("select count(*) from marts.kpi_mrr").fetchone()[0] > 0


def test_failed_build_leaves_the_serving_copy_untouched(
    demo_warehouse: Path, tmp_path: Path
) -> None:
    serving = tmp_path / "serving" / "saas_kpis.duckdb"
    publish(demo_warehouse, serving)
    before = os.stat(serving)

    # An as_of_date that is not a date fails the first model that uses it; --fail-fast
    # stops the build there (the rest would only add more failures).
    log = tmp_path / "build.log"
    build = _make_build(
        tmp_path / "build.duckdb",
        serving,
        log,
        "--vars '{saas_kpis_as_of_date: not-a-date}' --fail-fast",
    )
    assert build.wait() != 0, log.read_text()[-4000:]

    after = os.stat(serving)
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    with duckdb.connect(str(serving), read_only=True) as reader:
        assert reader.execute("select count(*) from marts.kpi_mrr").fetchone()[0] > 0


def test_serving_copy_uses_the_storage_format_older_clients_read(
    demo_warehouse: Path, tmp_path: Path
) -> None:
    """DuckDB 1.4 clients refuse DuckDB 2.0's default format ("version number 999") and
    read storage version 64, the number DuckDB writes for storage_version v1.1.0."""
    serving = tmp_path / "saas_kpis.duckdb"
    publish(demo_warehouse, serving)
    header = serving.read_bytes()[8:20]
    assert header[:4] == b"DUCK"
    assert int.from_bytes(header[4:12], "little") == 64
