"""Shared helpers for the pytest suite: every test builds on its own throw-away
DuckDB file, never on the warehouse that `make build` writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent
# What a copy of the project needs to build; never the warehouses, artefacts or data.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".dbt", "target", "logs", "warehouse", "generated", "scratch", "*.duckdb"
)


class DbtRun:
    """Runs dbt commands against one throw-away warehouse file."""

    def __init__(self, workdir: Path, project_dir: Path = PROJECT_DIR) -> None:
        self.workdir = workdir
        self.project_dir = project_dir
        self.warehouse = workdir / "warehouse.duckdb"

    def __call__(
        self, *args: str, dbt_vars: dict | None = None, check: bool = True
    ) -> subprocess.CompletedProcess:
        command = [str(BIN_DIR / "dbt"), *args]
        command += ["--target-path", str(self.workdir / "target")]
        command += ["--log-path", str(self.workdir / "logs")]
        if dbt_vars:
            command += ["--vars", json.dumps(dbt_vars)]
        env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt"),
            "DBT_DUCKDB_PATH": str(self.warehouse),
            "DBT_TARGET": "duckdb",
        }
        result = subprocess.run(
            command, cwd=self.project_dir, env=env, capture_output=True, text=True
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"dbt {' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}"
            )
        return result


@pytest.fixture
def dbt(tmp_path: Path) -> DbtRun:
    """A dbt runner bound to a fresh warehouse file in this test's temp folder."""
    return DbtRun(tmp_path)


@pytest.fixture(scope="session")
def demo_dbt(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """A dbt runner on the demo warehouse, seeded and built once for the whole session.
    Tests only read it."""
    run = DbtRun(tmp_path_factory.mktemp("demo"))
    prebuilt = os.environ.get("SAAS_KPIS_DEMO_WAREHOUSE", "")
    if prebuilt and Path(prebuilt).exists():
        # `make test` has just built and tested this very project on the demo data:
        # read a copy of that warehouse instead of building it again.
        shutil.copyfile(prebuilt, run.warehouse)
    else:
        run("seed", "--full-refresh")
        run("build", "--exclude", "resource_type:seed")
    return run


@pytest.fixture(scope="session")
def demo_warehouse(demo_dbt: DbtRun) -> Path:
    """The demo warehouse file (see demo_dbt)."""
    return demo_dbt.warehouse
