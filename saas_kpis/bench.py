"""Benchmark the warehouse build at company scale on DuckDB.

    python -m saas_kpis.bench --sizes 10000 100000 --out target/bench

For each size (accounts): generate the raw data (saas_kpis.generate), load it, run the
scheduled build (models and every data test) with --full-refresh, append one more day
of raw data (with late events for earlier days) and run the scheduled incremental
build, run it once more with nothing new (what every scheduled run costs whether or
not a row changed: dbt's work per node, the scans for new raw rows, the models rebuilt
whole; a floor under every incremental run; the warehouse must not change), then
rebuild that same data with --full-refresh in a copy of the warehouse and check that
the incremental tables equal it. Measured: wall time of each step, peak RSS of each
build process (DuckDB runs inside dbt), rows of the largest tables, the slowest models,
each build's time per phase (parse, staging, intermediate, marts, tests) and a floor
from the same run: one DuckDB aggregation pass over the raw product events, the least
work any build must do.

Writes <out>/bench.json and <out>/bench.md; nothing is asserted on time, the targets
are reported as met or missed. Exits with an error when the incremental tables differ
from the full refresh (a correctness failure, not a missed target).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
NO_DEMO = json.dumps({"saas_kpis_load_demo_data": False})
# The scheduled build (README, "Schedule it"; selectors.yml): every model and the data
# tests of the models; unit tests check the SQL logic on fixtures, not the data, and
# run in CI (`make test`).
SCHEDULED_BUILD = ["build", "--selector", "nightly"]
# Where a build's time goes (phase_seconds).
PHASES = ("parse", "staging", "intermediate", "marts", "tests")
PHASE_NOTE = "parse: wall time before the first node; others: node seconds summed over 2 threads"
# Relative tolerance for doubles when the incremental and full-refresh tables are
# compared: a parallel sum may add the same numbers in another order (last-bit noise).
DOUBLE_TOLERANCE = 1e-9
# Targets of the benchmark (README, "Performance").
FULL_BUILD_SECONDS_AT_100K = 600
FULL_BUILD_FLOOR_RATIO = 8
INCREMENTAL_SHARE = 0.10
# With the profile's memory_limit of 8 GB: DuckDB's limit bounds its buffers, not dbt's
# Python or DuckDB's other allocations.
PEAK_RSS_GB = 8.6
SCALING_RATIO = 12


@dataclass
class Step:
    """One timed command: wall seconds and the peak RSS of its process (GB)."""

    seconds: float
    peak_rss_gb: float


@dataclass
class SizeResult:
    accounts: int
    product_events: int = 0
    generate: Step | None = None
    load: Step | None = None
    full_build: Step | None = None
    delta_generate_load: Step | None = None
    incremental_build: Step | None = None
    unchanged_build: Step | None = None
    scheduled_nodes: int = 0
    full_refresh_after_delta: Step | None = None
    raw_scan_floor_seconds: float = 0.0
    incremental_equals_full_refresh: bool | None = None
    differing_tables: list[str] = field(default_factory=list)
    largest_tables: list[dict] = field(default_factory=list)
    slowest_nodes_full: list[dict] = field(default_factory=list)
    slowest_nodes_incremental: list[dict] = field(default_factory=list)
    phases_full: dict[str, float] = field(default_factory=dict)
    phases_incremental: dict[str, float] = field(default_factory=dict)


def run(command: list[str], env: dict | None = None) -> Step:
    """Run a command to completion (output to this process's), timing it; the peak RSS
    comes from the kernel's accounting of that one child (wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return Step(round(seconds, 1), round(usage.ru_maxrss / 1024 / 1024, 2))


def dbt(args: list[str], warehouse: Path, work: Path) -> Step:
    command = [str(BIN_DIR / "dbt"), *args, "--vars", NO_DEMO]
    command += ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    env = {
        "DBT_PROFILES_DIR": str(PROJECT_DIR / ".dbt"),
        "DBT_DUCKDB_PATH": str(warehouse),
        "DBT_TARGET": "duckdb",
    }
    return run(command, env)


def python_module(module: str, *args: str) -> Step:
    return run([sys.executable, "-m", module, *args])


def slowest_nodes(work: Path, top: int = 8) -> list[dict]:
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    return [{"node": r["unique_id"], "seconds": round(r["execution_time"], 1)} for r in ranked]


def node_count(work: Path) -> int:
    """How many nodes (models and tests) the last build ran."""
    return len(json.loads((work / "target" / "run_results.json").read_text())["results"])


def keep_run_results(work: Path, build: str) -> None:
    """Keep the build's run_results.json (every node's seconds) as
    run_results_<build>.json beside the warehouse, for a closer look than the report's."""
    shutil.copyfile(work / "target" / "run_results.json", work / f"run_results_{build}.json")


def phase_seconds(work: Path, started_at: datetime) -> dict[str, float]:
    """Where a dbt build started at `started_at` spent its time, from its run_results:
    parse is the wall time from the command's start to its first node (dbt parses the
    project, plans the graph and connects); staging, intermediate and marts sum the
    execution seconds of the models of that folder; tests those of the data and unit
    tests. Nodes run on DuckDB's two dbt threads side by side, so the phases can add up
    to more than the build's wall time."""
    target = work / "target"
    results = json.loads((target / "run_results.json").read_text())["results"]
    manifest = json.loads((target / "manifest.json").read_text())
    first_node = min(
        datetime.fromisoformat(timing["started_at"])
        for result in results
        for timing in result["timing"]
    )
    phases = dict.fromkeys(PHASES, 0.0)
    phases["parse"] = (first_node - started_at).total_seconds()
    for result in results:
        node = manifest["nodes"].get(result["unique_id"], {"resource_type": "unit_test"})
        if node["resource_type"] == "model":
            phase = node["fqn"][1]  # the folder under models/
        elif node["resource_type"] in ("test", "unit_test"):
            phase = "tests"
        else:
            continue
        phases[phase] = phases.get(phase, 0.0) + result["execution_time"]
    return {phase: round(seconds, 1) for phase, seconds in phases.items()}


def raw_scan_floor(warehouse: Path) -> float:
    """One aggregation pass over the raw product events (all text, as loaded), with the
    profile's DuckDB settings: events per account, event name and UTC day."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        _apply_profile_settings(con)
        started = time.perf_counter()
        con.execute(
            "select account_id, event_name, substring(occurred_at, 1, 10) as day, count(*)"
            " from raw.product_events group by all"
        ).fetchall()
        return round(time.perf_counter() - started, 1)


def _apply_profile_settings(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"set memory_limit = '{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}'")
    con.execute(f"set threads = {int(os.environ.get('DUCKDB_THREADS', '2'))}")


def largest_tables(warehouse: Path, top: int = 6) -> list[dict]:
    """The largest tables by row count. DuckDB's estimated_size picks them, but it still
    counts the rows an incremental run deleted, so each one's rows are counted."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute(
            "select schema_name, table_name from duckdb_tables()"
            " order by estimated_size desc limit ?",
            [top],
        ).fetchall()
        counted = [
            (
                f"{schema}.{table}",
                con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0],
            )
            for schema, table in names
        ]
    return [{"table": name, "rows": count} for name, count in sorted(counted, key=lambda r: -r[1])]


