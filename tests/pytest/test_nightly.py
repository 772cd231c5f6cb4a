"""The scheduled run (`make nightly`, saas_kpis/nightly.py) and the selectors it and
the README's schedules use (selectors.yml)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from conftest import PROJECT_DIR, DbtRun
from saas_kpis.serving import publish

# The demo data is a static snapshot from 2026: stale by the nightly defaults (error
# after 3 days, marketing 45), fresh enough with these (until 2053). Both runs of the
# test use them, so that every dbt call after the first reuses its parse.
DEMO_VARS = (
    "{saas_kpis_raw_freshness_error_after_days: 10000,"
    " saas_kpis_raw_marketing_freshness_error_after_days: 10000}"
)


def _env(dbt: DbtRun) -> dict[str, str]:
    # dbt's artefacts go to the test's folder, not to the project's target/.
    return {
        **os.environ,
        "DBT_TARGET_PATH": str(dbt.workdir / "target"),
        "DBT_LOG_PATH": str(dbt.workdir / "logs"),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt"),
        "DBT_DUCKDB_PATH": str(dbt.warehouse),
    }


def _make_nightly(
    dbt: DbtRun, serving: Path, nightly_vars: str = ""
) -> subprocess.CompletedProcess:
    command = ["make", "--no-print-directory", "nightly", f"VENV={sys.prefix}"]
    command += [f"DBT_DUCKDB_PATH={dbt.warehouse}", f"SERVING_PATH={serving}"]
    command += [f"NIGHTLY_VARS={nightly_vars}"]
    return subprocess.run(command, cwd=PROJECT_DIR, env=_env(dbt), capture_output=True, text=True)


def _history(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select run_id, dbt_command, resource_type, status from audit.run_history_nodes"
            " order by run_started_at, node_id"
        ).fetchall()


def _file_identity(path: Path) -> tuple[int, int, int]:
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def test_nightly_builds_publishes_and_appends_and_a_stale_source_stops_it(
    demo_copy: DbtRun, demo_warehouse: Path, tmp_path: Path
) -> None:
    serving = tmp_path / "serving" / "saas_kpis.duckdb"
    publish(demo_warehouse, serving)
    before = _file_identity(serving)

    # Fresh enough: the nightly build runs, its run is appended to the history, and the
    # serving copy is replaced, history included.
    fresh = _make_nightly(demo_copy, serving, DEMO_VARS)
    assert fresh.returncode == 0, fresh.stdout[-4000:] + fresh.stderr[-2000:]
    assert _file_identity(serving) != before
    history = _history(demo_copy.warehouse)
    run_ids = {row[0] for row in history}
    assert len(run_ids) == 1
    statuses = {row[1:] for row in history}
    assert {("build", "model", "success"), ("build", "test", "pass")} <= statuses
    assert ("source freshness", "source", "warn") in statuses  # stale by warn_after
    assert not any(status in ("error", "fail") for _, _, status in statuses)
    assert not any(resource_type == "unit_test" for _, resource_type, _ in statuses)
    with duckdb.connect(str(serving), read_only=True) as served:
        # The models over the history include the run that just ended.
        raw_tables = served.execute(
            "select source_table, raw_rows, clean_rows + rejected_rows + duplicate_rows"
            " from audit.run_history_raw_table_runs"
        ).fetchall()
        assert len(raw_tables) == 9
        assert all(raw == accounted for _, raw, accounted in raw_tables)
        (models,) = served.execute(
            "select count(*) from audit.run_history_node_months"
            " where resource_type = 'model' and runs = 1"
        ).fetchone()
        assert models > 50

    # The product feed stops: its newest load is now decades old. The run stops after
    # the freshness check, before any model builds (dbt writes no new build results),
    # publishes nothing, and records the checks under a second run id.
    published = _file_identity(serving)
    build_results = demo_copy.workdir / "target" / "run_results.json"
    results_before = build_results.stat().st_mtime_ns
    with duckdb.connect(str(demo_copy.warehouse)) as con:
        con.execute("update raw.product_events set _loaded_at = '1990-01-01 00:00:00'")
    stale = _make_nightly(demo_copy, serving, DEMO_VARS)
    assert stale.returncode != 0, stale.stdout[-4000:]
    assert "Stopped before the build" in stale.stderr
    assert build_results.stat().st_mtime_ns == results_before
    assert _file_identity(serving) == published
    history = _history(demo_copy.warehouse)
    second_run = [row[1:] for row in history if row[0] not in run_ids]
    assert len({row[0] for row in history}) == 2
    assert len(second_run) == 9  # one freshness check per raw table, nothing else
    assert ("source freshness", "source", "error") in second_run

    # The history is no dbt model: a full refresh of everything that reads it or sits
    # beside it in `audit` leaves it whole (dbt called as `make nightly` called it, so
    # that it reuses that run's parse).
    refresh = [str(Path(sys.executable).parent / "dbt"), "run", "--full-refresh"]
    refresh += ["--select", "rejected_rows", "tag:run_history", "--vars", DEMO_VARS]
    subprocess.run(refresh, cwd=PROJECT_DIR, env=_env(demo_copy), check=True, capture_output=True)
    assert _history(demo_copy.warehouse) == history


class Lister:
    """`dbt ls` in this process on one parse of the project: one parse instead of one
    per selector."""

    def __init__(self, workdir: Path) -> None:
        from dbt.cli.main import dbtRunner

        self.common = ["--project-dir", str(PROJECT_DIR)]
        self.common += ["--profiles-dir", str(PROJECT_DIR / ".dbt"), "--target", "duckdb"]
        self.common += ["--target-path", str(workdir / "target")]
        self.common += ["--log-path", str(workdir / "logs"), "--quiet"]
        parsed = dbtRunner().invoke(["parse", *self.common])
        assert parsed.success, parsed.exception
        self.runner = dbtRunner(manifest=parsed.result)

    def __call__(self, *selection: str) -> dict[str, dict]:
        """unique_id -> the node's resource type, fqn and tags."""
        keys = ["unique_id", "fqn", "resource_type", "tags"]
        listed = self.runner.invoke(
            ["ls", *selection, "--output", "json", "--output-keys", *keys, *self.common]
        )
        assert listed.success, listed.exception
        nodes = [json.loads(line) for line in listed.result]
        return {node["unique_id"]: node for node in nodes}


