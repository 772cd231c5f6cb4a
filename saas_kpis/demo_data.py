"""Deterministic generator of the hand-checkable demo seeds (seeds/demo, seeds/config).

This script is the source of truth of the demo CSVs: `python -m saas_kpis.demo_data`
rewrites them byte for byte. The story (who the customers are and what happens to them)
is told in seeds/demo/README.md; the accounts that carry the known answers are written
out explicitly below, the background is drawn from a seeded random generator.

The dirty rows (rejections and re-deliveries) are planted at the end of each table and
listed in tests/fixtures/expected_rejections.csv and expected_row_counts.csv.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from saas_kpis.raw_contract import RAW_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "seeds" / "demo"
CONFIG_DIR = ROOT / "seeds" / "config"
FIXTURES_DIR = ROOT / "tests" / "fixtures"

AS_OF_DATE = date(2026, 3, 18)
SEED = 20250106

Row = dict[str, str]


def ts(text: str) -> datetime:
    """A UTC instant from 'YYYY-MM-DD HH:MM' (or a bare date)."""
    if len(text) == 10:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def fmt(instant: datetime, style: str = "z") -> str:
    """Render a UTC instant in one of the delivery styles of the contract."""
    if style == "z":
        return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == "space":
        return instant.strftime("%Y-%m-%d %H:%M:%S")
    if style == "t":
        return instant.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "nosec":
        return instant.strftime("%Y-%m-%dT%H:%MZ")
    if style == "frac":
        return instant.strftime("%Y-%m-%dT%H:%M:%S.250Z").replace(".250Z", ".000Z")
    if style == "cest":
        return (instant + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
    if style == "ist":
        return (instant + timedelta(hours=5, minutes=30)).strftime("%Y-%m-%dT%H:%M:%S+0530")
    if style == "date":
        assert instant.hour == 0 and instant.minute == 0 and instant.second == 0
        return instant.strftime("%Y-%m-%d")
    raise ValueError(style)


STYLES = ["z", "z", "z", "space", "space", "t", "cest", "ist", "frac", "nosec"]


def loaded(instant: datetime, hours: int = 0) -> str:
    """Nightly load: 02:00 UTC the day after the fact (plus a few hours when asked)."""
    day = (instant + timedelta(days=1)).date()
    return fmt(
        datetime(day.year, day.month, day.day, 2, tzinfo=UTC) + timedelta(hours=hours), "space"
    )


# ----------------------------------------------------------------------------- config


ONBOARDING_STEPS = [
    # step_key, step_name, step_order, category, is_required, is_activation_step
    ("create_workspace", "Create the workspace", 1, "setup", True, True),
    ("invite_team", "Invite the team", 2, "setup", True, True),
    ("connect_data_source", "Connect a data source", 3, "setup", True, False),
    ("product_training", "Complete the product training", 4, "training", True, False),
    ("build_first_dashboard", "Build the first dashboard", 5, "value", True, True),
    ("share_first_report", "Share the first report", 6, "value", True, False),
    ("admin_certification", "Admin certification course", 7, "training", False, False),
    ("product_tour", "Take the product tour", 8, "setup", False, False),
]
REQUIRED_STEPS = [s[0] for s in ONBOARDING_STEPS if s[4]]

PRODUCT_FEATURES = [
    ("login", "core", "Core app"),
    ("dashboard_viewed", "dashboards", "Dashboards"),
    ("dashboard_created", "dashboards", "Dashboards"),
    ("report_created", "reporting", "Reporting"),
    ("report_shared", "collaboration", "Collaboration"),
    ("invite_sent", "collaboration", "Collaboration"),
    ("integration_connected", "integrations", "Integrations"),
    ("export_csv", "exports", "Exports"),
]
# search_performed is deliberately unmapped (belongs to no feature, DECISIONS 14).

MONTHS = [date(2025, m, 1) for m in range(1, 13)] + [date(2026, m, 1) for m in range(1, 4)]
EUR = [1.04, 1.05, 1.08, 1.12, 1.13, 1.15, 1.17, 1.16, 1.17, 1.16, 1.15, 1.17, 1.18, 1.19, 1.16]
GBP = [1.24, 1.25, 1.29, 1.31, 1.34, 1.36, 1.35, None, 1.33, 1.34, 1.31, 1.32, 1.35, 1.37, 1.36]
# CHF starts in 2025-04: the March 2025 CHF subscription uses the earliest rate (DECISIONS 45).
CHF = [None, None, None, 1.16, 1.20, 1.22, 1.24, 1.25, 1.24, 1.25, 1.26, 1.26, 1.27, 1.28, 1.27]


def currency_rates() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for currency, rates in (("USD", [1.0] * 15), ("EUR", EUR), ("GBP", GBP), ("CHF", CHF)):
        for month, rate in zip(MONTHS, rates, strict=True):
            if rate is not None:
                rows.append((currency, month.isoformat(), f"{rate:.4f}"))
    return rows


HEALTH_COMPONENTS = [
    # component, stage, weight, bad, good, order (ties of top_risk_component)
    ("usage", "onboarding", "0.25", "0", "15", "1"),
    ("utilization", "onboarding", "0.10", "0.1", "0.8", "2"),
    ("onboarding", "onboarding", "0.40", "0", "1", "3"),
    ("support", "onboarding", "0.10", "1.0", "0", "4"),
    ("sentiment", "onboarding", "0.10", "0", "10", "5"),
    ("billing", "onboarding", "0.05", "0", "100", "6"),
    ("usage", "adopted", "0.30", "0", "15", "1"),
    ("utilization", "adopted", "0.20", "0.1", "0.8", "2"),
    ("onboarding", "adopted", "0.00", "0", "1", "3"),
    ("support", "adopted", "0.20", "1.0", "0", "4"),
    ("sentiment", "adopted", "0.20", "0", "10", "5"),
    ("billing", "adopted", "0.10", "0", "100", "6"),
]

HEALTH_OVERRIDES = [
    ("acc_004", "35", "Payment dispute escalated to finance; renewal at risk", "2025-11-20", ""),
    ("acc_009", "85", "Exec sponsor confirmed multi-year renewal", "2026-02-01", ""),
    ("acc_021", "45", "Champion left the company (expired pin)", "2025-12-01", "2026-01-15"),
]


# ----------------------------------------------------------------------------- story


@dataclass
class Version:
    sub: str
    plan: str
    status: str
    interval: str
    amount: str
    currency: str
    seats: str
    start: datetime
    end: datetime | None
    start_style: str = "z"
    end_style: str = "z"


@dataclass
class Account:
    num: int
    name: str
    signup: datetime
    segment: str
    industry: str
    country: str
    channel: str
    csm: str
    is_test: str = ""
    signup_style: str = "z"
    versions: list[Version] = field(default_factory=list)
    onboarding: str = "fast"  # fast | slow | dropN | none | explicit
    value_days: float | None = 5.0  # days from signup to the first value event
    usage: float = 0.05  # per user per weekday activity probability
    n_users: int = 3

    @property
    def id(self) -> str:
        return f"acc_{self.num:03d}" if self.num < 900 else f"acc_t{self.num - 900:02d}"


PRICES = {
    # (plan, interval, currency) -> amount per interval
    ("starter", "month", "USD"): "49",
    ("pro", "month", "USD"): "199",
    ("pro", "year", "USD"): "1980",
    ("enterprise", "year", "USD"): "18000",
    ("starter", "month", "EUR"): "45",
    ("pro", "month", "EUR"): "185",
    ("pro", "year", "EUR"): "1800",
    ("starter", "year", "EUR"): "456",
    ("starter", "month", "GBP"): "39",
    ("pro", "month", "GBP"): "159",
    ("enterprise", "year", "GBP"): "12000",
    ("pro", "month", "CHF"): "180",
}


def plan_changes(acc: Account, sub: str, steps: list[tuple]) -> None:
    """steps: (start 'YYYY-MM-DD HH:MM', status, plan, interval, currency, seats[, amount]).

    Each step closes the previous version of the same subscription; a final
    ('end', instant) closes the last one without a successor.
    """
    versions: list[Version] = []
    for step in steps:
        if step[0] == "end":
            versions[-1].end = ts(step[1])
            continue
        start, status, plan, interval, currency, seats = step[:6]
        if len(step) > 6:
            amount = step[6]
        elif status == "trialing" or plan == "free" or status == "canceled":
            amount = "0" if plan == "free" else ""
        else:
            canonical = {"monthly": "month", "annual": "year", "yearly": "year"}
            key = (plan, canonical.get(interval.lower(), interval.lower()), currency.upper())
            amount = PRICES[key]
        if versions:
            versions[-1].end = ts(start)
        versions.append(
            Version(sub, plan, status, interval, amount, currency, str(seats), ts(start), None)
        )
    acc.versions.extend(versions)


def trial_then(
    acc: Account,
    start: str,
    convert: str | None,
    plan: str,
    interval: str,
    currency: str,
    seats: int,
    sub_n: int = 1,
) -> None:
    """A trial from `start`; converts at `convert` or is canceled 14 days later."""
    sub = f"sub_{acc.num:03d}_{sub_n}"
    if convert is None:
        cancel = (ts(start) + timedelta(days=14)).strftime("%Y-%m-%d %H:%M")
        plan_changes(
            acc,
            sub,
            [(start, "trialing", plan, "", "", seats), (cancel, "canceled", plan, "", "", seats)],
        )
    else:
        plan_changes(
            acc,
            sub,
            [
                (start, "trialing", plan, "", "", seats),
                (convert, "active", plan, interval, currency, seats),
            ],
        )


def build_accounts() -> list[Account]:
    A = Account
    accs: list[Account] = []

    def add(a: Account) -> Account:
        accs.append(a)
        return a

    # --- 2025-01: the first customers
    a = add(
        A(
            1,
            "Northwind Analytics",
            ts("2025-01-06 09:00"),
            "SMB",
            "Software",
            "us",
            "organic",
            "Dana Whitfield",
            "false",
            usage=0.10,
            n_users=6,
        )
    )
    plan_changes(
        a,
        "sub_001_1",
        [
            ("2025-01-06 09:00", "trialing", "starter", "", "", 3),
            ("2025-01-20 09:00", "active", "starter", "monthly", "usd", 3),
            ("2025-05-12 00:00", "active", "pro", "Monthly", "USD", 10),
        ],
    )
    a = add(
        A(
            2,
            "Bluebird Logistics",
            ts("2025-01-13 08:30"),
            "Mid-Market",
            "Logistics",
            "DE",
            "Paid Search",
            "dana@demo-saas.io",
            "f",
            usage=0.07,
            n_users=8,
        )
    )
    plan_changes(a, "sub_002_1", [("2025-01-13 08:30", "active", "pro", "annual", "EUR", 15)])
    a = add(
        A(
            3,
            "Copperleaf Studio",
            ts("2025-01-21 14:00"),
            " smb",
            "Design",
            "GB",
            "referral",
            "Priya Nair",
            "no",
            usage=0.06,
            n_users=3,
        )
    )
    plan_changes(
        a,
        "sub_003_1",
        [
            ("2025-01-21 14:00", "trialing", "starter", "", "", 3),
            ("2025-02-04 14:00", "active", "starter", "month", "GBP", 3),
            ("2025-06-15 10:00", "canceled", "starter", "month", "GBP", 3),
        ],
    )
    plan_changes(a, "sub_003_2", [("2025-11-10 09:00", "active", "starter", "month", "GBP", 3)])
    a = add(
        A(
            4,
            "Driftwood Health",
            ts("2025-01-28 16:00"),
            "enterprise",
            "Healthcare",
            "us",
            "outbound",
            "Marcus Lee",
            "0",
            usage=0.04,
            n_users=8,
        )
    )
    plan_changes(
        a,
        "sub_004_1",
        [
            ("2025-02-01 00:00", "active", "enterprise", "yearly", "USD", 40),
            ("2025-11-20 00:00", "past_due", "enterprise", "yearly", "USD", 40),
            ("2025-12-10 00:00", "active", "enterprise", "yearly", "USD", 40),
        ],
    )
    # --- 2025-02
    a = add(
        A(
            5,
            "Evergreen Foods",
            ts("2025-02-03 10:00"),
            "smb",
            "Food & Beverage",
            "fr",
            "PAID-SOCIAL",
            "Priya Nair",
            usage=0.03,
            n_users=2,
        )
    )
    plan_changes(
        a,
        "sub_005_1",
        [
            ("2025-02-03 10:00", "trialing", "starter", "", "", 2),
            ("2025-02-17 10:00", "active", "starter", "month", "EUR", 2),
            ("2025-11-18 12:00", "canceled", "starter", "month", "EUR", 2),
        ],
    )
    a = add(
        A(
            6,
            "Foxglove Media",
            ts("2025-02-17 11:00"),
            "MID MARKET",
            "Media",
            "NL",
            "partner",
            "Marcus Lee",
            "False ",
            usage=0.05,
            n_users=6,
        )
    )
    plan_changes(
        a,
        "sub_006_1",
        [
            ("2025-02-17 11:00", "active", "pro", "month", "eur", 8),
            ("2025-11-12 00:00", "active", "starter", "month", "EUR", 4),
        ],
    )
    a = add(
        A(
            7,
            "Granite Works",
            ts("2025-02-25 13:00"),
            "smb",
            "Construction",
            "US",
            "organic",
            "",
            usage=0.03,
            n_users=2,
            onboarding="drop3",
            value_days=None,
        )
    )
    plan_changes(a, "sub_007_1", [("2025-02-25 13:00", "active", "free", "", "", 2)])
    # --- 2025-03
    a = add(
        A(
            8,
            "Harbor Legal",
            ts("2025-03-03 09:00"),
            "Mid-Market",
            "Legal",
            "US",
            "outbound",
            "Dana Whitfield",
            usage=0.08,
            n_users=8,
        )
    )
    plan_changes(
        a,
        "sub_008_1",
        [
            ("2025-03-03 09:00", "trialing", "pro", "", "", 12),
            ("2025-03-17 09:00", "active", "pro", "month", "USD", 12),
            ("2025-11-03 00:00", "active", "pro", "month", "USD", 20, "299"),
        ],
    )
    a = add(
        A(
            9,
            "Ironclad Security",
            ts("2025-03-11 10:00"),
            "Enterprise ",
            "Security",
            "gb",
            "partner",
            "Marcus Lee",
            "No",
            usage=0.05,
            n_users=8,
        )
    )
    plan_changes(a, "sub_009_1", [("2025-03-11 10:00", "active", "enterprise", "year", "GBP", 30)])
    a = add(
        A(
            10,
            "Juniper Schools",
            ts("2025-03-19 08:00"),
            "smb",
            "Education",
            "ch",
            "referral",
            "Priya Nair",
            usage=0.05,
            n_users=4,
        )
    )
    plan_changes(a, "sub_010_1", [("2025-03-19 08:00", "active", "pro", "month", "CHF", 6)])
    # --- 2025-04
    a = add(
        A(
            11,
            "Keystone Retail",
            ts("2025-04-07 09:00"),
            "smb",
            "Retail",
            "US",
            "paid_search",
            "Dana Whitfield",
            usage=0.06,
            n_users=5,
            onboarding="slow",
        )
    )
    plan_changes(
        a,
        "sub_011_1",
        [
            ("2025-04-07 09:00", "trialing", "starter", "", "", 5),
            ("2025-04-21 09:00", "active", "starter", "month", "USD", 5),
            ("2025-09-15 00:00", "active", "pro", "month", "USD", 10),
        ],
    )
    a = add(
        A(
            12,
            "Larkspur Consulting",
            ts("2025-04-15 10:00"),
            "smb",
            "Consulting",
            "AT",
            "partner",
            "Priya Nair",
            usage=0.06,
            n_users=5,
        )
    )
    plan_changes(
        a,
        "sub_012_1",
        [
            ("2025-04-15 10:00", "trialing", "starter", "", "", 4),
            ("2025-04-29 10:00", "active", "starter", "month", "EUR", 4),
            ("2025-11-14 00:00", "active", "pro", "month", "EUR", 10, "165"),
        ],
    )
    a = add(
        A(
            13,
            "Mosaic Architects",
            ts("2025-04-22 12:00"),
            "mid_market",
            "Architecture",
            "US",
            "organic",
            "Marcus Lee",
            usage=0.04,
            n_users=5,
            onboarding="drop5",
        )
    )
    plan_changes(
        a,
        "sub_013_1",
        [
            ("2025-04-22 12:00", "active", "pro", "year", "USD", 10),
            # scheduled cancellation at renewal, after as_of_date
            ("2026-04-22 12:00", "canceled", "pro", "year", "USD", 10),
        ],
    )
    # --- 2025-05
    a = add(
        A(
            14,
            "Nordic Outdoor",
            ts("2025-05-06 09:00"),
            "smb",
            "Retail",
            "SE",
            "paid_social",
            "Dana Whitfield",
            usage=0.02,
            n_users=4,
        )
    )
    plan_changes(
        a,
        "sub_014_1",
        [
            ("2025-05-06 09:00", "trialing", "pro", "", "", 8),
            ("2025-05-20 09:00", "active", "pro", "month", "USD", 8),
            ("2025-11-28 15:00", "canceled", "pro", "month", "USD", 8),
        ],
    )
    a = add(
        A(
            15,
            "Oakridge Dental",
            ts("2025-05-25 10:00"),
            "smb",
            "Healthcare",
            "US",
            "organic",
            "Priya Nair",
            usage=0.05,
            n_users=3,
        )
    )
    plan_changes(
        a,
        "sub_015_1",
        [
            ("2025-05-25 10:00", "active", "free", "", "", 2),
            ("2025-06-01 00:00", "trialing", "starter", "", "", 3),
            ("2025-06-11 00:00", "active", "starter", "month", "USD", 3),
        ],
    )
    # --- 2025-06: the known-answer cohort (onboarding written out in explicit_onboarding)
    a = add(
        A(
            16,
            "Kestrel Robotics",
            ts("2025-06-03 09:00"),
            "mid-market",
            "Manufacturing",
            "US",
            "outbound",
            "Marcus Lee",
            onboarding="explicit",
            value_days=None,
            usage=0.07,
            n_users=6,
        )
    )
    plan_changes(
        a,
        "sub_016_1",
        [
            ("2025-06-03 09:00", "trialing", "pro", "", "", 10),
            ("2025-06-17 09:00", "active", "pro", "month", "USD", 10),
        ],
    )
    a = add(
        A(
            17,
            "Lumen Dental",
            ts("2025-06-10 15:00"),
            "SMB",
            "Healthcare",
            "DE",
            "Paid Search",
            "Priya Nair",
            "false",
            signup_style="space",
            onboarding="explicit",
            value_days=None,
            usage=0.05,
            n_users=3,
        )
    )
    plan_changes(
        a,
        "sub_017_1",
        [
            ("2025-06-10 15:00", "trialing", "starter", "", "", 3),
            ("2025-07-11 18:00", "active", "starter", "month", "EUR", 3),
        ],
    )
    a = add(
        A(
            18,
            "Meridian Freight",
            ts("2025-06-18 09:00"),
            "mid_market",
            "Logistics",
            "NL",
            "referral",
            "Marcus Lee",
            signup_style="cest",
            onboarding="explicit",
            value_days=None,
            usage=0.04,
            n_users=4,
        )
    )
    trial_then(a, "2025-06-18 09:00", None, "pro", "", "", 6)
    a.versions[-1].start = ts("2025-07-18 09:00")
    a.versions[0].end = ts("2025-07-18 09:00")
    a = add(
        A(
            19,
            "Nimbus Travel",
            ts("2025-06-24 00:00"),
            "smb",
            "Travel",
            "GB",
            "organic",
            "Priya Nair",
            signup_style="date",
            onboarding="explicit",
            value_days=None,
            usage=0.03,
            n_users=2,
        )
    )
    plan_changes(
        a,
        "sub_019_1",
        [
            ("2025-06-24 00:00", "active", "free", "", "", 2),
            ("2025-09-01 00:00", "active", "starter", "month", "GBP", 2),
        ],
    )
    a = add(
        A(
            20,
            "Orchid Bakery",
            ts("2025-06-28 22:30"),
            "smb",
            "Food & Beverage",
            "US",
            "paid_social",
            "Dana Whitfield",
            onboarding="explicit",
            value_days=None,
            usage=0.05,
            n_users=3,
        )
    )
    plan_changes(
        a,
        "sub_020_1",
        [
            ("2025-06-28 22:30", "trialing", "pro", "", "", 5),
            ("2025-07-20 10:30", "active", "pro", "year", "USD", 5),
        ],
    )
    # --- 2025-07 .. 2025-09
    a = add(
        A(
            21,
            "Pinecrest Hotels",
            ts("2025-07-08 09:00"),
            "mid_market",
            "Hospitality",
            "GB",
            "partner",
            "Marcus Lee",
            usage=0.05,
            n_users=5,
        )
    )
    plan_changes(
        a,
        "sub_021_1",
        [
            ("2025-07-08 09:00", "trialing", "pro", "", "", 6),
            ("2025-07-22 09:00", "active", "pro", "month", "GBP", 6),
            ("2026-01-10 00:00", "active", "starter", "month", "GBP", 3),
        ],
    )
    a = add(
        A(
            22,
            "Quartz Fintech",
            ts("2025-07-15 11:00"),
            "smb",
            "Finance",
            "US",
            "paid_search",
            "Dana Whitfield",
            usage=0.03,
            n_users=2,
            onboarding="drop2",
            value_days=None,
        )
    )
    trial_then(a, "2025-07-15 11:00", None, "starter", "", "", 2)
    a = add(
        A(
            23,
            "Redwood Realty",
            ts("2025-07-29 10:00"),
            "smb",
            "Real Estate",
            "US",
            "paid_social",
            "Priya Nair",
            usage=0.02,
            n_users=2,
            onboarding="drop4",
        )
    )
    plan_changes(
        a,
        "sub_023_1",
        [
            ("2025-07-29 10:00", "active", "starter", "month", "USD", 2),
            ("2025-09-05 00:00", "past_due", "starter", "month", "USD", 2),
            ("2025-09-20 00:00", "canceled", "starter", "month", "USD", 2),
        ],
    )
    a = add(
        A(
            24,
            "Saffron Kitchens",
            ts("2025-08-04 09:00"),
            "mid_market",
            "Food & Beverage",
            "ES",
            "paid_search",
            "Marcus Lee",
            usage=0.06,
            n_users=6,
        )
    )
    trial_then(a, "2025-08-04 09:00", "2025-08-18 09:00", "pro", "month", "EUR", 8)
    a = add(
        A(
            25,
            "Tidewater Marine",
            ts("2025-08-12 13:00"),
            "smb",
            "Marine",
            "US",
            "organic",
            "Dana Whitfield",
            usage=0.03,
            n_users=3,
            onboarding="slow",
        )
    )
    plan_changes(
        a,
        "sub_025_1",
        [
            ("2025-08-12 13:00", "trialing", "starter", "", "", 3),
            ("2025-08-26 13:00", "active", "starter", "month", "USD", 3),
            ("2025-10-09 00:00", "canceled", "starter", "month", "USD", 3),
        ],
    )
    plan_changes(a, "sub_025_2", [("2026-02-03 10:00", "active", "starter", "month", "USD", 3)])
    a = add(
        A(
            26,
            "Umbra Energy",
            ts("2025-08-26 08:00"),
            "ENTERPRISE",
            "Energy",
            "US",
            "outbound",
            "Marcus Lee",
            usage=0.04,
            n_users=8,
        )
    )
    trial_then(a, "2025-08-26 08:00", "2025-09-09 08:00", "enterprise", "year", "USD", 50)
    a.versions[-1].amount = "24000"
    a = add(
        A(
            27,
            "Vantage Clinics",
            ts("2025-09-03 09:00"),
            "smb",
            "Healthcare",
            "IE",
            "referral",
            "Priya Nair",
            usage=0.04,
            n_users=3,
        )
    )
    trial_then(a, "2025-09-03 09:00", "2025-09-17 09:00", "starter", "year", "EUR", 3)
    a = add(
        A(
            28,
            "Willow Insurance",
            ts("2025-09-16 10:00"),
            "mid_market",
            "Insurance",
            "US",
            "paid_search",
            "Dana Whitfield",
            usage=0.05,
            n_users=5,
        )
    )
    plan_changes(
        a,
        "sub_028_1",
        [
            ("2025-09-16 10:00", "trialing", "pro", "", "", 8),
            ("2025-09-30 10:00", "active", "pro", "month", "USD", 8),
            ("2025-12-15 00:00", "active", "pro", "month", "USD", 6, "149"),
        ],
    )
    a = add(
        A(
            29,
            "Xenon Labs",
            ts("2025-09-24 15:00"),
            "",
            "Biotech",
            "GB",
            "tradeshow",
            "Priya Nair",
            usage=0.03,
            n_users=2,
            onboarding="drop1",
            value_days=None,
        )
    )
    plan_changes(a, "sub_029_1", [("2025-09-24 15:00", "active", "free", "", "", 2)])
    # --- 2025-10: the November new customers
    a = add(
        A(
            30,
            "Yellowfin Media",
            ts("2025-10-01 09:00"),
            "smb",
            "Media",
            "US",
            "paid_social",
            "Dana Whitfield",
            usage=0.02,
            n_users=2,
            onboarding="drop2",
            value_days=None,
        )
    )
    trial_then(a, "2025-10-01 09:00", None, "starter", "", "", 2)
    a = add(
        A(
            31,
            "Zephyr Studios",
            ts("2025-10-08 10:00"),
            "smb",
            "Design",
            "US",
            "organic",
            "Priya Nair",
            usage=0.06,
            n_users=4,
        )
    )
    trial_then(a, "2025-10-08 10:00", "2025-11-06 10:00", "starter", "month", "USD", 4)
    a = add(
        A(
            32,
            "Alder Pharma",
            ts("2025-10-20 09:00"),
            "mid_market",
            "Pharma",
            "DE",
            "partner",
            "Marcus Lee",
            usage=0.05,
            n_users=5,
        )
    )
    trial_then(a, "2025-10-20 09:00", "2025-11-30 22:30", "pro", "month", "EUR", 6)
    a.versions[0].end_style = "z"
    a.versions[1].start_style = "cest"  # 2025-12-01T00:30:00+02:00 = 2025-11-30 22:30 UTC
    # --- 2025-11 .. 2026-03
    a = add(
        A(
            33,
            "Beacon Tutors",
            ts("2025-11-02 10:00"),
            "smb",
            "Education",
            "US",
            "paid_search",
            "Dana Whitfield",
            usage=0.04,
            n_users=2,
        )
    )
    plan_changes(
        a,
        "sub_033_1",
        [
            ("2025-11-05 00:00", "active", "starter", "month", "USD", 2),
            ("2025-11-25 00:00", "canceled", "starter", "month", "USD", 2),
        ],
    )
    plan_changes(a, "sub_033_2", [("2026-01-10 00:00", "active", "starter", "month", "USD", 2)])
    a = add(
        A(
            34,
            "Cobalt Systems",
            ts("2025-11-19 09:00"),
            "mid_market",
            "Software",
            "US",
            "outbound",
            "Marcus Lee",
            usage=0.06,
            n_users=5,
        )
    )
    trial_then(a, "2025-11-19 09:00", "2025-12-03 09:00", "pro", "month", "USD", 8)
    a = add(
        A(
            35,
            "Dune Apparel",
            ts("2025-12-02 09:00"),
            "smb",
            "Retail",
            "FR",
            "paid_social",
            "Priya Nair",
            usage=0.05,
            n_users=3,
        )
    )
    trial_then(a, "2025-12-02 09:00", "2025-12-16 09:00", "starter", "month", "EUR", 3)
    a = add(
        A(
            36,
            "Ember Games",
            ts("2025-12-10 14:00"),
            "smb",
            "Gaming",
            "US",
            "organic",
            "Dana Whitfield",
            usage=0.02,
            n_users=2,
            onboarding="drop1",
            value_days=None,
        )
    )
    trial_then(a, "2025-12-10 14:00", None, "starter", "", "", 2)
    a = add(
        A(
            37,
            "Fjord Analytics",
            ts("2025-12-18 09:00"),
            "mid_market",
            "Software",
            "GB",
            "referral",
            "Marcus Lee",
            usage=0.06,
            n_users=5,
        )
    )
    trial_then(a, "2025-12-18 09:00", "2026-01-01 09:00", "pro", "month", "GBP", 6)
    a = add(
        A(
            38,
            "Gable Homes",
            ts("2026-01-06 09:00"),
            "smb",
            "Real Estate",
            "US",
            "paid_search",
            "Dana Whitfield",
            usage=0.05,
            n_users=3,
        )
    )
    trial_then(a, "2026-01-06 09:00", "2026-01-20 09:00", "starter", "month", "USD", 3)
    a = add(
        A(
            39,
            "Helix Biotech",
            ts("2026-01-14 10:00"),
            "enterprise",
            "Biotech",
            "DE",
            "outbound",
            "Marcus Lee",
            usage=0.05,
            n_users=6,
        )
    )
    plan_changes(a, "sub_039_1", [("2026-01-14 10:00", "active", "pro", "year", "EUR", 12, "1860")])
    a = add(
        A(
            40,
            "Indigo Events",
            ts("2026-01-27 11:00"),
            "smb",
            "Events",
            "US",
            "paid_social",
            "Priya Nair",
            usage=0.02,
            n_users=2,
            onboarding="drop2",
            value_days=None,
        )
    )
    trial_then(a, "2026-01-27 11:00", None, "starter", "", "", 2)
    a = add(
        A(
            41,
            "Jasper Legal",
            ts("2026-02-03 09:00"),
            "mid_market",
            "Legal",
            "US",
            "referral",
            "Dana Whitfield",
            usage=0.06,
            n_users=4,
        )
    )
    trial_then(a, "2026-02-03 09:00", "2026-02-17 09:00", "pro", "month", "USD", 8)
    a = add(
        A(
            42,
            "Kiln Ceramics",
            ts("2026-02-12 10:00"),
            "smb",
            "Retail",
            "IT",
            "paid_search",
            "Priya Nair",
            usage=0.04,
            n_users=2,
        )
    )
    trial_then(a, "2026-02-12 10:00", "2026-02-26 10:00", "starter", "month", "EUR", 2)
    a = add(
        A(
            43,
            "Lattice Robotics",
            ts("2026-02-24 09:00"),
            "mid_market",
            "Manufacturing",
            "US",
            "outbound",
            "Marcus Lee",
            usage=0.05,
            n_users=4,
            onboarding="slow",
        )
    )
    trial_then(a, "2026-02-24 09:00", "2026-03-10 09:00", "starter", "month", "USD", 4)
    for num, name, day, cur in (
        (44, "Monarch Travel", "2026-03-02 09:00", "USD"),
        (45, "Nova Credit", "2026-03-09 09:00", "GBP"),
        (46, "Opal Fitness", "2026-03-16 09:00", "USD"),
    ):
        a = add(
            A(
                num,
                name,
                ts(day),
                "smb",
                "Services",
                "GB" if cur == "GBP" else "US",
                "organic",
                "Priya Nair",
                usage=0.05,
                n_users=2,
                onboarding="drop3",
            )
        )
        plan_changes(a, f"sub_{num:03d}_1", [(day, "trialing", "starter", "", "", 2)])
    # --- test accounts: real-looking activity, excluded from every mart
    a = add(
        A(
            901,
            "Acme Internal QA",
            ts("2025-01-02 09:00"),
            "enterprise",
            "Internal",
            "US",
            "organic",
            "qa@demo-saas.io",
            "TRUE",
            usage=0.10,
            n_users=3,
        )
    )
    plan_changes(a, "sub_t01_1", [("2025-01-02 09:00", "active", "enterprise", "year", "USD", 50)])
    a = add(
        A(
            902,
            "Sandbox (sales demo)",
            ts("2025-06-05 09:00"),
            "smb",
            "Internal",
            "US",
            "outbound",
            "sales@demo-saas.io",
            " Yes",
            onboarding="fast",
            usage=0.10,
            n_users=2,
        )
    )
    trial_then(a, "2025-06-05 09:00", "2025-06-09 09:00", "pro", "month", "USD", 5)
    a = add(
        A(
            903,
            "zz load test",
            ts("2025-11-03 09:00"),
            "smb",
            "Internal",
            "US",
            "organic",
            "",
            "1",
            usage=0.10,
            n_users=2,
        )
    )
    plan_changes(a, "sub_t03_1", [("2025-11-03 09:00", "active", "pro", "month", "USD", 5)])
    return accs


# The June 2025 cohort's onboarding, written out (README "Cohort 2025-06").
EXPLICIT_ONBOARDING: dict[int, list[tuple[str, str, str, str]]] = {
    # account: (step_key as delivered, status, instant, style)
    16: [
        ("create_workspace", "completed", "2025-06-03 10:00", "z"),
        ("invite_team", "completed", "2025-06-04 09:00", "z"),
        ("connect_data_source", "completed", "2025-06-05 09:00", "cest"),
        ("Product_Training", "started", "2025-06-07 09:00", "z"),
        ("product_training", "completed", "2025-06-08 09:00", "z"),
        ("build_first_dashboard", "completed", "2025-06-09 09:00", "space"),
        (" share_first_report ", "completed", "2025-06-11 09:00", "z"),
        ("product_tour", "skipped", "2025-06-03 09:30", "z"),
    ],
    17: [
        ("create_workspace", "completed", "2025-06-10 16:00", "space"),
        ("invite_team", "completed", "2025-06-12 10:00", "z"),
        ("connect_data_source", "completed", "2025-06-14 10:00", "z"),
        ("product_training", "completed", "2025-06-20 10:00", "z"),
        # day 13.75: inside the 14-day activation window however it is measured
        ("BUILD_FIRST_DASHBOARD", "completed", "2025-06-24 09:00", "ist"),
        # day 39.875: completes onboarding, but outside the 30-day funnel window
        ("share_first_report", "started", "2025-07-01 10:00", "z"),
        ("share_first_report", "completed", "2025-07-20 12:00", "z"),
        ("admin_certification", "completed", "2025-07-02 10:00", "z"),
    ],
    18: [
        ("create_workspace", "completed", "2025-06-18 09:30", "cest"),
        ("invite_team", "completed", "2025-06-20 09:00", "z"),
        ("connect_data_source", "completed", "2025-06-25 09:00", "z"),
        ("product_training", "skipped", "2025-06-26 09:00", "z"),
        # day 16.04: too late for activation, inside the 30-day funnel window
        ("build_first_dashboard", "completed", "2025-07-04 10:00", "z"),
        ("product_training", "completed", "2025-07-10 09:00", "t"),
    ],
    19: [
        ("create_workspace", "started", "2025-06-24 10:00", "z"),
        ("create_workspace", "completed", "2025-06-24 11:00", "z"),
        ("invite_team", "started", "2025-06-25 11:00", "z"),
        # step 3 done without step 2: the funnel only counts it once 2 is done
        ("connect_data_source", "completed", "2025-06-26 11:00", "z"),
    ],
    20: [
        ("create_workspace", "completed", "2025-06-29 08:00", "z"),
        ("invite_team", "completed", "2025-06-30 08:00", "z"),
        ("connect_data_source", "completed", "2025-07-02 08:00", "z"),
        ("product_training", "completed", "2025-07-05 08:00", "z"),
        ("build_first_dashboard", "completed", "2025-07-08 08:00", "z"),
        # a second 'completed' of the same step changes nothing (the first counts)
        ("build_first_dashboard", "completed", "2025-07-12 08:00", "z"),
        ("share_first_report", "completed", "2025-07-09 22:30", "z"),
    ],
}

# First value events of the June cohort (README): account -> [(event, instant, style)]
EXPLICIT_VALUE: dict[int, list[tuple[str, str, str]]] = {
    # 10:30+02:00 is 08:30 UTC: BEFORE the 09:00 UTC signup, so it is not first value
    16: [
        ("integration_connected", "2025-06-03 08:30", "cest"),
        ("integration_connected", "2025-06-05 21:00", "z"),
        ("report_shared", "2025-06-11 09:00", "z"),
    ],
    17: [(" Report_Shared", "2025-06-25 03:00", "space")],
    18: [("integration_connected", "2025-06-28 09:00", "z")],
    19: [],
    20: [("report_shared", "2025-07-09 22:30", "z")],
}


# ----------------------------------------------------------------------------- helpers

CUSTOMER_STATUSES = ("trialing", "active", "past_due")
AS_OF_END = datetime(AS_OF_DATE.year, AS_OF_DATE.month, AS_OF_DATE.day, tzinfo=UTC) + timedelta(
    days=1
)


def customer_at(acc: Account, instant: datetime) -> bool:
    return any(
        v.status in CUSTOMER_STATUSES and v.start <= instant and (v.end is None or instant < v.end)
        for v in acc.versions
    )


def days(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


class Ids:
    """Sequential ids per prefix."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, prefix: str, width: int = 5) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}_{self.counters[prefix]:0{width}d}"


