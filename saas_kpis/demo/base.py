"""What the story and the background share: the story files, the accounts, time
formats and the raw tables being put together."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from saas_kpis.raw_contract import RAW_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
STORY_DIR = ROOT / "demo_story"
AS_OF_DATE = date(2026, 3, 18)
AS_OF_END = datetime(2026, 3, 19, tzinfo=UTC)

Row = dict[str, str]

# How a delivery writes a UTC instant (the raw contract reads every one of them).
FORMATS = {
    "z": "%Y-%m-%dT%H:%M:%SZ",
    "space": "%Y-%m-%d %H:%M:%S",
    "t": "%Y-%m-%dT%H:%M:%S",
    "nosec": "%Y-%m-%dT%H:%MZ",
    "frac": "%Y-%m-%dT%H:%M:%S.000Z",
    "cest": "%Y-%m-%dT%H:%M:%S+02:00",
    "ist": "%Y-%m-%dT%H:%M:%S+0530",
}
OFFSETS = {"cest": timedelta(hours=2), "ist": timedelta(hours=5, minutes=30)}
STYLES = ["z", "z", "z", "space", "space", "t", "cest", "ist", "frac", "nosec"]
# The tables whose ids are numbered in delivery order, and their prefixes.
ID_PREFIX = {"onboarding_events": "obe", "product_events": "evt", "survey_responses": "rsp"}
ID_PREFIX["ticket_events"] = "tev"


def fmt(moment: datetime, style: str = "z") -> str:
    """A UTC instant as a delivery in `style` writes it."""
    return (moment + OFFSETS.get(style, timedelta(0))).strftime(FORMATS[style])


def instant(text: str) -> datetime:
    """The UTC instant of a delivered timestamp (no offset: UTC)."""
    moment = datetime.fromisoformat(text.strip())
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def loaded(moment: datetime) -> str:
    """The nightly load that delivers a fact: 02:00 UTC the day after it."""
    day = moment.date() + timedelta(days=1)
    return fmt(datetime(day.year, day.month, day.day, 2, tzinfo=UTC), "space")


def stamped(moment: datetime, style: str = "z") -> tuple[str, str]:
    """An event's instant as delivered, and its nightly load."""
    return fmt(moment, style), loaded(moment)


def read_story(name: str) -> list[Row]:
    """The rows of a story file, demo_story/<name>.csv."""
    with (STORY_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def required_steps() -> list[str]:
    """The required onboarding steps, in order (seeds/config/onboarding_steps.csv)."""
    with (ROOT / "seeds" / "config" / "onboarding_steps.csv").open(newline="") as handle:
        steps = sorted(csv.DictReader(handle), key=lambda step: int(step["step_order"]))
    return [step["step_key"] for step in steps if step["is_required"] == "true"]


@dataclass
class Account:
    """A story account (demo_story/accounts.csv) and its subscription versions
    (status, start, end) from demo_story/subscriptions.csv."""

    row: Row
    id: str
    num: int  # acc_001 -> 1; the test accounts acc_t01.. -> 901..
    signup: datetime
    users: list[str]
    versions: list[tuple[str, datetime, datetime | None]] = field(default_factory=list)

    @property
    def is_test(self) -> bool:
        return self.num >= 900

    def customer_at(self, moment: datetime) -> bool:
        customer = ("trialing", "active", "past_due")
        return any(
            status in customer and start <= moment and (end is None or moment < end)
            for status, start, end in self.versions
        )

    def cancellations(self) -> list[datetime]:
        return [start for status, start, _ in self.versions if status == "canceled"]


def read_accounts() -> list[Account]:
    accounts: dict[str, Account] = {}
    for row in read_story("accounts"):
        suffix = row["account_id"].strip()[4:]
        num = 900 + int(suffix[1:]) if suffix.startswith("t") else int(suffix)
        users = [f"usr_{suffix}_{k}" for k in range(1, int(row["users"]) + 1)]
        account = Account(row, f"acc_{suffix}", num, instant(row["signed_up_at"]), users)
        accounts[account.id] = account
    for row in read_story("subscriptions"):
        end = instant(row["valid_to"]) if row["valid_to"] else None
        accounts[row["account_id"]].versions.append(
            (row["status"], instant(row["valid_from"]), end)
        )
    return list(accounts.values())


@dataclass
class Tables:
    """The raw tables being put together, in delivery order."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in RAW_COLUMNS})
    counters: Counter[str] = field(default_factory=Counter)

    def next_id(self, prefix: str) -> str:
        """The next id of `prefix` in delivery order: obe_00001, evt_000001, ..."""
        self.counters[prefix] += 1
        return f"{prefix}_{self.counters[prefix]:0{6 if prefix in ('evt', 'ses') else 5}d}"

    def row(self, table: str, *values: str) -> None:
        """A row from its values in the contract's column order (raw_contract.py)."""
        self.rows[table].append(dict(zip(RAW_COLUMNS[table], values, strict=True)))

    def add_story(self, table: str, story: Row, **values: str) -> None:
        """A story row (its `note` is for the reader), numbered when its table's ids
        are, loaded the night after it happened (a survey: its answer, else its send)."""
        row = {c: story.get(c, "") for c in RAW_COLUMNS[table]} | values
        if table in ID_PREFIX:
            row[RAW_COLUMNS[table][0]] = self.next_id(ID_PREFIX[table])
        times = ("signed_up_at", "created_at", "occurred_at", "responded_at", "sent_at")
        happened = next(row[column] for column in times if row.get(column))
        self.rows[table].append(row | {"_loaded_at": loaded(instant(happened))})