def incremental_models(work: Path) -> list[str]:
    """The incremental models of the project the bench built (from dbt's manifest), so
    that a model made incremental later is compared without editing this file. Tables of
    run state (meta `run_state`, e.g. the load watermarks) differ by design: left out."""
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    return sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["config"]["materialized"] == "incremental"
        and not node["config"].get("meta", {}).get("run_state")
    )


def compared_tables(con: duckdb.DuckDBPyConnection, incremental: list[str]) -> list[str]:
    """Every mart and every incremental model: what an incremental run must get right."""
    rows = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables()"
        " where database_name = 'incremental'"
        " and (schema_name = 'marts' or list_contains(?, table_name))"
        " order by 1",
        [incremental],
    ).fetchall()
    return [name for (name,) in rows]


def differing_tables(incremental: Path, full_refresh: Path, models: list[str]) -> list[str]:
    """Marts and incremental `models` whose rows differ between two warehouses (as
    multisets; doubles within DOUBLE_TOLERANCE)."""
    differing = []
    with duckdb.connect() as con:
        _apply_profile_settings(con)
        con.execute("set enable_progress_bar = false")
        con.execute(f"attach '{incremental}' as incremental (read_only)")
        con.execute(f"attach '{full_refresh}' as full_refresh (read_only)")
        for table in compared_tables(con, models):
            schema, name = table.split(".")
            columns = con.execute(
                "select column_name, data_type from duckdb_columns()"
                " where database_name = 'incremental' and schema_name = ? and table_name = ?"
                " order by column_index",
                [schema, name],
            ).fetchall()
            doubles = [f'"{c}"' for c, t in columns if t in ("DOUBLE", "FLOAT")]
            others = [f'"{c}"' for c, t in columns if t not in ("DOUBLE", "FLOAT")]
            if not _same_rows(con, table, others, doubles):
                differing.append(table)
    return differing