@dataclass
class Tables:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in RAW_COLUMNS})
    rejections: list[tuple[str, str, str]] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAW_COLUMNS, 0))

    def add(self, table: str, **values: str) -> Row:
        row = {c: values.get(c, "") for c in RAW_COLUMNS[table]}
        unknown = set(values) - set(RAW_COLUMNS[table])
        assert not unknown, unknown
        self.rows[table].append(row)
        return row

    def bad(self, table: str, key: str, kind: str, **values: str) -> None:
        self.add(table, **values)
        self.rejections.append((table, key, kind))

    def dup(self, table: str, row: Row, **changes: str) -> None:
        """Re-deliver `row` (identical, or changed) as a copy that loses or wins."""
        self.rows[table].append({**row, **changes})
        self.duplicates[table] += 1


def user_ids(acc: Account) -> list[str]:
    return [f"usr_{acc.id[4:]}_{k}" for k in range(1, acc.n_users + 1)]


# ----------------------------------------------------------------------------- clean rows

GENERIC_ONBOARDING_HOURS = {
    # hours after signup at which required steps 1..6 complete
    "fast": [1, 20, 50, 100, 160, 200],
    "slow": [2, 72, 200, 400, 500, 800],
}
ROLES = ["member", " Member", "VIEWER", "viewer", "owner", "", "member"]
BROWSE_EVENTS = ["dashboard_viewed"] * 5 + [
    "report_created",
    "report_created",
    "export_csv",
    "search_performed",
    "invite_sent",
    "Dashboard_Viewed ",
    "dashboard_created",
]


