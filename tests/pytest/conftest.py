"""Shared helpers for the pytest suite: every test builds on its own throw-away
DuckDB file, never on the warehouse that `make build` writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent
# The raw tables of each source system (models/staging/<system>/, the
# saas_kpis_raw_<system>_* vars); a table's base model is base_<system>__<table>.
RAW_TABLES_BY_SYSTEM = {
    "app": ("accounts", "users", "onboarding_events", "product_events"),
    "billing": ("subscriptions",),
    "surveys": ("survey_responses",),
    "support": ("tickets", "ticket_events"),
    "marketing": ("marketing_spend",),
}
# What a copy of the project needs to build; never the warehouses, artefacts or data,
# nor integration_tests/dbt_packages (`make test-package`: a link back to the project).
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".dbt",
    "target",
    "logs",
    "warehouse",
    "generated",
    "scratch",
    "*.duckdb",
    "dbt_packages",
)
# `make pytest` runs the suite on two workers (pytest-xdist, --dist loadscope
# --no-loadscope-reorder): each module goes whole to the next worker that is nearly
# done, in collection order. The modules that build warehouses of their own go first,
# longest first (as `pytest --durations` measured them), every other module after them
# in file order: the run then ends on short modules, not on one worker building alone
# while the other idles.
LONGEST_MODULES_FIRST = (
    "test_connectors.py",
    "test_semantic_layer.py",
    "test_late_arriving_facts.py",
    "test_serving.py",
    "test_staging_bad_input.py",
    "test_nightly.py",
    "test_contracts.py",
    "test_health.py",
    "test_package.py",
    "test_settings.py",
    "test_generator.py",
    "test_staging_incremental.py",
    "test_docs.py",
    "test_onboarding_engagement.py",
    "test_dashboard.py",
    "test_tooling.py",
)
# Each DbtRun's warehouse, relative to its folder (the working directory of its dbt
# calls): see _PARSES.
WAREHOUSE_NAME = "warehouse.duckdb"

# Every dbt call parses the project first. A full parse costs about 15 s of CPU, a
# partial parse (dbt reusing target/partial_parse.msgpack) about 3 s, and each test
# has its own target folder, so the first call of each would parse in full. Instead it
# starts from this session's first parse of the same project with the same vars.
# dbt checks the copy itself (dbt version, vars, profile, dbt_project.yml, every
# file's checksum) and parses in full when anything differs: a copy can cost time,
# never correctness. The profile's check includes the DuckDB path, which is why every
# DbtRun runs in its own folder on the same relative WAREHOUSE_NAME.
_PARSES: dict[tuple[str, str], bytes] = {}


class DbtRun:
    """Runs dbt commands against one throw-away warehouse file."""

    def __init__(
        self, workdir: Path, project_dir: Path = PROJECT_DIR, env: dict[str, str] | None = None
    ) -> None:
        self.workdir = workdir
        self.project_dir = project_dir
        # Extra environment of every dbt call, e.g. another target's DBT_TARGET and libpq
        # settings (the DuckDB ones are the default).
        self.env = env or {}
        self.warehouse = workdir / WAREHOUSE_NAME
        # Which (project, vars) the parse in this run's target folder was made for.
        self._parsed_for: tuple[str, str] | None = None

    def __call__(
        self, *args: str, dbt_vars: dict | None = None, check: bool = True
    ) -> subprocess.CompletedProcess:
        command = [str(BIN_DIR / "dbt"), *args]
        command += ["--project-dir", str(self.project_dir)]
        command += ["--target-path", str(self.workdir / "target")]
        command += ["--log-path", str(self.workdir / "logs")]
        if dbt_vars:
            command += ["--vars", json.dumps(dbt_vars)]
        env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt"),
            "DBT_DUCKDB_PATH": WAREHOUSE_NAME,
            "DBT_TARGET": "duckdb",
            **self.env,
        }
        parse_key = (str(self.project_dir), json.dumps(dbt_vars or {}, sort_keys=True))
        self._reuse_parse(parse_key)
        parse_before = self._parse_stamp()
        self.workdir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(command, cwd=self.workdir, env=env, capture_output=True, text=True)
        if self._parse_stamp() != parse_before:  # dbt wrote a parse for these vars
            self._parsed_for = parse_key
        if self._parsed_for == parse_key and self._parse_file().exists():
            _PARSES.setdefault(parse_key, self._parse_file().read_bytes())
        if check and result.returncode != 0:
            raise AssertionError(
                f"dbt {' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}"
            )
        return result

    def _parse_file(self) -> Path:
        return self.workdir / "target" / "partial_parse.msgpack"

    def _parse_stamp(self) -> tuple[int, int] | None:
        parse = self._parse_file()
        return (parse.stat().st_mtime_ns, parse.stat().st_size) if parse.exists() else None

    def _reuse_parse(self, key: tuple[str, str]) -> None:
        if key in _PARSES and key != self._parsed_for:
            self._parse_file().parent.mkdir(parents=True, exist_ok=True)
            self._parse_file().write_bytes(_PARSES[key])
            self._parsed_for = key


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules in the order of LONGEST_MODULES_FIRST, each module's tests in file
    order."""
    rank = {name: position for position, name in enumerate(LONGEST_MODULES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture
def dbt(tmp_path: Path) -> DbtRun:
    """A dbt runner bound to a fresh warehouse file in this test's temp folder."""
    return DbtRun(tmp_path)


@pytest.fixture(scope="session")
def demo_dbt(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """A dbt runner on the demo warehouse, seeded and built once for the whole session.
    Tests only read it."""
    return demo_warehouse_run(
        DbtRun(tmp_path_factory.mktemp("demo")), "build", "--exclude", "resource_type:seed"
    )


def demo_warehouse_run(run: DbtRun, *build: str) -> DbtRun:
    """`run` on the demo warehouse: a copy of SAAS_KPIS_DEMO_WAREHOUSE when it exists
    (`make test` has just built and tested this very project on the demo data: reading a
    copy costs far less than building again), else seeded and built here with the dbt
    command `build`."""
    prebuilt = os.environ.get("SAAS_KPIS_DEMO_WAREHOUSE", "")
    if prebuilt and Path(prebuilt).exists():
        copy_warehouse(Path(prebuilt), run.warehouse)
    else:
        run("seed", "--full-refresh")
        run(*build)
    return run


@pytest.fixture(scope="session")
def demo_warehouse(demo_dbt: DbtRun) -> Path:
    """The demo warehouse file (see demo_dbt)."""
    return demo_dbt.warehouse


@pytest.fixture
def demo_copy(dbt: DbtRun, demo_warehouse: Path) -> DbtRun:
    """A dbt runner on its own copy of the demo warehouse: seeded and every model built,
    as `dbt seed` and `dbt run` would leave a fresh warehouse, for a test that changes
    it (copying a file costs far less than seeding and building again)."""
    copy_warehouse(demo_warehouse, dbt.warehouse)
    return dbt


def query(warehouse: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """The rows of one query on a closed warehouse file, opened read-only."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, list(params)).fetchall()


def copy_warehouse(source: Path, destination: Path) -> None:
    """Copy a closed DuckDB file (and its write-ahead log, if one was left)."""
    shutil.copyfile(source, destination)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, destination.with_name(destination.name + ".wal"))
