"""The hidden account model every raw table is drawn from.

Each account gets a latent ``fit`` in (0, 1). Fit drives trial conversion, onboarding,
usage, seats, users, tickets, survey scores and the churn hazard. An account that is
going to leave (a trial that will not convert, a paying customer before churn) enters a
*decline* window first: usage, active users and sentiment fall and tickets and
escalations rise, with a pre-churn contraction or past_due episode for many. Those are
the symptoms the health score measures, so the score can see churn coming.

All times are int64 seconds since the Unix epoch (UTC); days are epoch days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

DAY = 86_400
INF = np.iinfo(np.int64).max // 4
MAX_DELTA_DAYS = 31

SEGMENTS = ("smb", "mid_market", "enterprise")
CHANNELS = ("organic", "paid_search", "paid_social", "referral", "partner", "outbound")
# Country, currency index (USD, EUR, GBP), share of accounts.
COUNTRIES = (
    ("US", 0, 0.42),
    ("CA", 0, 0.05),
    ("AU", 0, 0.04),
    ("IN", 0, 0.04),
    ("GB", 2, 0.13),
    ("DE", 1, 0.12),
    ("FR", 1, 0.08),
    ("NL", 1, 0.07),
    ("ES", 1, 0.05),
)
PLANS = ("free", "starter", "pro", "enterprise")
TRIAL_DAYS = 30


def epoch_day(value: date) -> int:
    """Days since 1970-01-01."""
    return (value - date(1970, 1, 1)).days


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """An independent, reproducible random stream per (seed, component, chunk)."""
    return np.random.default_rng([seed, *stream])


@dataclass(frozen=True)
class Timeline:
    """The data period: first month start .. end_date, plus a hidden horizon for deltas."""

    start_day: int
    end_day: int

    @classmethod
    def build(cls, end_date: date, months: int) -> Timeline:
        month_index = end_date.year * 12 + end_date.month - 1 - (months - 1)
        start = date(month_index // 12, month_index % 12 + 1, 1)
        return cls(epoch_day(start), epoch_day(end_date))

    @property
    def horizon_day(self) -> int:
        """Last simulated day: deltas may ask for up to MAX_DELTA_DAYS after the end."""
        return self.end_day + MAX_DELTA_DAYS

    def month_starts(self, until_day: int) -> list[int]:
        """Epoch days of the first of each month from start_day through until_day."""
        days = []
        current = np.datetime64(self.start_day, "D").astype("datetime64[M]")
        last = np.datetime64(until_day, "D").astype("datetime64[M]")
        while current <= last:
            days.append(int(current.astype("datetime64[D]").astype(np.int64)))
            current = current + 1
        return days


@dataclass
class Accounts:
    """Per-account latent state and the life events derived from it."""

    n: int
    fit: np.ndarray
    segment: np.ndarray
    channel: np.ndarray
    country: np.ndarray
    currency: np.ndarray
    is_test: np.ndarray
    signup_s: np.ndarray
    has_trial: np.ndarray
    converted: np.ndarray
    to_free: np.ndarray
    paid_start_s: np.ndarray
    term_s: np.ndarray  # end of the first customer spell (INF: still a customer)
    decline_len_s: np.ndarray
    react_s: np.ndarray  # start of the second spell (INF: none)
    dip_start_s: np.ndarray  # a temporary dip that does not end in churn
    plan: np.ndarray
    yearly: np.ndarray
    seats: np.ndarray
    n_users: np.ndarray
    user_offset: np.ndarray
    ttfv_s: np.ndarray  # first value event (INF: never)

    def decline(self, t: np.ndarray, idx: np.ndarray | slice = slice(None)) -> np.ndarray:
        """0 (normal) .. 1 (about to leave) at time t for the accounts idx."""
        term = self.term_s[idx]
        length = self.decline_len_s[idx]
        with np.errstate(over="ignore", invalid="ignore"):
            raw = (t - (term - length)) / length
        value = np.clip(raw, 0.0, 1.0)
        value = np.where(term >= INF, 0.0, value)
        return np.where(t >= self.react_s[idx], 0.0, value)

    def dip(self, t: np.ndarray, idx: np.ndarray | slice = slice(None)) -> np.ndarray:
        """1 inside a 45-day false-alarm dip, else 0."""
        start = self.dip_start_s[idx]
        return ((t >= start) & (t < start + 45 * DAY)).astype(np.float64)

    def is_customer(self, t: np.ndarray, idx: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Customer (trialing, active or past_due) at time t."""
        first = (t >= self.signup_s[idx]) & (t < self.term_s[idx])
        return first | (t >= self.react_s[idx])


def _choice(rng: np.random.Generator, n: int, weights: list[float]) -> np.ndarray:
    probs = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(probs), size=n, p=probs / probs.sum()).astype(np.int8)


def _signup_seconds(rng: np.random.Generator, n: int, timeline: Timeline) -> np.ndarray:
    """Signups grow over the period, are rarer on weekends, peak in working hours."""
    span = timeline.end_day - timeline.start_day + 1
    day = timeline.start_day + np.floor(span * rng.random(n) ** 0.75).astype(np.int64)
    weekday = (day + 3) % 7  # 0 = Monday
    weekend = (weekday >= 5) & (rng.random(n) < 0.6)
    day = np.where(weekend, day - (weekday - 4), day)
    day = np.clip(day, timeline.start_day, timeline.end_day)
    second = np.clip(rng.normal(14.5 * 3600, 3.0 * 3600, n), 0, DAY - 1).astype(np.int64)
    return day * DAY + second