def add_accounts(t: Tables, accs: list[Account]) -> None:
    for a in accs:
        t.add(
            "accounts",
            account_id=a.id if a.num % 7 else f" {a.id} ",
            account_name=a.name,
            segment=a.segment,
            industry=a.industry,
            country_code=a.country,
            acquisition_channel=a.channel,
            csm_owner=a.csm,
            signed_up_at=fmt(a.signup, a.signup_style),
            is_test=a.is_test,
            _loaded_at=loaded(a.signup),
        )


def add_users(t: Tables, rng: random.Random, accs: list[Account]) -> None:
    for a in accs:
        churn = next((v.start for v in a.versions if v.status == "canceled"), None)
        for k, uid in enumerate(user_ids(a), start=1):
            created = a.signup + timedelta(days=0 if k == 1 else min(3 * k, 20), hours=k)
            deactivated = ""
            if k > 1 and churn is not None and churn < AS_OF_END and rng.random() < 0.5:
                deactivated = fmt(churn + timedelta(days=2), "z")
            elif k == a.n_users and k > 3:
                deactivated = fmt(created + timedelta(days=90), "space")
            t.add(
                "users",
                user_id=uid,
                account_id=a.id,
                email=f"user{k}@{a.name.split()[0].lower()}.example",
                role="Admin" if k == 1 else rng.choice(ROLES),
                created_at=fmt(created, rng.choice(STYLES)),
                deactivated_at=deactivated,
                _loaded_at=loaded(created),
            )


