"""Put the demo raw tables together, the story's rows where they belong in the seeded
background, and write them to seeds/demo/<table>.csv (`python -m saas_kpis.demo`).

Delivery order, table by table: the accounts and their subscriptions as the story
files write them; for each account its users, onboarding events and product events
(background.py); the survey waves and the tickets outside November; then November's
tickets, ticket events and surveys (the story's); the marketing spend; last the
planted rows (demo_story/planted/<table>.csv), then the whitespace padding."""

from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from saas_kpis.demo import background, base
from saas_kpis.demo.base import ROOT, STORY_DIR, Row, Tables, read_story
from saas_kpis.raw_contract import RAW_COLUMNS

DEMO_DIR = ROOT / "seeds" / "demo"
# Each raw table's key (a re-delivery repeats it); also the record_key of a rejection.
KEYS = {table: columns[:1] for table, columns in RAW_COLUMNS.items()}
KEYS |= {"subscriptions": ("subscription_id", "valid_from")}
KEYS |= {"marketing_spend": ("spend_month", "acquisition_channel")}
# The outcomes of a planted row (demo_story/planted/*.csv) other than a rejection kind.
KEPT, DUPLICATE, REPLACES = "", "duplicate", "replaces"


def key(table: str, row: Row) -> str:
    """A row's key as audit.rejected_rows records it (trimmed, `|`-joined)."""
    return "|".join(row[column].strip() for column in KEYS[table])


def add_subscriptions(t: Tables) -> None:
    """Each version loaded the night after it starts; one scheduled after as_of_date
    (a cancellation at renewal) was loaded on 2026-03-10."""
    for row in read_story("subscriptions"):
        start = base.instant(row["valid_from"])
        loaded_at = base.loaded(start) if start < base.AS_OF_END else "2026-03-10 02:00:00"
        t.row("subscriptions", *(row[c] for c in RAW_COLUMNS["subscriptions"][:-1]), loaded_at)


def add_planted(t: Tables) -> None:
    """The planted rows, after everything else: a re-delivery repeats a delivered key
    (a `replaces` row takes that row's place, which leaves its position), any other row
    brings a new one."""
    for table in RAW_COLUMNS:
        rows = t.rows[table]
        for planted in read_story(f"planted/{table}"):
            row = {column: planted[column] for column in RAW_COLUMNS[table]}
            earlier = [r for r in rows if same_key(table, r, row)]
            again = planted["outcome"] in (DUPLICATE, REPLACES)  # else a new key
            assert bool(earlier) == again, f"planted {table} row {key(table, row)!r}: key"
            if planted["outcome"] == REPLACES:
                rows.remove(earlier[0])
            rows.append(row)


def same_key(table: str, one: Row, other: Row) -> bool:
    """The same key once trimmed (marketing channels: any case, `-` or space for `_`)."""
    keys = [key(table, row).lower().replace("-", "_").replace(" ", "_") for row in (one, other)]
    return keys[0] == keys[1]


def pad_with_ascii_whitespace(t: Tables) -> None:
    """demo_story/whitespace_padding.csv: clean rows delivered padded with ASCII
    whitespace (DECISIONS 71); `{}` in `delivered_as` is the value, written with Python
    escapes (\\t, \\r, \\n, \\x0b, \\x0c)."""
    for padding in read_story("whitespace_padding"):
        match = dict(pair.split("=", 1) for pair in padding["row"].split("; "))
        rows = t.rows[padding["source_table"]]
        hits = [r for r in rows if all(r[c].strip() == v for c, v in match.items())]
        assert len(hits) == 1, (padding, len(hits))
        delivered_as = padding["delivered_as"].encode().decode("unicode_escape")
        hits[0][padding["column"]] = delivered_as.format(hits[0][padding["column"]])


def build() -> Tables:
    rng = random.Random(background.SEED)
    t = Tables()
    accounts = base.read_accounts()
    for a in accounts:
        t.add_story("accounts", a.row)
    background.add_users(t, rng, accounts)
    background.add_onboarding(t, rng, accounts)
    background.add_product_events(t, rng, accounts)
    add_subscriptions(t)
    background.add_surveys(t, rng, accounts)
    background.add_background_tickets(t, rng, accounts)
    for table in ("tickets", "ticket_events", "survey_responses"):  # November's
        for row in read_story(table):
            t.add_story(table, row)
    background.add_marketing(t, rng)
    add_planted(t)
    pad_with_ascii_whitespace(t)
    return t


def answer_key(t: Tables) -> tuple[list[tuple[str, str, str]], dict[str, tuple[int, ...]]]:
    """What staging must make of the demo raw tables `t`: the planted rejections
    (source_table, record_key, rejection_kind), and per table its raw, clean, rejected
    and duplicate row counts."""
    rejections, duplicates = [], Counter()
    for table in RAW_COLUMNS:
        for row in read_story(f"planted/{table}"):
            if row["outcome"] == DUPLICATE:
                duplicates[table] += 1
            elif row["outcome"] not in (KEPT, REPLACES):
                rejections.append((table, key(table, row), row["outcome"]))
    counts = {}
    for table in RAW_COLUMNS:
        raw, rejected = len(t.rows[table]), sum(1 for r in rejections if r[0] == table)
        counts[table] = (raw, raw - rejected - duplicates[table], rejected, duplicates[table])
    return rejections, counts


def csv_field(value: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote, a line feed or a carriage
    return (the csv module quotes a lone CR only when it ends the line itself)."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    """Write whole, then rename: a reader (or a second writer) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        for row in [header, *rows]:
            handle.write(",".join(csv_field(value) for value in row) + "\n")
    partial.replace(path)


def main() -> None:
    t = build()
    for table, columns in RAW_COLUMNS.items():
        write_csv(
            DEMO_DIR / f"{table}.csv", columns, ([r[c] for c in columns] for r in t.rows[table])
        )
    # Their properties too: dbt warns of properties whose seed has no file (a clean clone).
    shutil.copyfile(STORY_DIR / "_demo__seeds.yml", DEMO_DIR / "_demo__seeds.yml")
    print(f"Wrote the demo seeds: {DEMO_DIR.relative_to(ROOT)}/*.csv, _demo__seeds.yml")
