"""Cross-engine checks that run without PostgreSQL or Spark: PostgreSQL's identifier
limit, and the parity comparator (it must pass equal marts and fail, showing the
rows, on any real difference). The end-to-end proof that a broken engine variant of a
dispatched macro fails parity needs a PostgreSQL server: it runs when
SAAS_KPIS_ENGINE_TESTS=1 (about a minute)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import COPY_IGNORE, PROJECT_DIR
from saas_kpis import parity

POSTGRES_MAX_IDENTIFIER = 63


def test_unit_test_and_model_names_fit_postgres_identifiers() -> None:
    # A unit test runs as a relation named after it: PostgreSQL refuses names longer
    # than 63 bytes, DuckDB and Spark do not, so only this test catches it early.
    too_long = []
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        document = yaml.safe_load(path.read_text()) or {}
        for unit_test in document.get("unit_tests") or []:
            if len(unit_test["name"]) > POSTGRES_MAX_IDENTIFIER:
                too_long.append(f"{path.relative_to(PROJECT_DIR)}: {unit_test['name']}")
    for path in (PROJECT_DIR / "models").rglob("*.sql"):
        if len(path.stem) > POSTGRES_MAX_IDENTIFIER:
            too_long.append(str(path.relative_to(PROJECT_DIR)))
    assert not too_long, "Longer than PostgreSQL's 63 characters:\n" + "\n".join(too_long)


MART_SQL = """
    select * from (values
        ('2025-01-01'::date, 'email', 10, 0.1 + 0.2, timestamp '2025-01-01 10:00:00.250', true),
        ('2025-01-01'::date, 'chat', 4, 1.0 / 3, timestamp '2025-01-02 00:00:00', false),
        ('2025-02-01'::date, 'chat', 0, null, null, null)
    ) as t(month, channel, tickets, rate, first_at, is_complete_month)
"""


def _warehouse(path: Path, select_sql: str = MART_SQL) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(f"create table marts.kpi_demo as {select_sql}")
        # Every mart is compared; tables of other schemas are not.
        connection.execute("create schema intermediate")
        connection.execute("create table intermediate.int_ignored as select 1 as x")
    return path


def _export(folder: Path, select_sql: str) -> Path:
    target = folder / "marts" / "kpi_demo"
    target.mkdir(parents=True)
    with duckdb.connect() as connection:
        # Shuffled on purpose: parity orders rows itself.
        connection.execute(
            f"copy (select * from ({select_sql}) order by channel desc, month desc)"
            f" to '{target / 'part-0.parquet'}' (format parquet)"
        )
    return folder


def test_parity_passes_equal_marts_in_any_row_order(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    # The candidate computed 0.1 + 0.2 another way: within 1e-9 relative.
    other = MART_SQL.replace("0.1 + 0.2", "0.3").replace("1.0 / 3", "1.0 / 3 * (1 + 1e-13)")
    export = _export(tmp_path / "engine", other)
    assert parity.list_tables(warehouse) == ["kpi_demo"]
    assert parity.check(warehouse, {"engine": export}) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("1.0 / 3", "1.0 / 3 * (1 + 1e-7)"), "differing columns ['rate']"),
        (("'chat', 4", "'Chat', 4"), "differing columns"),
        (("10:00:00.250", "10:00:00.251"), "differing columns ['first_at']"),
        (("'2025-02-01'::date", "'2025-02-02'::date"), "differing columns"),
        (("false),", "true),"), "differing columns ['is_complete_month']"),
        (("0, null, null, null)", "0, 0.0, null, null)"), "differing columns ['rate']"),
        ((", 'chat', 0, null, null, null)", ", 'chat', 0, null, null, null) limit 2"), "3 rows"),
    ],
)
def test_parity_fails_on_any_real_difference(
    tmp_path: Path, change: tuple[str, str], expected: str, capsys: pytest.CaptureFixture
) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    export = _export(tmp_path / "engine", MART_SQL.replace(*change))
    problems = parity.check(warehouse, {"engine": export})
    assert problems, f"parity missed {change}"
    assert any(expected in line for line in problems), problems


def test_parity_fails_without_an_export_and_exits_non_zero(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path / "w.duckdb")
    (tmp_path / "engine").mkdir()
    code = parity.main(["--duckdb", str(warehouse), f"engine={tmp_path / 'engine'}"])
    assert code == 1


@pytest.mark.skipif(
    os.environ.get("SAAS_KPIS_ENGINE_TESTS") != "1",
    reason="needs PostgreSQL server binaries; set SAAS_KPIS_ENGINE_TESTS=1",
)
def test_a_broken_postgres_variant_of_a_dispatched_macro_fails_parity(tmp_path: Path) -> None:
    # The same project twice on the same selection: DuckDB as it is, PostgreSQL with a
    # postgres__seconds_between that is one second off. Parity must name the mart.
    selection = ["+kpi_first_response_time"]
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=COPY_IGNORE)
    (project / "macros" / "broken_seconds_between.sql").write_text(
        "{% macro postgres__seconds_between(start_at, end_at) -%}\n"
        "    (cast(extract(epoch from {{ end_at }}) - extract(epoch from {{ start_at }})"
        " as double precision) + 1)\n"
        "{%- endmacro %}\n"
    )
    duckdb_out, postgres_out = tmp_path / "duckdb", tmp_path / "postgres"
    # No tests in the builds: PostgreSQL's unit tests would already stop this build
    # (they do: test_escalation_without_later_agent_reply); here parity must catch it.
    common = ["--select", *selection, "--no-incremental-rerun", "--tests", "none"]
    for engine, project_dir, out in [
        ("duckdb", PROJECT_DIR, duckdb_out),
        ("postgres", project, postgres_out),
    ]:
        command = [sys.executable, "-m", "saas_kpis.engines", engine]
        command += ["--project-dir", str(project_dir), "--out", str(out), *common]
        # The copy has no .dbt of its own (COPY_IGNORE): both read the project's profile.
        env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt")}
        result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    problems = parity.check(duckdb_out / "warehouse.duckdb", {"postgres": postgres_out})
    assert any("kpi_first_response_time: rows differ on postgres" in p for p in problems), problems