def completion_plan(a: Account) -> list[tuple[str, str, datetime, str]]:
    if a.onboarding == "explicit":
        return [(k, s, ts(i), st) for k, s, i, st in EXPLICIT_ONBOARDING[a.num]]
    if a.onboarding == "none":
        return []
    if a.onboarding.startswith("drop"):
        hours = GENERIC_ONBOARDING_HOURS["fast"][: int(a.onboarding[4:])]
    else:
        hours = GENERIC_ONBOARDING_HOURS[a.onboarding]
    plan = [
        (step, "completed", a.signup + timedelta(hours=h), "z")
        for step, h in zip(REQUIRED_STEPS, hours, strict=False)
    ]
    if a.onboarding.startswith("drop") and len(hours) < 6:
        plan.append(
            (REQUIRED_STEPS[len(hours)], "started", a.signup + timedelta(hours=hours[-1] + 30), "z")
        )
    if a.num % 3 == 0:
        plan.append(("product_tour", "completed", a.signup + timedelta(hours=3), "z"))
    return [p for p in plan if p[2] < AS_OF_END]


def add_onboarding(t: Tables, ids: Ids, rng: random.Random, accs: list[Account]) -> None:
    for a in accs:
        users = user_ids(a)
        for step, status, instant, style in completion_plan(a):
            if a.onboarding != "explicit":
                style = rng.choice(STYLES)
                step = rng.choice([step, step, step, step.upper(), f" {step}"])
            t.add(
                "onboarding_events",
                event_id=ids.next("obe"),
                account_id=a.id,
                user_id=users[0] if step.strip().lower() != "invite_team" else users[-1],
                step_key=step,
                status=status if a.num % 5 else status.capitalize(),
                occurred_at=fmt(instant, style),
                _loaded_at=loaded(instant),
            )


def first_value_at(a: Account, rng: random.Random) -> datetime | None:
    if a.value_days is None:
        return None
    return a.signup + timedelta(days=rng.uniform(0.5, 20.0))


def activity_factor(a: Account, day: date) -> float:
    """Usage fades in the two months before a cancellation (the health score sees it)."""
    cancel = [v.start.date() for v in a.versions if v.status == "canceled"]
    for c in cancel:
        if timedelta(0) <= c - day <= timedelta(days=60):
            return 0.35
    return 1.0


