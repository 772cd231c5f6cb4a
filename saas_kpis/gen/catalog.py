"""Catalogues the generator draws from: onboarding steps, product events, currencies.

Step keys and event names must match the project's config seeds, so they are read from
``seeds/config/*.csv`` when the project has them; the defaults below are the fallback
(and what the seeds are expected to contain).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CONFIG_SEEDS = PROJECT_DIR / "seeds" / "config"

# Event names with a role in the behaviour model (kpis.md: value_events).
LOGIN = "login"
VALUE_EVENTS = ("report_shared", "integration_connected")
CORE_EVENTS = (
    "login",
    "dashboard_viewed",
    "report_created",
    "report_shared",
    "integration_connected",
    "export_csv",
    "invite_sent",
)
# Relative frequency of the non-login events inside a session.
CORE_EVENT_WEIGHTS = {
    "dashboard_viewed": 0.42,
    "report_created": 0.16,
    "report_shared": 0.06,
    "integration_connected": 0.01,
    "export_csv": 0.08,
    "invite_sent": 0.02,
}
EXTRA_EVENT_WEIGHT = 0.05

CURRENCIES = ("USD", "EUR", "GBP")


@dataclass(frozen=True)
class Step:
    """One onboarding step of the catalogue."""

    step_key: str
    step_order: int
    category: str
    is_required: bool


DEFAULT_STEPS = (
    Step("create_workspace", 1, "setup", True),
    Step("invite_teammates", 2, "setup", True),
    Step("connect_data_source", 3, "setup", True),
    Step("create_first_report", 4, "value", True),
    Step("share_first_report", 5, "value", True),
    Step("product_tour", 6, "training", False),
    Step("watch_training_video", 7, "training", False),
    Step("complete_academy_course", 8, "training", False),
)
DEFAULT_EXTRA_EVENTS = ("search_performed", "alert_created", "comment_added")


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"true", "1", "yes", "t", "y"}


def load_steps(config_dir: Path = CONFIG_SEEDS) -> tuple[Step, ...]:
    """The onboarding step catalogue, ordered by step_order."""
    path = config_dir / "onboarding_steps.csv"
    if not path.exists():
        return DEFAULT_STEPS
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    steps = [
        Step(
            step_key=row["step_key"].strip().lower(),
            step_order=int(row["step_order"]),
            category=row["category"].strip().lower(),
            is_required=_truthy(row["is_required"]),
        )
        for row in rows
    ]
    return tuple(sorted(steps, key=lambda step: step.step_order))


def load_extra_events(config_dir: Path = CONFIG_SEEDS) -> tuple[str, ...]:
    """Event names of the feature map beyond the core ones (used at a low rate)."""
    path = config_dir / "product_features.csv"
    if not path.exists():
        return DEFAULT_EXTRA_EVENTS
    with path.open(newline="") as handle:
        names = {row["event_name"].strip().lower() for row in csv.DictReader(handle)}
    return tuple(sorted(names - set(CORE_EVENTS)))
