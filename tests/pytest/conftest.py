"""Shared helpers for the pytest suite: every test builds on its own throw-away
DuckDB file, never on the warehouse that `make build` writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent


class DbtRun:
    """Runs dbt commands against one throw-away warehouse file."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
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
        result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(
                f"dbt {' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}"
            )
        return result


@pytest.fixture
def dbt(tmp_path: Path) -> DbtRun:
    """A dbt runner bound to a fresh warehouse file in this test's temp folder."""
    return DbtRun(tmp_path)