def add_product_events(t: Tables, ids: Ids, rng: random.Random, accs: list[Account]) -> None:
    for a in accs:
        users = user_ids(a)
        value_at = first_value_at(a, rng)
        value_events: list[tuple[str, datetime, str]] = []
        if a.num in EXPLICIT_VALUE:
            value_events = [(e, ts(i), s) for e, i, s in EXPLICIT_VALUE[a.num]]
        elif value_at is not None and value_at < AS_OF_END:
            value_events = [(rng.choice(["report_shared", "integration_connected"]), value_at, "z")]
        for name, instant, style in value_events:
            t.add(
                "product_events",
                event_id=ids.next("evt", 6),
                account_id=a.id,
                user_id=users[0],
                session_id=ids.next("ses", 6),
                event_name=name,
                occurred_at=fmt(instant, style),
                _loaded_at=loaded(instant),
            )
        last_day = AS_OF_DATE if a.num < 900 else date(2026, 3, 26)
        for day in days(a.signup.date(), last_day):
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            if not customer_at(a, noon) and not (a.num == 3 and day.month == 8):
                continue
            weekday = day.weekday() < 5
            p = 0.6 * a.usage * (1.0 if weekday else 0.15) * activity_factor(a, day)
            for k, uid in enumerate(users, start=1):
                if day < (a.signup + timedelta(days=0 if k == 1 else min(3 * k, 20))).date():
                    continue
                if rng.random() >= p * (1.6 if k == 1 else 1.0):
                    continue
                start = noon + timedelta(minutes=rng.randint(-240, 300))
                if start < a.signup:
                    continue
                session = "" if rng.random() < 0.08 else ids.next("ses", 6)
                n_events = rng.choice([1, 1, 2, 3, 3, 4])
                instant = start
                for i in range(n_events):
                    if i == 0:
                        name = "login"
                    elif value_at is not None and instant > value_at and rng.random() < 0.15:
                        name = rng.choice(["report_shared", "integration_connected"])
                    else:
                        name = rng.choice(BROWSE_EVENTS)
                    t.add(
                        "product_events",
                        event_id=ids.next("evt", 6),
                        account_id=a.id,
                        user_id=uid,
                        session_id=session,
                        event_name=name,
                        occurred_at=fmt(instant, rng.choice(STYLES)),
                        _loaded_at=loaded(instant),
                    )
                    instant += timedelta(minutes=rng.randint(1, 12), seconds=rng.randint(0, 59))


def add_subscriptions(t: Tables, rng: random.Random, accs: list[Account]) -> list[Row]:
    out: list[Row] = []
    for a in accs:
        for v in a.versions:
            interval = v.interval
            currency = v.currency
            if a.num % 4 == 0 and currency:
                currency = currency.lower()
            row = t.add(
                "subscriptions",
                subscription_id=v.sub,
                account_id=a.id,
                plan_name=v.plan if a.num % 3 else v.plan.capitalize(),
                status=v.status,
                billing_interval=interval,
                amount=v.amount,
                currency=currency,
                seats=v.seats,
                valid_from=fmt(v.start, v.start_style),
                valid_to=fmt(v.end, v.end_style) if v.end else "",
                _loaded_at=loaded(v.start) if v.start < AS_OF_END else "2026-03-10 02:00:00",
            )
            out.append(row)
    return out


NPS_WAVES = [
    ts("2025-02-04 09:00"),
    ts("2025-05-06 09:00"),
    ts("2025-08-05 09:00"),
    ts("2026-02-03 09:00"),
    ts("2026-03-10 09:00"),
]
RESOURCES = [" Getting_Started_Guide ", "dashboards-101", "API_Video", "getting_started_guide"]


def survey(
    t: Tables,
    ids: Ids,
    acc: str,
    user: str,
    kind: str,
    touchpoint: str,
    score: str,
    sent: datetime,
    responded: datetime | None,
    question: str = "",
    comment: str = "",
    style: str = "z",
) -> Row:
    return t.add(
        "survey_responses",
        response_id=ids.next("rsp"),
        account_id=acc,
        user_id=user,
        survey_type=kind,
        question_key=question,
        touchpoint=touchpoint,
        score=score,
        comment=comment,
        sent_at=fmt(sent, style),
        responded_at=fmt(responded, style) if responded else "",
        _loaded_at=loaded(responded or sent),
    )


def add_surveys(t: Tables, ids: Ids, rng: random.Random, accs: list[Account]) -> None:
    churners = {a.num for a in accs if any(v.status == "canceled" for v in a.versions)}
    for wave in NPS_WAVES:
        for a in accs:
            if a.num >= 900 or not customer_at(a, wave):
                continue
            answered = wave.month != 3 and rng.random() < 0.65
            responded = wave + timedelta(days=rng.randint(0, 4), hours=rng.randint(0, 8))
            low, high = (2, 7) if a.num in churners else (6, 10)
            score = str(rng.randint(low, high)) if answered else rng.choice(["", "N/A"])
            survey(
                t,
                ids,
                a.id,
                user_ids(a)[0],
                rng.choice(["nps", "NPS", " nps"]),
                rng.choice(["relationship", "Relationship", " relationship"]),
                score,
                wave,
                responded if answered else None,
                style=rng.choice(STYLES),
            )
    # onboarding CSAT after the last required step
    for a in accs:
        plan = [p for p in completion_plan(a) if p[1] == "completed"]
        done = {p[0].strip().lower() for p in plan}
        if a.num >= 900 or not set(REQUIRED_STEPS) <= done:
            continue
        sent = max(p[2] for p in plan) + timedelta(days=1)
        if sent >= AS_OF_END or (sent.year, sent.month) == (2025, 11):
            continue
        answered = rng.random() < 0.7
        survey(
            t,
            ids,
            a.id,
            user_ids(a)[0],
            "csat",
            "onboarding",
            str(rng.randint(3, 5)) if answered else "",
            sent,
            sent + timedelta(hours=rng.randint(1, 30)) if answered else None,
        )
    # training resource ratings
    for i in range(24):
        a = accs[i % 30]
        sent = a.signup + timedelta(days=3 + i % 5, hours=i)
        if sent >= AS_OF_END or (sent.year, sent.month) == (2025, 11):
            continue
        survey(
            t,
            ids,
            a.id,
            user_ids(a)[-1],
            "resource_rating",
            "Training",
            str(rng.randint(2, 5)),
            sent,
            sent + timedelta(minutes=5),
            question=RESOURCES[i % 4],
        )


# ----------------------------------------------------------------------------- tickets

PRIORITY_MINUTES = {"urgent": (10, 90), "high": (30, 300), "normal": (60, 600), "low": (120, 2000)}
CHANNELS = ["email", "Email", "chat ", "PHONE", "web", "sms", ""]
CATEGORIES = ["Billing", "billing ", "BUG", "how-to", "How To", "feature request", ""]


def ticket_event(
    t: Tables,
    ids: Ids,
    ticket: str,
    kind: str,
    actor: str,
    instant: datetime,
    public: str = "",
    status: str = "",
    satisfaction: str = "",
    style: str = "z",
) -> Row:
    return t.add(
        "ticket_events",
        event_id=ids.next("tev"),
        ticket_id=ticket,
        event_type=kind,
        actor_type=actor,
        is_public=public,
        new_status=status,
        satisfaction=satisfaction,
        occurred_at=fmt(instant, style),
        _loaded_at=loaded(instant),
    )


def add_background_tickets(t: Tables, ids: Ids, rng: random.Random, accs: list[Account]) -> None:
    paying = [a for a in accs if a.num < 900]
    n = 0
    while n < 48:
        a = rng.choice(paying)
        created = ts("2025-01-15 00:00") + timedelta(minutes=rng.randint(0, 60 * 24 * 420))
        quiet = ts("2025-10-20 00:00") <= created < ts("2025-12-01 00:00")  # keeps Nov explicit
        if quiet or created >= AS_OF_END - timedelta(3):
            continue
        if not customer_at(a, created):
            continue
        n += 1
        ticket = f"tkt_{n:03d}"
        priority = rng.choice(["low", "normal", "normal", "high", "urgent", "", "High", "LOW "])
        t.add(
            "tickets",
            ticket_id=ticket,
            account_id=a.id,
            requester_user_id=user_ids(a)[0],
            channel=rng.choice(CHANNELS),
            priority=priority,
            category=rng.choice(CATEGORIES),
            created_at=fmt(created, rng.choice(STYLES)),
            _loaded_at=loaded(created),
        )
        key = priority.strip().lower() or "normal"
        lo, hi = PRIORITY_MINUTES[key]
        instant = created + timedelta(minutes=rng.randint(lo, hi))
        if rng.random() < 0.2:
            ticket_event(
                t, ids, ticket, "comment", "agent", instant - timedelta(minutes=5), public="false"
            )
        if rng.random() < 0.12:
            ticket_event(t, ids, ticket, "escalated", "agent", instant + timedelta(minutes=1))
            instant += timedelta(minutes=rng.randint(5, 120))
        ticket_event(
            t,
            ids,
            ticket,
            "comment",
            "agent",
            instant,
            public=rng.choice(["true", "TRUE", "1", "yes"]),
        )
        if rng.random() < 0.3:
            instant += timedelta(hours=rng.randint(1, 20))
            ticket_event(t, ids, ticket, "comment", "customer", instant, public="true")
            instant += timedelta(hours=rng.randint(1, 10))
            ticket_event(t, ids, ticket, "comment", "agent", instant, public="true")
        instant += timedelta(hours=rng.randint(1, 48))
        ticket_event(t, ids, ticket, "status_change", "agent", instant, status="solved")
        if rng.random() < 0.15:
            instant += timedelta(days=1)
            ticket_event(t, ids, ticket, "status_change", "customer", instant, status="open")
            instant += timedelta(hours=3)
            ticket_event(t, ids, ticket, "comment", "agent", instant, public="true")
            ticket_event(t, ids, ticket, "status_change", "agent", instant, status="solved")
        if rng.random() < 0.4:
            instant += timedelta(hours=2)
            ticket_event(
                t,
                ids,
                ticket,
                "satisfaction_rated",
                "customer",
                instant,
                satisfaction=rng.choice(["good", "good", "Good", "bad"]),
            )
        if rng.random() < 0.5 and (instant.year, instant.month) != (2025, 11):
            sent = instant + timedelta(hours=1)
            kind = rng.choice(["csat", "ces", "cxi"])
            if kind == "cxi":
                for q in ["effort", "Empathy", "understanding ", "efficiency"]:
                    survey(
                        t,
                        ids,
                        a.id,
                        user_ids(a)[0],
                        "cxi",
                        "support",
                        str(rng.randint(2, 5)),
                        sent,
                        sent + timedelta(hours=2),
                        question=q,
                    )
            else:
                top = 5 if kind == "csat" else 7
                survey(
                    t,
                    ids,
                    a.id,
                    user_ids(a)[0],
                    kind,
                    "support",
                    str(rng.randint(1, top)),
                    sent,
                    sent + timedelta(hours=3),
                )