def _seats(rng: np.random.Generator, segment: np.ndarray, fit: np.ndarray) -> np.ndarray:
    medians = np.array([4.0, 20.0, 90.0])[segment]
    lows = np.array([1, 8, 30])[segment]
    highs = np.array([25, 150, 600])[segment]
    raw = medians * np.exp(rng.normal(0.15 * (fit - 0.5), 0.5, len(fit)))
    return np.clip(np.round(raw), lows, highs).astype(np.int64)


def simulate_accounts(n: int, seed: int, timeline: Timeline) -> Accounts:
    """Draw the latent state and the life course of every account."""
    rng = rng_for(seed, 1)
    segment = _choice(rng, n, [0.6, 0.3, 0.1])
    channel = _choice(rng, n, [0.30, 0.20, 0.15, 0.12, 0.08, 0.15])
    channel = np.where((segment == 2) & (rng.random(n) < 0.5), 5, channel).astype(np.int8)
    latent = rng.normal(0.0, 1.0, n) + np.select(
        [channel == 3, channel == 4, channel == 2], [0.35, 0.25, -0.25], 0.0
    )
    fit = 1.0 / (1.0 + np.exp(-1.3 * latent))
    country = _choice(rng, n, [c[2] for c in COUNTRIES])
    currency = np.array([c[1] for c in COUNTRIES], dtype=np.int8)[country]
    is_test = rng.random(n) < 0.005
    signup_s = _signup_seconds(rng, n, timeline)

    has_trial = rng.random(n) < np.array([0.9, 0.75, 0.2])[segment]
    trial_end = signup_s + TRIAL_DAYS * DAY
    converted = ~has_trial | (rng.random(n) < 0.03 + 0.62 * fit**1.6)
    to_free = has_trial & ~converted & (rng.random(n) < 0.2)
    paid_start = np.where(has_trial, trial_end, signup_s)

    # Churn: paying accounts by a fit-driven monthly hazard (annual plans at renewal);
    # trials that do not convert at trial end; free accounts after a few months.
    yearly = rng.random(n) < np.array([0.2, 0.4, 0.8])[segment]
    hazard = 0.004 + 0.09 * (1.0 - fit) ** 2.5
    tenure = rng.exponential(30.4 * DAY / hazard)
    yearly_tenure = np.ceil(tenure / (365 * DAY)) * 365 * DAY
    tenure = np.where(yearly, yearly_tenure, tenure)
    term = np.where(converted, paid_start + tenure.astype(np.int64), trial_end)
    free_tenure = rng.exponential(150 * DAY, n).astype(np.int64) + 20 * DAY
    term = np.where(to_free, trial_end + free_tenure, term)
    horizon_s = (timeline.horizon_day + 1) * DAY
    term = np.where(term >= horizon_s, INF, term).astype(np.int64)
    decline_len = np.where(converted, rng.uniform(60, 120, n), np.where(to_free, 40.0, 12.0)) * DAY
    decline_len = np.minimum(decline_len, np.maximum(term - signup_s, DAY)).astype(np.int64)

    reactivates = (term < INF) & converted & (rng.random(n) < 0.12)
    react = term + rng.uniform(30, 180, n).astype(np.int64) * DAY
    react = np.where(reactivates & (react < horizon_s), react, INF).astype(np.int64)
    dips = rng.random(n) < 0.12
    dip_start = signup_s + rng.uniform(60, 400, n).astype(np.int64) * DAY
    dip_start = np.where(dips, dip_start, INF).astype(np.int64)

    plan = np.select([segment == 0, segment == 1], [1, 2], 3).astype(np.int8)
    plan = np.where((segment == 0) & (rng.random(n) < 0.3), 2, plan).astype(np.int8)
    seats = _seats(rng, segment, fit)
    user_ratio = np.clip(0.45 + 0.55 * fit + rng.normal(0, 0.12, n), 0.25, 1.2)
    n_users = np.maximum(1, np.round(seats * user_ratio)).astype(np.int64)
    user_offset = np.concatenate([[0], np.cumsum(n_users)[:-1]]).astype(np.int64)

    reaches_value = rng.random(n) < 0.2 + 0.75 * fit
    ttfv = signup_s + (rng.exponential(1.0, n) * (1.5 + 30 * (1 - fit) ** 2) * DAY).astype(np.int64)
    ttfv = np.where(reaches_value & (ttfv < term), ttfv, INF).astype(np.int64)
    return Accounts(
        n=n,
        fit=fit,
        segment=segment,
        channel=channel,
        country=country,
        currency=currency,
        is_test=is_test,
        signup_s=signup_s,
        has_trial=has_trial,
        converted=converted,
        to_free=to_free,
        paid_start_s=paid_start,
        term_s=term,
        decline_len_s=decline_len,
        react_s=react,
        dip_start_s=dip_start,
        plan=plan,
        yearly=yearly,
        seats=seats,
        n_users=n_users,
        user_offset=user_offset,
        ttfv_s=ttfv,
    )
