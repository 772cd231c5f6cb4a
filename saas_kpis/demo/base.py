"""What the story and the background share: the story files, time formats, the accounts
and the raw tables being put together."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from saas_kpis.raw_contract import RAW_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
STORY_DIR = ROOT / "demo_story"
AS_OF_DATE = date(2026, 3, 18)
AS_OF_END = datetime(2026, 3, 19, tzinfo=UTC)

Row = dict[str, str]

# How a delivery writes a UTC instant (the raw contract accepts every one of them).
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


def read_story(name: str) -> list[Row]:
    """The rows of a story file (demo_story/<name>.csv)."""
    with (STORY_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def required_steps() -> list[str]:
    """The required onboarding steps, in order (seeds/config/onboarding_steps.csv)."""
    with (ROOT / "seeds" / "config" / "onboarding_steps.csv").open(newline="") as handle:
        steps = sorted(csv.DictReader(handle), key=lambda step: int(step["step_order"]))
    return [step["step_key"] for step in steps if step["is_required"] == "true"]


@dataclass
class Version:
    """One subscription version: what the background needs to know of it."""

    status: str
    start: datetime
    end: datetime | None


@dataclass
class Account:
    """A story account (demo_story/accounts.csv) and its subscription versions."""

    row: Row
    versions: list[Version] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.row["account_id"].strip()

    @property
    def num(self) -> int:
        """001 -> 1; the test accounts t01.. -> 901.."""
        suffix = self.id[4:]
        return 900 + int(suffix[1:]) if suffix.startswith("t") else int(suffix)

    @property
    def is_test(self) -> bool:
        return self.num >= 900

    @property
    def signup(self) -> datetime:
        return instant(self.row["signed_up_at"])

    @property
    def users(self) -> list[str]:
        return [f"usr_{self.id[4:]}_{k}" for k in range(1, int(self.row["users"]) + 1)]

    def customer_at(self, moment: datetime) -> bool:
        return any(
            v.status in ("trialing", "active", "past_due")
            and v.start <= moment
            and (v.end is None or moment < v.end)
            for v in self.versions
        )

    def cancellations(self) -> list[datetime]:
        return [v.start for v in self.versions if v.status == "canceled"]


def read_accounts() -> list[Account]:
    """The story accounts, each with its versions from demo_story/subscriptions.csv."""
    accounts = {row["account_id"].strip(): Account(row) for row in read_story("accounts")}
    for row in read_story("subscriptions"):
        end = instant(row["valid_to"]) if row["valid_to"] else None
        version = Version(row["status"], instant(row["valid_from"]), end)
        accounts[row["account_id"]].versions.append(version)
    return list(accounts.values())


class Ids:
    """Sequential ids per prefix (obe_00001, evt_000001, ...)."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, prefix: str, width: int = 5) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}_{self.counters[prefix]:0{width}d}"


@dataclass
class Tables:
    """The raw tables being put together, in delivery order."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in RAW_COLUMNS})
    ids: Ids = field(default_factory=Ids)

    def add(self, table: str, **values: str) -> Row:
        unknown = set(values) - set(RAW_COLUMNS[table])
        assert not unknown, unknown
        row = {column: values.get(column, "") for column in RAW_COLUMNS[table]}
        self.rows[table].append(row)
        return row


def without_note(row: Row) -> Row:
    """A story row's raw columns (its `note` is for the reader)."""
    return {column: value for column, value in row.items() if column != "note"}
