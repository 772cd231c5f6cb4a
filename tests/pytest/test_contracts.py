"""The marts are a contract (kpis.md): every mart enforces a dbt model contract with a
data_type on every column, so a change to a mart's columns, names or types, fails the
build before the mart that dashboards read is replaced."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import COPY_IGNORE, PROJECT_DIR, DbtRun, query

# The published types (README, "BI"), as they read on DuckDB: text, whole numbers,
# 8-byte floats (var type_double), dates, UTC timestamps, flags.
PUBLISHED_TYPES = {"string", "bigint", "double", "date", "timestamp", "boolean"}
CONTRACT_ERROR = "This model has an enforced contract that failed."
SMALL_MART = "dim_accounts"
SMALL_MART_SQL = Path("models") / "marts" / "core" / "dim_accounts.sql"


def test_every_mart_enforces_a_contract_with_a_type_on_every_column(dbt: DbtRun) -> None:
    dbt("parse")
    manifest = json.loads((dbt.workdir / "target" / "manifest.json").read_text())
    marts = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/marts/")
    ]
    assert len(marts) >= 35, [node["name"] for node in marts]

    problems: list[str] = []
    for node in sorted(marts, key=lambda node: node["name"]):
        if not node["config"]["contract"]["enforced"]:
            problems.append(f"{node['name']}: contract not enforced")
        if not node["columns"]:
            problems.append(f"{node['name']}: no columns in its yml")
        for name, column in node["columns"].items():
            data_type = (column.get("data_type") or "").strip()
            if data_type not in PUBLISHED_TYPES:
                problems.append(f"{node['name']}.{name}: data_type {data_type!r}")
    assert not problems, "\n".join(problems)


def _columns(warehouse: Path, table: str) -> dict[str, str]:
    return dict(
        query(
            warehouse,
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'marts' and table_name = ? order by ordinal_position",
            [table],
        )
    )


def test_a_breaking_change_to_a_mart_fails_its_build(tmp_path: Path) -> None:
    """On a copy of the project, dim_accounts (few parents) built as it is, then with
    one column's type changed and with one column dropped: each build fails with dbt's
    contract error naming the column, and the built mart stays as it was."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=COPY_IGNORE)
    dbt = DbtRun(tmp_path / "run", project_dir=project)
    dbt.workdir.mkdir()
    dbt("seed", "--full-refresh")
    dbt("run", "--select", f"+{SMALL_MART}")
    published = _columns(dbt.warehouse, SMALL_MART)
    assert published["signup_date"] == "DATE" and "csm_owner" in published

    sql_path = project / SMALL_MART_SQL
    original = sql_path.read_text()
    final_columns = "        csm_owner,\n        signup_month,\n        signup_date,\n"
    assert final_columns in original
    breaking_changes = {
        "signup_date": final_columns.replace(
            "signup_date,", "cast(signup_date as {{ dbt.type_timestamp() }}) as signup_date,"
        ),
        "csm_owner": final_columns.replace("        csm_owner,\n", ""),
    }
    for column, changed_columns in breaking_changes.items():
        sql_path.write_text(original.replace(final_columns, changed_columns))
        result = dbt("build", "--select", SMALL_MART, check=False)
        assert result.returncode != 0, result.stdout[-4000:]
        assert CONTRACT_ERROR in result.stdout, result.stdout[-4000:]
        assert column in result.stdout.split(CONTRACT_ERROR)[1], result.stdout[-4000:]
        assert _columns(dbt.warehouse, SMALL_MART) == published