def _of_type(nodes: dict[str, dict], resource_type: str) -> set[str]:
    return {uid for uid, node in nodes.items() if node["resource_type"] == resource_type}


def test_selectors_list_what_each_run_needs(tmp_path: Path) -> None:
    ls = Lister(tmp_path)
    everything = ls("--resource-type", "all")
    models = _of_type(everything, "model")
    history_models = {uid for uid in models if "run_history" in everything[uid]["tags"]}
    assert history_models == {
        "model.saas_kpis.run_history_node_months",
        "model.saas_kpis.run_history_raw_table_runs",
    }

    nightly = ls("--selector", "nightly")
    # every model, the views over the configuration seeds too (a first run on an empty
    # warehouse needs them); a test of those views alone waits for `full` (a run does
    # not change the seeds); one that also reads data stays
    assert _of_type(nightly, "model") == models - history_models
    assert "test.saas_kpis.assert_health_score_weights_sum_to_one" not in nightly
    assert "test.saas_kpis.assert_health_score_weights_sum_to_one" in everything
    assert set(node["resource_type"] for node in nightly.values()) == {"model", "test"}
    assert "test.saas_kpis.assert_as_of_date_keeps_up_with_loads" in nightly
    assert "test.saas_kpis.assert_fct_mrr_sums_to_kpi_mrr" in nightly

    run_history = ls("--selector", "run_history")
    assert _of_type(run_history, "model") == history_models
    assert _of_type(run_history, "test")

    intraday = ls("--selector", "intraday")
    intraday_models = {uid.split(".")[-1] for uid in _of_type(intraday, "model")}
    assert {"fct_tickets", "kpi_first_response_time", "customer_health_daily"} <= intraday_models
    assert {"customer_health_current", "base_app__product_events"} <= intraday_models
    # the health models read their changed accounts from the change log
    assert "int_account_changes_logged" in intraday_models
    assert not {"kpi_mrr", "kpi_nps", "kpi_activation_rate"} & intraday_models
    assert not _of_type(intraday, "seed") and not _of_type(intraday, "unit_test")
    assert _of_type(intraday, "test") < _of_type(nightly, "test")

    full = ls("--selector", "full")
    assert _of_type(full, "model") == models
    assert _of_type(full, "unit_test") == _of_type(everything, "unit_test")
    assert _of_type(full, "test") == _of_type(everything, "test")
    seeds = {everything[uid]["fqn"][1] for uid in _of_type(full, "seed")}
    assert seeds == {"config"}  # the demo raw data is loaded before, by `dbt seed`
