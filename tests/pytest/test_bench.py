"""The benchmark's own logic, without a build: the incremental-vs-full-refresh
comparison finds a differing table (and ignores float noise), and the report states
each target as met or missed. `make bench` itself runs in CI as a smoke test."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from saas_kpis.bench import (
    SizeResult,
    Step,
    differing_tables,
    markdown,
    phase_seconds,
    targets,
)

INCREMENTAL = ["base_app__product_events"]


def _warehouse(path: Path, mrr: list[tuple[str, float]], events: int) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.kpi_mrr (month date, mrr double)")
        con.executemany(
            "insert into marts.kpi_mrr values (?, ?)",
            mrr,
        )
        con.execute("create schema staging")
        con.execute(
            "create table staging.base_app__product_events as select range as id"
            f" from range({events})"
        )
    return path


def test_comparison_finds_differing_tables_only(tmp_path: Path) -> None:
    jan, feb = "2026-01-01", "2026-02-01"
    incremental = _warehouse(tmp_path / "a.duckdb", [(jan, 1234567.123456789), (feb, 0.0)], 10)
    # the same rows in another order, one sum added up in another order
    same = _warehouse(tmp_path / "b.duckdb", [(feb, 0.0), (jan, 1234567.1234567892)], 10)
    other = _warehouse(tmp_path / "c.duckdb", [(jan, 1234567.2), (feb, 0.0)], 11)
    assert differing_tables(incremental, same, INCREMENTAL) == []
    assert differing_tables(incremental, other, INCREMENTAL) == [
        "marts.kpi_mrr",
        "staging.base_app__product_events",
    ]


def test_report_states_each_target() -> None:
    small = SizeResult(
        10_000,
        product_events=5_000_000,
        generate=Step(15, 1.1),
        full_build=Step(100, 3.0),
        incremental_build=Step(5, 9.0),
        raw_scan_floor_seconds=1.0,
        incremental_equals_full_refresh=True,
    )
    large = SizeResult(
        100_000,
        product_events=50_000_000,
        generate=Step(150, 3.0),
        full_build=Step(1300, 7.0),
        incremental_build=Step(200, 4.0),
        unchanged_build=Step(65, 3.0),
        scheduled_nodes=760,
        raw_scan_floor_seconds=10.0,
        incremental_equals_full_refresh=False,
        differing_tables=["marts.kpi_mrr"],
    )
    checks = {c["target"]: c for c in targets([large, small])}
    assert checks["100,000: full build < 600 s"]["met"] is False
    assert checks["100,000: full build <= 8x raw-scan floor"]["met"] is False
    assert checks["10,000: peak RSS of a build <= 8.6 GB"]["measured"] == "9.0 GB"
    assert checks["10,000: peak RSS of a build <= 8.6 GB"]["met"] is False
    assert checks["100,000: peak RSS of a build <= 8.6 GB"]["met"] is True
    assert checks["10,000: incremental < 10% of full build"]["met"] is True
    assert checks["100,000: incremental < 10% of full build"]["met"] is False
    assert checks["100,000: incremental tables equal a full refresh"]["measured"] == (
        "differ: marts.kpi_mrr"
    )
    scaling = checks["10x accounts (10,000 -> 100,000): <= 12x full-build time"]
    assert scaling["met"] is False and scaling["measured"] == "13.0x"

    report = {
        "date": "2026-12-06",
        "machine": "test",
        "targets": list(checks.values()),
        "sizes": [asdict(small), asdict(large)],
    }
    text = markdown(report)
    assert "| 100,000 | 50.0 M | 2:30 | 21:40 | 7.0 GB | 3:20 |" in text
    assert "| 100,000: full build < 600 s | missed | 1300 s |" in text
    assert "with nothing new (760 nodes; what every run costs" in text
    assert "the models rebuilt whole): 1:05 = 5% of the full build." in text


def test_phases_split_a_build_by_folder_and_tests(tmp_path: Path) -> None:
    """Parse is the wait before the first node; models count in their folder's phase,
    data and unit tests in `tests` (dbt's run_results and manifest, as a build writes
    them)."""

    def result(unique_id: str, start: str, seconds: float) -> dict:
        timing = {"name": "execute", "started_at": f"2026-12-07T10:00:{start}Z"}
        return {"unique_id": unique_id, "timing": [timing], "execution_time": seconds}

    nodes = {
        "model.p.base_a": {"resource_type": "model", "fqn": ["p", "staging", "a", "base_a"]},
        "model.p.int_a": {"resource_type": "model", "fqn": ["p", "intermediate", "int_a"]},
        "model.p.kpi_a": {"resource_type": "model", "fqn": ["p", "marts", "core", "kpi_a"]},
        "test.p.not_null_kpi_a": {"resource_type": "test", "fqn": ["p", "not_null_kpi_a"]},
    }
    results = [
        result("model.p.base_a", "12.5", 3.0),
        result("model.p.int_a", "16.0", 2.0),
        result("model.p.kpi_a", "18.5", 1.5),
        result("test.p.not_null_kpi_a", "20.0", 0.25),
        result("unit_test.p.kpi_a.test_rule", "20.5", 0.5),
    ]
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "run_results.json").write_text(json.dumps({"results": results}))
    (tmp_path / "target" / "manifest.json").write_text(json.dumps({"nodes": nodes}))

    started = datetime(2026, 12, 7, 10, 0, 0, tzinfo=UTC)
    assert phase_seconds(tmp_path, started) == {
        "parse": 12.5,
        "staging": 3.0,
        "intermediate": 2.0,
        "marts": 1.5,
        "tests": 0.8,
    }
    report = asdict(SizeResult(1_000, phases_full={"parse": 12.5}, phases_incremental={}))
    assert "| parse | 12.5 | 0.0 |" in markdown(
        {"date": "", "machine": "", "targets": [], "sizes": [report | _steps()]}
    )


def _steps() -> dict:
    step = {"seconds": 60.0, "peak_rss_gb": 1.0}
    return {
        "generate": step,
        "full_build": step,
        "incremental_build": step,
        "raw_scan_floor_seconds": 1.0,
        "product_events": 1_000_000,
    }
