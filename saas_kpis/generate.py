"""Generate the nine raw tables of the contract as Parquet (all columns text).

    python -m saas_kpis.generate --accounts 10000 --months 12 --seed 7 --out generated/10000
    python -m saas_kpis.generate --delta-of generated/10000 --day 1

The second form writes "one more day" (generated/10000/delta_1 by default) for the same
accounts: the loads of the day after the base snapshot's last load, including a few late
events of earlier days. Load it with `python -m saas_kpis.load_raw ... --append`.

Layout: <out>/<table>/part-NNN.parquet (+ part-faults.parquet when --dirty-rate > 0),
<out>/manifest.json (parameters, row counts) and <out>/planted_faults.parquet (table,
record_key, expected rejection kind or `duplicate`, for every planted row).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from saas_kpis.gen import faults, support, tables
from saas_kpis.gen.catalog import load_extra_events, load_steps
from saas_kpis.gen.frame import Cut, Frame, deliver
from saas_kpis.gen.model import DAY, MAX_DELTA_DAYS, Timeline, rng_for, simulate_accounts
from saas_kpis.gen.product import EventNames, calibrate, expected_sessions, product_month
from saas_kpis.gen.render import (
    connect,
    render_product_events,
    render_sql,
    to_arrow,
)
from saas_kpis.raw_contract import RAW_COLUMNS

DEFAULT_END_DATE = date(2026, 3, 31)  # inside the currency-rate seed (2025-01..)
TABLES = tuple(RAW_COLUMNS)
WRITE_SLICE_ROWS = 1_000_000


@dataclass(frozen=True)
class Params:
    """Everything the output depends on (with the config seeds' step keys/event names)."""

    accounts: int
    months: int
    seed: int
    end_date: date
    events_per_account_year: float = 500.0
    dirty_rate: float = 0.0

    def to_json(self) -> dict:
        data = asdict(self)
        data["end_date"] = self.end_date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> Params:
        return cls(**{**data, "end_date": date.fromisoformat(data["end_date"])})


class Writer:
    """Renders numeric parts to text Parquet and samples rows for planted faults."""

    def __init__(self, con: duckdb.DuckDBPyConnection, out: Path, params: Params, cut: Cut):
        self.con = con
        self.out = out
        self.params = params
        self.cut = cut
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.parts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.sampled: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.render: dict[str, str] = {}
        self.event_names: tuple[str, ...] = ()

    def write(self, table: str, rows: dict[str, np.ndarray]) -> None:
        n = len(rows["_loaded_s"])
        rows["_rn"] = np.arange(n, dtype=np.int64)
        if table == "subscriptions":
            rows["_vf"] = rows["valid_from_s"]
            rows["_vt"] = np.where(rows["_revealed"], rows["valid_to_s"], np.iinfo(np.int64).max)
        if table == "product_events":
            arrow = render_product_events(rows, self.event_names)
            select = ", ".join(RAW_COLUMNS[table])
        else:
            arrow = to_arrow(rows)
            select = self.render[table]
        self.con.register("part_rows", arrow)
        part = self.parts[table]
        folder = self.out / table
        folder.mkdir(parents=True, exist_ok=True)
        self.con.execute(
            f"copy (select {select} from part_rows) to '{folder}/part-{part:03d}.parquet' "
            "(format parquet, compression zstd, compression_level 1, row_group_size 1000000)"
        )
        if self.params.dirty_rate > 0 and self.cut.delta == 0 and n:
            self._sample(table, select, n, part)
        self.con.unregister("part_rows")
        self.rows[table] += n
        self.parts[table] += 1

    def _sample(self, table: str, select: str, n: int, part: int) -> None:
        """Keep a few rendered rows (with helper columns) to copy into faults later."""
        minimum = len(faults.FAULTS[table]) + 2 if self.sampled[table] == 0 else 0
        wanted = max(minimum, round(2 * self.params.dirty_rate * n))
        if table == "marketing_spend":
            wanted = len(faults.FAULTS[table]) + 2
        k = min(n, wanted)
        rng = rng_for(self.params.seed, 60, TABLES.index(table), part)
        picks = np.sort(rng.choice(n, size=k, replace=False)).astype(np.int64)
        sid = np.arange(self.sampled[table], self.sampled[table] + k, dtype=np.int64)
        self.con.register("picks", pa.table({"_rn": picks, "_sid": sid}))
        helpers = "p._sid, part_rows._rn, part_rows._loaded_s"
        if table == "subscriptions":
            helpers += ", part_rows._vf, part_rows._vt"
        body = f"select {select}, {helpers} from part_rows join picks p using (_rn)"
        if self.sampled[table] == 0:
            self.con.execute(f"create or replace temp table sample_{table} as {body}")
        else:
            self.con.execute(f"insert into sample_{table} {body}")
        self.con.unregister("picks")
        self.sampled[table] += k

    def plant_faults(self) -> list[tuple[str, str, str]]:
        """Write every table's fault rows; returns (table, record_key, kind) per row."""
        planted: list[tuple[str, str, str]] = []
        for table in TABLES:
            total = self.sampled[table]
            if total == 0:
                continue
            columns = RAW_COLUMNS[table]
            n_dup = max(2, total // 2)
            n_kinds = len(faults.FAULTS[table])
            selects, kinds = [], []
            for redelivered in (False, True):
                cond = f"_sid < {n_dup} and _sid % 2 = {int(redelivered)}"
                selects.append((faults.duplicate_select(table, columns, redelivered), cond))
                kinds.append("duplicate")
            for fault_no in range(n_kinds):
                kind, select = faults.fault_select(table, columns, fault_no)
                cond = f"_sid >= {n_dup} and (_sid - {n_dup}) % {n_kinds} = {fault_no}"
                if table == "marketing_spend":
                    cond += f" and _sid = {n_dup + fault_no}"
                selects.append((select, cond))
                kinds.append(kind)
            union = " union all ".join(
                f"select {select}, '{kind}' as _kind, _sid from sample_{table} where {cond}"
                for (select, cond), kind in zip(selects, kinds, strict=True)
            )
            self.con.execute(f"create or replace temp table faults_{table} as {union}")
            path = self.out / table / "part-faults.parquet"
            cols = ", ".join(columns)
            self.con.execute(
                f"copy (select {cols} from faults_{table} order by _sid, _kind) to '{path}' "
                "(format parquet, compression zstd)"
            )
            key = faults.record_key_sql(table)
            rows = self.con.execute(
                f"select {key}, _kind from faults_{table} order by _sid, _kind"
            ).fetchall()
            planted += [(table, str(record_key), kind) for record_key, kind in rows]
            self.rows[table] += len(rows)
        return planted


def _month_chunks(timeline: Timeline, last_day: int) -> list[tuple[int, int, int]]:
    """(month number, first day, last day) of each calendar month up to last_day."""
    starts = timeline.month_starts(last_day)
    bounds = [*starts[1:], timeline.month_starts(last_day + 31)[len(starts)]]
    return [(i, lo, hi - 1) for i, (lo, hi) in enumerate(zip(starts, bounds, strict=True))]


def generate(params: Params, out: Path, delta: int = 0, threads: int = 2) -> dict:
    """Write one load (the base snapshot, or delta day `delta`) to `out`; return manifest."""
    started = time.monotonic()
    timeline = Timeline.build(params.end_date, params.months)
    cut = Cut(timeline.end_day, delta)
    steps = load_steps()
    names = EventNames.build(load_extra_events())
    acc = simulate_accounts(params.accounts, params.seed, timeline)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(threads)
    con.execute("set memory_limit = '2GB'")
    writer = Writer(con, out, params, cut)
    step_keys = tuple(step.step_key for step in steps)
    writer.render = {t: render_sql(t, step_keys, names.names) for t in TABLES}
    writer.event_names = names.names

    small: dict[str, Frame] = {
        "accounts": tables.accounts_frame(acc, params.seed),
        "users": tables.users_frame(acc, params.seed),
        "subscriptions": tables.subscriptions_frame(acc, params.seed, timeline),
        "onboarding_events": tables.onboarding_frame(acc, params.seed, steps),
    }
    small["tickets"], small["ticket_events"] = support.tickets_frames(acc, params.seed, timeline)
    small["survey_responses"] = support.surveys_frame(acc, params.seed, timeline, small["tickets"])
    small["marketing_spend"] = support.marketing_frame(acc, params.seed, timeline)
    for table in TABLES:
        if table in small:
            writer.write(table, deliver(small[table], cut))

    chunks = _month_chunks(timeline, timeline.end_day)
    expected = [expected_sessions(acc, lo, min(hi, timeline.end_day)) for _, lo, hi in chunks]
    target = params.accounts * params.events_per_account_year * params.months / 12
    calibration = calibrate(sum(e[0] for e in expected), sum(e[1] for e in expected), target)
    first_needed = timeline.end_day + delta - 3 if delta else timeline.start_day
    for month_no, lo, hi in _month_chunks(timeline, timeline.end_day + delta):
        if hi < first_needed:
            continue
        frame = product_month(acc, params.seed, month_no, lo, hi, calibration, names)
        rows = deliver(frame, cut)
        del frame
        # Render and write in slices: the text of a whole month is the memory peak.
        n = len(rows["_loaded_s"])
        for start in range(0, max(n, 1), WRITE_SLICE_ROWS):
            writer.write(
                "product_events", {k: v[start : start + WRITE_SLICE_ROWS] for k, v in rows.items()}
            )
        del rows

    planted = writer.plant_faults() if params.dirty_rate > 0 and delta == 0 else []
    if planted:
        pa_planted = pa.table(
            {
                "source_table": [p[0] for p in planted],
                "record_key": [p[1] for p in planted],
                "expected": [p[2] for p in planted],
            }
        )
        con.register("planted", pa_planted)
        con.execute(f"copy planted to '{out}/planted_faults.parquet' (format parquet)")
    manifest = {
        "params": params.to_json(),
        "delta_day": delta,
        "end_day": timeline.end_day,
        "load_date": str(np.datetime64(cut.load_day, "D")),
        "rows": writer.rows,
        "planted": _count(planted),
        "user_activity_scale": calibration[0],
        "events_per_session": calibration[1],
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    con.close()
    return manifest


def _count(planted: list[tuple[str, str, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, _, kind in planted:
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m saas_kpis.generate", description=__doc__)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="output folder (default generated/<accounts>)")
    parser.add_argument("--events-per-account-year", type=float, default=500.0)
    parser.add_argument("--dirty-rate", type=float, default=0.0)
    parser.add_argument("--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE)
    parser.add_argument("--delta-of", type=Path, help="base folder: write one more day for it")
    parser.add_argument("--day", type=int, default=1, help="with --delta-of: day after the end")
    parser.add_argument("--threads", type=int, default=2)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.delta_of:
        if not 1 <= args.day <= MAX_DELTA_DAYS - 3:
            raise SystemExit(f"--day must be in 1..{MAX_DELTA_DAYS - 3}")
        base = json.loads((args.delta_of / "manifest.json").read_text())
        params = Params.from_json(base["params"])
        out = args.out or args.delta_of / f"delta_{args.day}"
        manifest = generate(params, out, delta=args.day, threads=args.threads)
    else:
        params = Params(
            accounts=args.accounts,
            months=args.months,
            seed=args.seed,
            end_date=args.end_date,
            events_per_account_year=args.events_per_account_year,
            dirty_rate=args.dirty_rate,
        )
        out = args.out or Path("generated") / str(args.accounts)
        manifest = generate(params, out, threads=args.threads)
    print(json.dumps({"out": str(out), **manifest}, indent=2))


if __name__ == "__main__":
    main()

__all__ = ["DAY", "Params", "generate", "main"]