def add_november(t: Tables, ids: Ids) -> dict[str, Row]:
    """The November 2025 tickets, ratings and surveys behind the known answers."""
    keep: dict[str, Row] = {}

    def tkt(
        ticket: str,
        acc: str,
        channel: str,
        priority: str,
        category: str,
        created: str,
        style: str = "z",
    ) -> None:
        keep[ticket] = t.add(
            "tickets",
            ticket_id=ticket,
            account_id=acc,
            requester_user_id=f"usr_{acc[4:]}_1",
            channel=channel,
            priority=priority,
            category=category,
            created_at=fmt(ts(created), style),
            _loaded_at=loaded(ts(created)),
        )

    def ev(ticket: str, kind: str, actor: str, at: str, style: str = "z", **kw: str) -> None:
        keep[f"{ticket}:{kind}:{at}"] = ticket_event(
            t, ids, ticket, kind, actor, ts(at), style=style, **kw
        )

    # urgent: 40 and 25 minutes
    tkt("tkt_101", "acc_004", "phone", "urgent", "Billing", "2025-11-20 08:00")
    ev("tkt_101", "comment", "agent", "2025-11-20 08:05", public="false")  # internal note
    ev("tkt_101", "comment", "agent", "2025-11-20 08:40", public="true")
    ev("tkt_101", "status_change", "agent", "2025-11-20 10:00", status="solved")
    tkt("tkt_102", "acc_008", "Chat", "Urgent", "BUG", "2025-11-03 08:00", "cest")
    ev("tkt_102", "comment", "agent", "2025-11-03 08:25", public="true")
    ev("tkt_102", "escalated", "agent", "2025-11-03 09:00")
    ev("tkt_102", "comment", "agent", "2025-11-03 09:30", public="True")
    ev("tkt_102", "status_change", "agent", "2025-11-03 12:00", status="solved")
    ev("tkt_102", "satisfaction_rated", "customer", "2025-11-04 09:00", satisfaction="good")
    # high: 180 and 60 minutes, and one never answered (its escalation neither)
    tkt("tkt_103", "acc_006", "email", "high", "billing ", "2025-11-12 09:00")
    ev("tkt_103", "comment", "system", "2025-11-12 09:01", public="true")  # auto-ack
    ev("tkt_103", "comment", "customer", "2025-11-12 09:30", public="true")
    ev("tkt_103", "comment", "agent", "2025-11-12 12:00", public="true")
    ev("tkt_103", "status_change", "agent", "2025-11-13 12:00", status="solved")
    ev("tkt_103", "satisfaction_rated", "customer", "2025-11-13 15:00", satisfaction="bad")
    tkt("tkt_104", "acc_012", "chat", "high", "how-to", "2025-11-14 14:00", "space")
    ev("tkt_104", "comment", "agent", "2025-11-14 15:00", "ist", public="true")
    ev("tkt_104", "status_change", "agent", "2025-11-14 16:00", status="solved")
    tkt("tkt_105", "acc_001", "web", " HIGH", "BUG", "2025-11-25 16:00")
    ev("tkt_105", "comment", "customer", "2025-11-26 09:00", public="true")
    ev("tkt_105", "escalated", "system", "2025-11-26 16:00")
    ev("tkt_105", "comment", "agent", "2025-11-27 10:00", public="false")  # note only
    # normal: 120, 480 and 30 minutes; tkt_106 is reopened and rated twice
    tkt("tkt_106", "acc_002", "email", "normal", "How To", "2025-11-05 09:00")
    ev("tkt_106", "comment", "agent", "2025-11-05 11:00", public="true")
    ev("tkt_106", "status_change", "agent", "2025-11-05 11:30", status="solved")
    ev("tkt_106", "satisfaction_rated", "customer", "2025-11-06 08:00", satisfaction="bad")
    ev("tkt_106", "status_change", "customer", "2025-11-07 09:00", status="open")
    ev("tkt_106", "comment", "agent", "2025-11-07 10:00", public="true")
    ev("tkt_106", "status_change", "agent", "2025-11-08 10:00", status="Solved")
    ev("tkt_106", "satisfaction_rated", "customer", "2025-11-09 10:00", satisfaction=" Good")
    tkt("tkt_107", "acc_009", "email", "normal", "feature request", "2025-11-10 23:00")
    ev("tkt_107", "comment", "agent", "2025-11-11 07:00", public="true")
    ev("tkt_107", "status_change", "agent", "2025-11-11 08:00", status="pending")
    ev("tkt_107", "status_change", "agent", "2025-11-12 08:00", status="solved")
    ev("tkt_107", "satisfaction_rated", "customer", "2025-11-12 09:00", satisfaction="good")
    tkt("tkt_108", "acc_010", "web", "", "", "2025-11-18 12:00")
    ev("tkt_108", "comment", "agent", "2025-11-18 12:30", public="true")
    ev("tkt_108", "status_change", "agent", "2025-11-18 13:00", status="closed")
    # low: 1440, 4320 and 45 minutes
    tkt("tkt_109", "acc_031", "email", "low", "Billing", "2025-11-06 10:00")
    ev("tkt_109", "comment", "agent", "2025-11-07 10:00", public="true")
    tkt("tkt_110", "acc_016", "Web", "low", "feature request", "2025-11-21 10:00")
    ev("tkt_110", "comment", "agent", "2025-11-24 10:00", public="1")
    tkt("tkt_111", "acc_003", "chat", "LOW ", "how-to", "2025-11-27 10:00")
    ev("tkt_111", "comment", "agent", "2025-11-27 10:45", public="true")
    # a test account's ticket: excluded everywhere
    tkt("tkt_112", "acc_t03", "email", "urgent", "BUG", "2025-11-04 10:00")
    ev("tkt_112", "comment", "agent", "2025-11-04 13:00", public="true")

    # relationship NPS, November: 5 promoters, 2 passives, 3 detractors, 2 unanswered
    wave = ts("2025-11-04 09:00")
    answers = [
        ("acc_001", "9"),
        ("acc_002", "10"),
        ("acc_008", " 10"),
        ("acc_011", "9"),
        ("acc_016", "10"),
        ("acc_009", "7"),
        ("acc_012", "8"),
        ("acc_006", "3"),
        ("acc_014", "6"),
    ]
    for i, (acc, score) in enumerate(answers):
        keep[f"nps:{acc}"] = survey(
            t,
            ids,
            acc,
            f"usr_{acc[4:]}_1",
            "nps",
            "relationship",
            score,
            wave,
            wave + timedelta(hours=3 + i),
            style="z" if i % 2 else "cest",
        )
    keep["nps:acc_005"] = survey(
        t,
        ids,
        "acc_005",
        "usr_005_1",
        "nps",
        "Relationship",
        "5",
        ts("2025-10-30 09:00"),
        ts("2025-11-03 10:00"),
        comment="Too expensive for what we use",
    )
    survey(t, ids, "acc_010", "usr_010_1", "nps", "relationship", "N/A", wave, None)
    survey(t, ids, "acc_013", "usr_013_1", "nps", "relationship", "", wave, None)
    survey(
        t, ids, "acc_024", "usr_024_1", "nps", "relationship", "10", wave, ts("2025-12-02 10:00")
    )  # answered in December: a December response
    survey(
        t, ids, "acc_t01", "usr_t01_1", "nps", "relationship", "10", wave, wave + timedelta(hours=1)
    )  # test account
    # support CSAT, November: 4 answers (5, 4, 2, 3), 2 unanswered
    for acc, score, at, answered in [
        ("acc_004", "5", "2025-11-20 11:00", True),
        ("acc_008", "4", "2025-11-03 13:00", True),
        ("acc_006", "2", "2025-11-13 13:00", True),
        ("acc_002", "3", "2025-11-08 11:00", True),
        ("acc_009", "", "2025-11-12 09:00", False),
        ("acc_031", "N/A", "2025-11-07 11:00", False),
    ]:
        sent = ts(at)
        survey(
            t,
            ids,
            acc,
            f"usr_{acc[4:]}_1",
            "CSAT",
            "support",
            score,
            sent,
            sent + timedelta(hours=2) if answered else None,
        )
    # November CES and CXI after support (not known answers, but present)
    sent = ts("2025-11-21 10:00")
    survey(t, ids, "acc_004", "usr_004_1", "ces", "support", "6", sent, sent + timedelta(hours=1))
    survey(t, ids, "acc_012", "usr_012_1", "ces", "support", "3", sent, None)
    for q, score in [
        ("effort", "4"),
        ("empathy", "5"),
        ("understanding", "4"),
        ("efficiency", "3"),
    ]:
        survey(
            t,
            ids,
            "acc_002",
            "usr_002_1",
            "cxi",
            "support",
            score,
            sent,
            sent + timedelta(hours=2),
            question=q,
        )
    return keep


def add_marketing(t: Tables, rng: random.Random) -> list[Row]:
    out = []
    plan = [
        ("paid_search", "USD", 1800, 3600),
        ("paid_social", "USD", 900, 2400),
        ("outbound", "USD", 1500, 3000),
        ("partner", "EUR", 400, 1200),
    ]
    spelled = {
        "paid_search": ["paid_search", "Paid Search", "PAID_SEARCH"],
        "paid_social": ["paid_social", "PAID-SOCIAL", "Paid Social "],
        "outbound": ["outbound", " Outbound"],
        "partner": ["partner", "Partner"],
    }
    for month in MONTHS:
        for channel, currency, lo, hi in plan:
            amount = f"{rng.randint(lo, hi)}.{rng.choice(['00', '50', '25'])}"
            out.append(
                t.add(
                    "marketing_spend",
                    spend_month=month.isoformat(),
                    acquisition_channel=rng.choice(spelled[channel]),
                    amount=amount,
                    currency=currency if rng.random() < 0.8 else currency.lower(),
                    _loaded_at=f"{month.isoformat()[:8]}28 02:00:00",
                )
            )
        if month.month % 3 == 0:
            out.append(
                t.add(
                    "marketing_spend",
                    spend_month=month.isoformat(),
                    acquisition_channel="referral",
                    amount="250.00",
                    currency="EUR",
                    _loaded_at=f"{month.isoformat()[:8]}28 02:00:00",
                )
            )
    return out


# ----------------------------------------------------------------------------- dirty rows


def find(t: Tables, table: str, **match: str) -> Row:
    hits = [r for r in t.rows[table] if all(r[k].strip() == v for k, v in match.items())]
    assert len(hits) == 1, (table, match, len(hits))
    return hits[0]