def _same_rows(
    con: duckdb.DuckDBPyConnection, table: str, others: list[str], doubles: list[str]
) -> bool:
    if not doubles:
        # Exact: the row count and the sum of the rows' hashes (one scan of each side).
        fingerprint = f"select count(*), sum(hash({', '.join(others)}))"
        left = con.execute(f"{fingerprint} from incremental.{table}").fetchone()
        right = con.execute(f"{fingerprint} from full_refresh.{table}").fetchone()
        return left == right
    # Pair the rows in the same order (exact columns first), then compare the doubles
    # with a tolerance: rounding would split values that straddle a rounding boundary.
    order = ", ".join(others + doubles)
    numbered = f"select row_number() over (order by {order}) as row_no, * from"
    same = [f"l.{c} is not distinct from r.{c}" for c in others] + [
        f"(l.{c} is null and r.{c} is null) or abs(l.{c} - r.{c})"
        f" <= {DOUBLE_TOLERANCE} * greatest(abs(l.{c}), abs(r.{c}))"
        for c in doubles
    ]
    (differences,) = con.execute(
        f"select count(*) from ({numbered} incremental.{table}) as l"
        f" full outer join ({numbered} full_refresh.{table}) as r on l.row_no = r.row_no"
        f" where l.row_no is null or r.row_no is null"
        f" or not ({' and '.join(f'({condition})' for condition in same)})"
    ).fetchone()
    return differences == 0