def add_dirty(t: Tables, ids: Ids) -> None:
    late = "2026-03-19 02:00:00"
    # -- accounts
    t.bad(
        "accounts",
        "",
        "missing_required",
        account_id=" ",
        account_name="Ghost Co",
        signed_up_at="2025-05-01T10:00:00Z",
        _loaded_at="2025-05-02 02:00:00",
    )
    t.bad(
        "accounts",
        "acc_047",
        "unparseable_timestamp",
        account_id="acc_047",
        account_name="Papaya Media",
        segment="smb",
        signed_up_at="31/12/2025 10:00",
        is_test="false",
        _loaded_at="2026-01-01 02:00:00",
    )
    t.bad(
        "accounts",
        "acc_048",
        "unknown_enum",
        account_id="acc_048",
        account_name="Quokka Cafe",
        segment="smb",
        signed_up_at="2025-09-09T09:00:00Z",
        is_test="maybe",
        _loaded_at="2025-09-10 02:00:00",
    )
    t.bad(
        "accounts",
        "acc_049",
        "missing_required",
        account_id="acc_049",
        account_name="Raven Ops",
        signed_up_at="2025-10-10T09:00:00Z",
        _loaded_at="",
    )
    t.dup("accounts", find(t, "accounts", account_id="acc_002"))  # identical copy
    first = find(t, "accounts", account_id="acc_011")  # changed copy, the later load wins
    t.rows["accounts"].remove(first)
    t.rows["accounts"].append({**first, "csm_owner": "Priya Nair", "segment": "startup"})
    t.dup("accounts", first, _loaded_at="2025-06-01 02:00:00")
    # tie on _loaded_at: 'Retail' vs 'retail ' -- the byte-greater raw text ('retail ') wins
    t.dup("accounts", find(t, "accounts", account_id="acc_014"), industry="retail ")
    # -- users
    t.bad(
        "users",
        "usr_047_1",
        "orphan_foreign_key",
        user_id="usr_047_1",
        account_id="acc_047",
        role="admin",
        created_at="2025-12-31T10:00:00Z",
        _loaded_at="2026-01-01 02:00:00",
    )
    t.bad(
        "users",
        "usr_999_1",
        "orphan_foreign_key",
        user_id="usr_999_1",
        account_id="acc_999",
        role="member",
        created_at="2025-04-01T10:00:00Z",
        _loaded_at="2025-04-02 02:00:00",
    )
    t.bad(
        "users",
        "usr_001_9",
        "missing_required",
        user_id="usr_001_9",
        account_id="acc_001",
        role="member",
        created_at="",
        _loaded_at="2025-04-02 02:00:00",
    )
    t.bad(
        "users",
        "usr_002_9",
        "unparseable_timestamp",
        user_id="usr_002_9",
        account_id="acc_002",
        created_at="2025-02-30 10:00:00",
        _loaded_at="2025-03-02 02:00:00",
    )
    t.dup("users", find(t, "users", user_id="usr_001_1"))
    t.dup(
        "users",
        find(t, "users", user_id="usr_003_2"),
        role="admin",
        _loaded_at="2025-01-01 00:00:00",
    )  # an older copy: loses
    # -- onboarding_events
    base = {
        "account_id": "acc_001",
        "user_id": "usr_001_1",
        "status": "completed",
        "occurred_at": "2025-01-07T10:00:00Z",
        "_loaded_at": "2025-01-08 02:00:00",
    }
    for key, kind, change in [
        ("Product Tour", "unknown_onboarding_step", {}),
        ("onboarding_call", "unknown_onboarding_step", {}),
        ("create_workspace", "unknown_enum", {"status": "done"}),
        ("", "missing_required", {}),
        ("invite_team", "orphan_foreign_key", {"account_id": "acc_047"}),
        ("invite_team", "unparseable_timestamp", {"occurred_at": "2025-01-07 10:00:00 +02:00"}),
    ]:
        event = ids.next("obe")
        t.bad(
            "onboarding_events",
            event,
            kind,
            **{**base, "event_id": event, "step_key": key, **change},
        )
    t.dup("onboarding_events", t.rows["onboarding_events"][3])
    t.dup("onboarding_events", t.rows["onboarding_events"][40])
    # -- product_events
    # the latest clean product event of a non-test account: 2026-03-18 20:30 UTC, written
    # with a +05:30 offset as 2026-03-19 02:00 -- this is what sets as_of_date = 2026-03-18
    t.add(
        "product_events",
        event_id=ids.next("evt", 6),
        account_id="acc_001",
        user_id="usr_001_1",
        session_id=ids.next("ses", 6),
        event_name="dashboard_viewed",
        occurred_at="2026-03-19T02:00:00+0530",
        _loaded_at=late,
    )
    pe = {
        "account_id": "acc_002",
        "user_id": "usr_002_1",
        "session_id": "",
        "event_name": "login",
        "occurred_at": "2025-07-04T10:00:00Z",
        "_loaded_at": "2025-07-05 02:00:00",
    }
    for kind, change in [
        ("unparseable_timestamp", {"occurred_at": "2026-02-29 10:00:00"}),
        ("unparseable_timestamp", {"occurred_at": "2025-07-04 10:00:00 +02:00"}),
        ("unparseable_timestamp", {"occurred_at": "2025-08-01t10:00:00z"}),
        ("missing_required", {"user_id": ""}),
        ("missing_required", {"event_name": "   "}),
        ("orphan_foreign_key", {"account_id": "acc_047", "occurred_at": "2026-01-05T10:00:00Z"}),
        (
            "orphan_foreign_key",
            {
                "account_id": "acc_047",
                "occurred_at": "2026-03-25T10:00:00Z",
                "_loaded_at": "2026-03-26 02:00:00",
            },
        ),
        ("orphan_foreign_key", {"account_id": "acc_999"}),
    ]:
        event = ids.next("evt", 6)
        t.bad("product_events", event, kind, **{**pe, "event_id": event, **change})
    t.bad("product_events", "", "missing_required", **{**pe, "event_id": ""})
    rows = t.rows["product_events"]
    for i in (10, 200, 700, 1500, 2100):
        t.dup("product_events", rows[i])  # identical re-deliveries
    t.dup(
        "product_events", rows[300], _loaded_at="2020-01-01 00:00:00", event_name="report_created"
    )  # older changed copy: loses
    t.dup(
        "product_events",
        rows[900],
        _loaded_at="2020-01-01 00:00:00",
        occurred_at="2025-01-01T00:00:00Z",
    )  # older changed copy: loses
    # tie on _loaded_at: the copy saying 'report_created' is byte-greater than 'login'
    tie = next(r for r in rows[1200:] if r["event_name"] == "login" and r["session_id"])
    winner = {**tie, "event_name": "report_created"}
    rows.remove(tie)
    rows.append(winner)
    t.dup("product_events", tie)
    # -- subscriptions
    sb = {
        "subscription_id": "sub_900_1",
        "account_id": "acc_022",
        "plan_name": "starter",
        "status": "active",
        "billing_interval": "month",
        "amount": "49",
        "currency": "USD",
        "seats": "2",
        "valid_from": "2025-08-01T00:00:00Z",
        "valid_to": "",
        "_loaded_at": "2025-08-02 02:00:00",
    }
    for sub, kind, change in [
        ("sub_900_1", "unparseable_number", {"amount": "49,00"}),
        ("sub_901_1", "unparseable_number", {"seats": "2.5", "account_id": "acc_030"}),
        (
            "sub_902_1",
            "negative_amount",
            {"amount": "-45", "currency": "EUR", "account_id": "acc_036"},
        ),
        ("sub_903_1", "unknown_currency", {"currency": "JPY", "account_id": "acc_040"}),
        ("sub_904_1", "unknown_enum", {"status": "Past Due", "account_id": "acc_023"}),
        ("sub_905_1", "unknown_enum", {"billing_interval": "weekly"}),
        ("sub_906_1", "missing_required", {"billing_interval": ""}),
        ("sub_907_1", "missing_required", {"currency": " "}),
        ("sub_908_1", "orphan_foreign_key", {"account_id": "acc_047"}),
        ("sub_909_1", "unparseable_timestamp", {"valid_to": "2025-09-31"}),
    ]:
        row = {**sb, "subscription_id": sub, **change}
        t.bad("subscriptions", f"{sub}|{row['valid_from']}", kind, **row)
    # overlap: sub_018_1's canceled version has no end, so a later version overlaps it
    t.bad(
        "subscriptions",
        "sub_018_1|2025-07-20T00:00:00Z",
        "overlapping_subscription_version",
        subscription_id="sub_018_1",
        account_id="acc_018",
        plan_name="pro",
        status="canceled",
        seats="6",
        valid_from="2025-07-20T00:00:00Z",
        _loaded_at="2025-07-21 02:00:00",
    )
    # overlap: starts inside sub_021_1's pro version (and is zero-length as well)
    t.bad(
        "subscriptions",
        "sub_021_1|2025-10-01T00:00:00Z",
        "overlapping_subscription_version",
        subscription_id="sub_021_1",
        account_id="acc_021",
        plan_name="pro",
        status="active",
        billing_interval="month",
        amount="159",
        currency="GBP",
        seats="6",
        valid_from="2025-10-01T00:00:00Z",
        valid_to="2025-10-01T00:00:00Z",
        _loaded_at="2025-10-02 02:00:00",
    )
    # zero-length, alone in its subscription
    t.bad(
        "subscriptions",
        "sub_040_2|2026-02-10T00:00:00Z",
        "overlapping_subscription_version",
        subscription_id="sub_040_2",
        account_id="acc_040",
        plan_name="starter",
        status="canceled",
        seats="2",
        valid_from="2026-02-10T00:00:00Z",
        valid_to="2026-02-10 00:00:00",
        _loaded_at="2026-02-11 02:00:00",
    )
    t.dup("subscriptions", find(t, "subscriptions", subscription_id="sub_002_1"))
    nine = find(t, "subscriptions", subscription_id="sub_009_1")
    t.dup("subscriptions", nine, seats="25", _loaded_at="2025-03-11 23:00:00")  # older: loses
    six = [r for r in t.rows["subscriptions"] if r["subscription_id"] == "sub_006_1"][1]
    t.dup("subscriptions", six, amount="40", _loaded_at="2025-11-12 01:00:00")  # older: loses
    # -- survey_responses
    nov = ts("2025-11-04 09:00")
    for acc, kind, key, tp, score, why in [
        ("acc_026", "nps", "", "relationship", "11", "out_of_range_score"),
        ("acc_010", "csat", "", "support", "N/A", "out_of_range_score"),
        ("acc_011", "ces", "", "support", "9.5", "out_of_range_score"),
        ("acc_012", "resource_rating", "api_video", "training", "great", "out_of_range_score"),
        ("acc_016", "csat", "", "onboarding", "0", "out_of_range_score"),
        ("acc_001", "nps_v2", "", "relationship", "8", "unknown_enum"),
        ("acc_002", "cxi", "speed", "support", "4", "unknown_enum"),
        ("acc_002", "cxi", "", "support", "4", "missing_required"),
        ("acc_008", "resource_rating", "", "training", "5", "missing_required"),
        ("acc_047", "nps", "", "relationship", "9", "orphan_foreign_key"),
    ]:
        sent = nov if why != "orphan_foreign_key" else ts("2026-01-02 09:00")
        row = survey(
            t,
            ids,
            acc,
            f"usr_{acc[4:]}_1",
            kind,
            tp,
            score,
            sent,
            sent + timedelta(hours=5),
            question=key,
        )
        t.rejections.append(("survey_responses", row["response_id"], why))
    row = survey(t, ids, "acc_009", "usr_009_1", "nps", "relationship", "8", nov, None)
    row["responded_at"] = "2025-13-01 10:00:00"
    t.rejections.append(("survey_responses", row["response_id"], "unparseable_timestamp"))
    t.bad(
        "survey_responses",
        "",
        "missing_required",
        response_id="",
        account_id="acc_001",
        survey_type="nps",
        score="9",
        sent_at="2025-08-05T09:00:00Z",
        responded_at="2025-08-05T10:00:00Z",
        _loaded_at="2025-08-06 02:00:00",
    )
    t.dup(
        "survey_responses",
        find(t, "survey_responses", account_id="acc_002", survey_type="nps", score="10"),
    )
    p9 = find(
        t,
        "survey_responses",
        account_id="acc_009",
        survey_type="nps",
        score="7",
        touchpoint="relationship",
    )
    t.dup("survey_responses", p9, score="6", _loaded_at="2025-11-04 23:00:00")  # older: loses
    # -- tickets
    tk = {
        "account_id": "acc_001",
        "requester_user_id": "usr_001_1",
        "channel": "email",
        "priority": "high",
        "category": "BUG",
        "created_at": "2025-11-15T10:00:00Z",
        "_loaded_at": "2025-11-16 02:00:00",
    }
    for ticket, kind, change in [
        ("tkt_901", "unknown_enum", {"priority": "critical"}),
        ("tkt_902", "missing_required", {"created_at": ""}),
        ("tkt_900", "orphan_foreign_key", {"account_id": "acc_048"}),
        ("tkt_903", "orphan_foreign_key", {"account_id": "acc_999"}),
    ]:
        t.bad("tickets", ticket, kind, **{**tk, "ticket_id": ticket, **change})
    t.dup("tickets", find(t, "tickets", ticket_id="tkt_107"))
    # tie on _loaded_at: 'high' beats ' urgent' (0x68 > 0x20), so tkt_104 stays high
    t.dup("tickets", find(t, "tickets", ticket_id="tkt_104"), priority=" urgent")
    # changed copy: delivered first as 'normal', re-delivered later as 'high' (wins)
    t.dup(
        "tickets",
        find(t, "tickets", ticket_id="tkt_103"),
        priority="normal",
        _loaded_at="2025-11-12 10:00:00",
    )
    # -- ticket_events
    te = {
        "event_type": "comment",
        "actor_type": "agent",
        "is_public": "true",
        "occurred_at": "2025-11-15T11:00:00Z",
        "_loaded_at": "2025-11-16 02:00:00",
    }
    for ticket, kind, change in [
        ("tkt_901", "orphan_foreign_key", {}),
        ("tkt_900", "orphan_foreign_key", {}),
        ("tkt_999", "orphan_foreign_key", {}),
        ("tkt_101", "unknown_enum", {"event_type": "note"}),
        ("tkt_101", "unknown_enum", {"is_public": "maybe"}),
        (
            "tkt_107",
            "unknown_enum",
            {
                "event_type": "satisfaction_rated",
                "is_public": "",
                "satisfaction": "meh",
                "actor_type": "customer",
            },
        ),
        ("tkt_108", "unparseable_timestamp", {"occurred_at": "2025-11-31 10:00:00"}),
        ("", "missing_required", {}),
    ]:
        event = ids.next("tev")
        t.bad(
            "ticket_events", event, kind, **{**te, "event_id": event, "ticket_id": ticket, **change}
        )
    t.dup(
        "ticket_events",
        find(t, "ticket_events", ticket_id="tkt_101", occurred_at=fmt(ts("2025-11-20 08:40"))),
    )
    # -- marketing_spend (keys: spend_month x normalized channel)
    for month, channel, amount, currency, kind in [
        ("2025-01-01", "referral", "-100.00", "EUR", "negative_amount"),
        ("2025-02-01", "tv", "500.00", "USD", "unknown_enum"),
        ("2025-02-01", "referral", "300.00", "XYZ", "unknown_currency"),
        ("2025-04-01", "referral", "300.00", "", "missing_required"),
        ("2025-05-01", "referral", "1.200,50", "EUR", "unparseable_number"),
        ("2025-13-01", "organic", "10.00", "USD", "unparseable_timestamp"),
    ]:
        t.bad(
            "marketing_spend",
            f"{month}|{channel}",
            kind,
            spend_month=month,
            acquisition_channel=channel,
            amount=amount,
            currency=currency,
            _loaded_at="2025-06-01 02:00:00",
        )
    june = next(r for r in t.rows["marketing_spend"] if r["spend_month"] == "2025-06-01")
    # an earlier delivery of June's paid_search, spelled differently: same key, loses
    t.dup(
        "marketing_spend",
        june,
        acquisition_channel="Paid Search",
        amount="999.00",
        _loaded_at="2025-06-01 02:00:00",
    )