def bench_size(accounts: int, months: int, seed: int, out: Path, verify: bool) -> SizeResult:
    result = SizeResult(accounts)
    data = out / "data" / str(accounts)
    work = out / "work" / str(accounts)
    warehouse = work / "warehouse.duckdb"
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    print(f"== {accounts} accounts: generate", flush=True)
    result.generate = python_module(
        "saas_kpis.generate",
        *("--accounts", str(accounts), "--months", str(months), "--seed", str(seed)),
        *("--out", str(data)),
    )
    manifest = json.loads((data / "manifest.json").read_text())
    result.product_events = manifest["rows"]["product_events"]
    result.load = python_module(
        "saas_kpis.load_raw", "--data", str(data), "--warehouse", str(warehouse)
    )
    result.raw_scan_floor_seconds = raw_scan_floor(warehouse)

    print(f"== {accounts} accounts: full build", flush=True)
    dbt(["seed", "--full-refresh"], warehouse, work)
    started_at = datetime.now(UTC)
    result.full_build = dbt([*SCHEDULED_BUILD, "--full-refresh"], warehouse, work)
    result.slowest_nodes_full = slowest_nodes(work)
    result.phases_full = phase_seconds(work, started_at)
    keep_run_results(work, "full")

    print(f"== {accounts} accounts: one more day, incremental build", flush=True)
    started = time.perf_counter()
    python_module("saas_kpis.generate", "--delta-of", str(data), "--day", "1")
    python_module(
        "saas_kpis.load_raw",
        *("--data", str(data / "delta_1"), "--warehouse", str(warehouse), "--append"),
    )
    result.delta_generate_load = Step(round(time.perf_counter() - started, 1), 0.0)
    started_at = datetime.now(UTC)
    result.incremental_build = dbt(SCHEDULED_BUILD, warehouse, work)
    result.slowest_nodes_incremental = slowest_nodes(work)
    result.phases_incremental = phase_seconds(work, started_at)
    keep_run_results(work, "incremental")
    result.largest_tables = largest_tables(warehouse)

    print(f"== {accounts} accounts: the scheduled build again, nothing new", flush=True)
    result.unchanged_build = dbt(SCHEDULED_BUILD, warehouse, work)
    result.scheduled_nodes = node_count(work)

    if verify:
        print(f"== {accounts} accounts: full refresh of the same data, compared", flush=True)
        refreshed = work / "full_refresh.duckdb"
        shutil.copyfile(warehouse, refreshed)
        result.full_refresh_after_delta = dbt(
            [*SCHEDULED_BUILD, "--full-refresh"], refreshed, work / "full_refresh"
        )
        result.differing_tables = differing_tables(warehouse, refreshed, incremental_models(work))
        result.incremental_equals_full_refresh = not result.differing_tables
        refreshed.unlink()
    return result


def targets(results: list[SizeResult]) -> list[dict]:
    """Each target of the benchmark, met or missed, with the numbers."""
    checks = []
    for r in results:
        full = r.full_build.seconds
        if r.accounts >= 100_000:
            checks.append(
                _check(
                    f"{r.accounts:,}: full build < {FULL_BUILD_SECONDS_AT_100K} s",
                    full < FULL_BUILD_SECONDS_AT_100K,
                    f"{full} s",
                )
            )
        checks.append(
            _check(
                f"{r.accounts:,}: full build <= {FULL_BUILD_FLOOR_RATIO}x raw-scan floor",
                full <= FULL_BUILD_FLOOR_RATIO * r.raw_scan_floor_seconds,
                f"{full} s = {full / r.raw_scan_floor_seconds:.0f}x {r.raw_scan_floor_seconds} s",
            )
        )
        peak_rss = max(r.full_build.peak_rss_gb, r.incremental_build.peak_rss_gb)
        checks.append(
            _check(
                f"{r.accounts:,}: peak RSS of a build <= {PEAK_RSS_GB} GB",
                peak_rss <= PEAK_RSS_GB,
                f"{peak_rss} GB",
            )
        )
        incremental = r.incremental_build.seconds
        checks.append(
            _check(
                f"{r.accounts:,}: incremental < {INCREMENTAL_SHARE:.0%} of full build",
                incremental < INCREMENTAL_SHARE * full,
                f"{incremental} s = {incremental / full:.0%}",
            )
        )
        if r.incremental_equals_full_refresh is not None:
            checks.append(
                _check(
                    f"{r.accounts:,}: incremental tables equal a full refresh",
                    r.incremental_equals_full_refresh,
                    "equal"
                    if r.incremental_equals_full_refresh
                    else "differ: " + ", ".join(r.differing_tables),
                )
            )
    by_size = sorted(results, key=lambda r: r.accounts)
    for small, large in itertools.pairwise(by_size):
        if large.accounts == 10 * small.accounts:
            ratio = large.full_build.seconds / small.full_build.seconds
            checks.append(
                _check(
                    f"10x accounts ({small.accounts:,} -> {large.accounts:,}): "
                    f"<= {SCALING_RATIO}x full-build time",
                    ratio <= SCALING_RATIO,
                    f"{ratio:.1f}x",
                )
            )
    return checks


def _check(target: str, met: bool, measured: str) -> dict:
    return {"target": target, "met": met, "measured": measured}