# ----------------------------------------------------------------------------- output


# DECISIONS 71: whitespace is ASCII whitespace, not only spaces. Clean rows delivered
# with tab, line feed, carriage return (a CSV saved on Windows ends its lines in CR LF),
# vertical tab and form feed around keys, enums, numbers and timestamps. Staging trims
# them, so every KPI is as if they were not there; a trim of spaces alone would turn
# acc_016 into an unknown key (its events orphans) and reject the other rows.
# (table, the row's key columns and values, column, padded value: {} is the value as delivered)
SUB_012_PRO = {"subscription_id": "sub_012_1", "valid_from": "2025-11-14T00:00:00Z"}
WHITESPACE_PADDING: tuple[tuple[str, dict[str, str], str, str], ...] = (
    ("accounts", {"account_id": "acc_016"}, "account_id", "\t{}"),
    ("accounts", {"account_id": "acc_018"}, "segment", "{}\r\n"),
    ("accounts", {"account_id": "acc_018"}, "_loaded_at", "{}\r"),
    ("users", {"user_id": "usr_017_1"}, "role", "{}\t"),
    ("users", {"user_id": "usr_017_2"}, "deactivated_at", "\t\t"),
    ("onboarding_events", {"event_id": "obe_00104"}, "step_key", "\t{}\r\n"),
    ("onboarding_events", {"event_id": "obe_00103"}, "status", "\x0c{}\x0b"),
    ("product_events", {"event_id": "evt_001844"}, "event_id", "\n{}"),
    ("product_events", {"event_id": "evt_001845"}, "event_name", "{}\t"),
    ("subscriptions", SUB_012_PRO, "amount", "\t{}"),
    ("subscriptions", SUB_012_PRO, "seats", "{}\r\n"),
    ("subscriptions", SUB_012_PRO, "billing_interval", "\t{}"),
    ("subscriptions", SUB_012_PRO, "subscription_id", "{}\t"),
    ("survey_responses", {"response_id": "rsp_00221"}, "score", "\t{}"),
    ("tickets", {"ticket_id": "tkt_105"}, "priority", "\t{}\r"),
    ("ticket_events", {"event_id": "tev_00207"}, "ticket_id", "{}\t"),
    ("ticket_events", {"event_id": "tev_00207"}, "event_type", "\r\n{}"),
    ("ticket_events", {"event_id": "tev_00207"}, "is_public", "{}\t"),
    ("marketing_spend", {"spend_month": "2025-11-01", "amount": "1085.25"}, "currency", "\t{}"),
    ("marketing_spend", {"spend_month": "2025-11-01", "amount": "1085.25"}, "amount", "{}\r"),
)


def pad_with_ascii_whitespace(t: Tables) -> None:
    """Apply WHITESPACE_PADDING to rows delivered once (no re-delivery to tie-break)."""
    for table, match, column, padded in WHITESPACE_PADDING:
        row = find(t, table, **match)
        row[column] = padded.format(row[column])


def csv_field(value: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote, a line feed or a carriage
    return (the csv module quotes a lone CR only when it ends the line itself)."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        for row in [header, *rows]:
            handle.write(",".join(csv_field(str(value)) for value in row) + "\n")


def build() -> Tables:
    rng = random.Random(SEED)
    ids = Ids()
    t = Tables()
    accs = build_accounts()
    add_accounts(t, accs)
    add_users(t, rng, accs)
    add_onboarding(t, ids, rng, accs)
    add_product_events(t, ids, rng, accs)
    add_subscriptions(t, rng, accs)
    add_surveys(t, ids, rng, accs)
    add_background_tickets(t, ids, rng, accs)
    add_november(t, ids)
    add_marketing(t, rng)
    add_dirty(t, ids)
    pad_with_ascii_whitespace(t)
    return t


def main() -> None:
    t = build()
    for table, columns in RAW_COLUMNS.items():
        write_csv(
            DEMO_DIR / f"{table}.csv", columns, ([r[c] for c in columns] for r in t.rows[table])
        )
    write_csv(
        CONFIG_DIR / "onboarding_steps.csv",
        ["step_key", "step_name", "step_order", "category", "is_required", "is_activation_step"],
        (
            [k, n, str(o), c, str(r).lower(), str(a).lower()]
            for k, n, o, c, r, a in ONBOARDING_STEPS
        ),
    )
    write_csv(
        CONFIG_DIR / "product_features.csv",
        ["event_name", "feature_key", "feature_name"],
        PRODUCT_FEATURES,
    )
    write_csv(
        CONFIG_DIR / "currency_rates.csv",
        ["currency", "rate_month", "rate_to_usd"],
        currency_rates(),
    )
    write_csv(
        CONFIG_DIR / "health_score_components.csv",
        ["component", "lifecycle_stage", "weight", "bad_value", "good_value", "component_order"],
        HEALTH_COMPONENTS,
    )
    write_csv(
        CONFIG_DIR / "health_score_overrides.csv",
        ["account_id", "health_score", "reason", "valid_from", "valid_to"],
        HEALTH_OVERRIDES,
    )
    write_csv(
        FIXTURES_DIR / "expected_rejections.csv",
        ["source_table", "record_key", "rejection_kind"],
        t.rejections,
    )
    counts = []
    for table in RAW_COLUMNS:
        raw = len(t.rows[table])
        rejected = sum(1 for r in t.rejections if r[0] == table)
        dups = t.duplicates[table]
        counts.append([table, str(raw), str(raw - rejected - dups), str(rejected), str(dups)])
    write_csv(
        FIXTURES_DIR / "expected_row_counts.csv",
        ["source_table", "raw_rows", "clean_rows", "rejected_rows", "duplicate_rows"],
        counts,
    )


if __name__ == "__main__":
    main()