def markdown(report: dict) -> str:
    lines = [
        f"Benchmark of {report['date']} on {report['machine']}",
        "",
        "| accounts | product events | generate | full build | peak RSS (full) "
        "| incremental (+1 day) | peak RSS (incr.) | raw-scan floor | full / floor "
        "| incr. / full | incr. = full refresh |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["sizes"]:
        full, incr = r["full_build"], r["incremental_build"]
        floor = r["raw_scan_floor_seconds"]
        same = r["incremental_equals_full_refresh"]
        lines.append(
            f"| {r['accounts']:,} | {r['product_events'] / 1e6:.1f} M "
            f"| {_duration(r['generate']['seconds'])} | {_duration(full['seconds'])} "
            f"| {full['peak_rss_gb']} GB | {_duration(incr['seconds'])} "
            f"| {incr['peak_rss_gb']} GB | {floor} s | {full['seconds'] / floor:.0f}x "
            f"| {incr['seconds'] / full['seconds']:.0%} "
            f"| {'not checked' if same is None else 'yes' if same else 'NO'} |"
        )
    lines += ["", "| target | met | measured |", "|---|---|---|"]
    for check in report["targets"]:
        lines.append(
            f"| {check['target']} | {'met' if check['met'] else 'missed'} | {check['measured']} |"
        )
    for r in report["sizes"]:
        if r["unchanged_build"]:
            unchanged = r["unchanged_build"]["seconds"]
            lines += [
                "",
                f"{r['accounts']:,} accounts, the scheduled build again with nothing new "
                f"({r['scheduled_nodes']} nodes; what every run costs, changed or not: "
                f"dbt's work per node, the scans for new raw rows, the models rebuilt "
                f"whole): {_duration(unchanged)} = "
                f"{unchanged / r['full_build']['seconds']:.0%} of the full build.",
            ]
        if r["phases_full"]:
            lines += ["", f"Seconds per phase ({r['accounts']:,} accounts; {PHASE_NOTE}):", ""]
            lines += ["| phase | full build | incremental (+1 day) |", "|---|---|---|"]
            lines += [
                f"| {phase} | {seconds} | {r['phases_incremental'].get(phase, 0.0)} |"
                for phase, seconds in r["phases_full"].items()
            ]
        for build in ("full", "incremental"):
            lines += ["", f"Slowest nodes of the {r['accounts']:,}-account {build} build:", ""]
            lines += [f"- {n['node']}: {n['seconds']} s" for n in r[f"slowest_nodes_{build}"]]
        lines += ["", f"Largest tables ({r['accounts']:,} accounts):", ""]
        lines += [f"- {t['table']}: {t['rows']:,} rows" for t in r["largest_tables"]]
    return "\n".join(lines) + "\n"


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def machine() -> str:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"{memory_gb:.0f} GiB, DuckDB {duckdb.__version__}, memory_limit "
        f"{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}, threads "
        f"{os.environ.get('DUCKDB_THREADS', '2')}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m saas_kpis.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "target" / "bench")
    parser.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="skip the full refresh that checks the incremental tables",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the generated data and warehouses under <out>",
    )
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    results = [
        bench_size(n, args.months, args.seed, args.out, args.verify) for n in sorted(args.sizes)
    ]
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
        "sizes": [asdict(r) for r in results],
        "targets": targets(results),
    }
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(report)
    (args.out / "bench.md").write_text(table)
    if not args.keep_data:
        shutil.rmtree(args.out / "data", ignore_errors=True)
        shutil.rmtree(args.out / "work", ignore_errors=True)
    print()
    print(table)
    print(f"Written: {args.out / 'bench.json'}, {args.out / 'bench.md'}")
    differing = [r for r in results if r.incremental_equals_full_refresh is False]
    if differing:
        # Not a time target: a correctness failure of the incremental models.
        raise SystemExit(
            "The incremental build differs from a full refresh: "
            + "; ".join(
                f"{r.accounts:,} accounts: {', '.join(r.differing_tables)}" for r in differing
            )
        )


if __name__ == "__main__":
    main()
