"""Product events, generated one calendar month at a time (the bulk of the data).

Per (account, day) the account is active with a probability set by fit, weekday,
trial/free status and decline; an active day has 1 + Binomial(users - 1, q) distinct
active users, each with one or more sessions of several events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saas_kpis.gen.catalog import CORE_EVENT_WEIGHTS, CORE_EVENTS, EXTRA_EVENT_WEIGHT, VALUE_EVENTS
from saas_kpis.gen.frame import Frame
from saas_kpis.gen.model import DAY, INF, Accounts, rng_for
from saas_kpis.gen.tables import users_existing

SESSIONS_EXTRA_MEAN = 0.35
FIRST_VALUE_SLOT = 99_999
TARGET_EVENTS_PER_SESSION = 6.0


@dataclass(frozen=True)
class EventNames:
    """Event name list (index = code) and the in-session draw weights."""

    names: tuple[str, ...]
    weights: np.ndarray

    @classmethod
    def build(cls, extra: tuple[str, ...]) -> EventNames:
        names = CORE_EVENTS + tuple(extra)
        weights = np.array(
            [CORE_EVENT_WEIGHTS.get(name, 0.0) for name in CORE_EVENTS]
            + [EXTRA_EVENT_WEIGHT] * len(extra)
        )
        return cls(names, weights / weights.sum())

    def code(self, name: str) -> int:
        return self.names.index(name)


def _cells(acc: Accounts, day_lo: int, day_hi: int, user_scale: float) -> tuple[np.ndarray, ...]:
    """Customer (account, day) cells of the month with their activity parameters."""
    days = np.arange(day_lo, day_hi + 1, dtype=np.int64)
    noon = days * DAY + 12 * 3600
    grid = acc.is_customer(noon[None, :], (slice(None), None))
    a, d = np.nonzero(grid)
    day = days[d]
    t = noon[d]
    fit = acc.fit[a]
    dec = acc.decline(t, a)
    dip = acc.dip(t, a)
    weekend = ((day + 3) % 7) >= 5
    on_free = acc.to_free[a] & (t >= acc.signup_s[a] + 30 * DAY)
    p_day = (0.08 + 0.82 * fit**1.2) * np.where(weekend, 0.25, 1.0)
    p_day *= (1 - 0.9 * dec) * (1 - 0.5 * dip) * np.where(on_free, 0.35, 1.0)
    users = users_existing(acc, a, t)
    q = user_scale * (0.12 + 0.6 * fit) * (1 - 0.8 * dec) * (1 - 0.4 * dip)
    return a, day, p_day, users, q


def expected_sessions(acc: Accounts, day_lo: int, day_hi: int) -> tuple[float, float]:
    """Expected sessions of a month: (from the first user of each active day, from the others).

    Used to calibrate the per-user activity scale and events per session to the target.
    """
    _, _, p_day, users, q = _cells(acc, day_lo, day_hi, 1.0)
    first = float(np.sum(p_day)) * (1 + SESSIONS_EXTRA_MEAN)
    others = float(np.sum(p_day * (users - 1) * q)) * (1 + SESSIONS_EXTRA_MEAN)
    return first, others


def calibrate(first: float, others: float, target_events: float) -> tuple[float, float]:
    """(user activity scale, events per session) so expected events meet the target.

    Prefers about TARGET_EVENTS_PER_SESSION events per session, shrinking how many of an
    account's users are active on a day (never below 5 %) before shrinking sessions.
    """
    wanted_sessions = target_events / TARGET_EVENTS_PER_SESSION
    scale = float(np.clip((wanted_sessions - first) / max(others, 1.0), 0.05, 1.0))
    sessions = first + scale * others
    return scale, max(1.0, target_events / max(sessions, 1.0))


def _group_rank(counts: np.ndarray) -> np.ndarray:
    """0, 1, ... inside each run of np.repeat(x, counts)."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total, dtype=np.int64) - starts


def product_month(
    acc: Accounts,
    seed: int,
    month_no: int,
    day_lo: int,
    day_hi: int,
    calibration: tuple[float, float],
    names: EventNames,
) -> Frame:
    """All product events of accounts' customer days in [day_lo, day_hi]."""
    rng = rng_for(seed, 50, month_no)
    user_scale, events_per_session = calibration
    a, day, p_day, users, q = _cells(acc, day_lo, day_hi, user_scale)
    active = rng.random(len(a)) < p_day
    a, day, users, q = a[active], day[active], users[active], q[active]
    # Distinct users per active day: consecutive slots from a random offset.
    n_act = 1 + rng.binomial(users - 1, q)
    ud_cell = np.repeat(np.arange(len(a)), n_act)
    offset = rng.integers(0, 1 << 30, len(a))
    slot = (offset[ud_cell] + _group_rank(n_act)) % users[ud_cell]
    # Sessions per user-day, then events per session.
    n_sess = 1 + rng.poisson(SESSIONS_EXTRA_MEAN, len(ud_cell))
    s_ud = np.repeat(np.arange(len(ud_cell)), n_sess)
    s_cell = ud_cell[s_ud]
    s_start = day[s_cell] * DAY + np.clip(
        rng.normal(14.5 * 3600, 3.2 * 3600, len(s_ud)), 0, DAY - 1
    ).astype(np.int64)
    n_ev = 1 + rng.poisson(max(events_per_session - 1.0, 0.0), len(s_ud))
    e_sess = np.repeat(np.arange(len(s_ud)), n_ev)
    e_pos = _group_rank(n_ev)
    gaps = rng.exponential(75.0, len(e_sess)).astype(np.int64) + 1
    gaps[e_pos == 0] = 0
    cum = np.cumsum(gaps)
    t = s_start[e_sess] + cum - np.repeat(cum[np.cumsum(n_ev) - n_ev], n_ev)
    e_cell = s_cell[e_sess]
    owner = a[e_cell]
    name = _event_names(rng, names, e_pos, t, acc.ttfv_s[owner])
    # Ids are stable per (account, day, rank), whichever month chunk made them.
    cell_events = np.bincount(e_cell, minlength=len(a))
    sess_rank = _group_rank(np.bincount(s_cell, minlength=len(a)))
    frame_cols = {
        "acc": owner,
        "day": day[e_cell],
        "k": _group_rank(cell_events),
        "user": acc.user_offset[owner] + slot[s_ud[e_sess]],
        "sess": sess_rank[e_sess],
        "name": name,
        "t": t,
    }
    frame_cols = _append_first_value(acc, rng, names, day_lo, day_hi, frame_cols)
    n = len(frame_cols["t"])
    frame_cols["v"] = rng.integers(0, 100, n)
    frame_cols["no_session"] = (rng.random(n) < 0.01).astype(np.int64)
    lag = np.where(rng.random(n) < 0.005, rng.integers(1, 3, n), 0)
    return Frame(cols=frame_cols, occur_s=frame_cols["t"], lag_days=lag)


def _event_names(
    rng: np.random.Generator,
    names: EventNames,
    position: np.ndarray,
    t: np.ndarray,
    first_value_s: np.ndarray,
) -> np.ndarray:
    """Sessions open with a login; value events only after the account's first value."""
    m = len(position)
    code = rng.choice(len(names.names), m, p=names.weights).astype(np.int64)
    opening = (position == 0) & (rng.random(m) < 0.85)
    code = np.where(opening, names.code("login"), code)
    value_codes = np.array([names.code(v) for v in VALUE_EVENTS])
    too_early = np.isin(code, value_codes) & (t < first_value_s)
    return np.where(too_early, names.code("dashboard_viewed"), code)


def _append_first_value(
    acc: Accounts,
    rng: np.random.Generator,
    names: EventNames,
    day_lo: int,
    day_hi: int,
    cols: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """The time-to-first-value event itself, for accounts reaching value this month."""
    lo, hi = day_lo * DAY, (day_hi + 1) * DAY
    who = np.flatnonzero((acc.ttfv_s >= lo) & (acc.ttfv_s < hi) & (acc.ttfv_s < INF))
    k = len(who)
    value_codes = np.array([names.code(v) for v in VALUE_EVENTS])
    extra = {
        "acc": who,
        "day": acc.ttfv_s[who] // DAY,
        "k": np.full(k, FIRST_VALUE_SLOT),
        "user": acc.user_offset[who],
        "sess": np.full(k, FIRST_VALUE_SLOT),
        "name": value_codes[rng.integers(0, len(value_codes), k)],
        "t": acc.ttfv_s[who],
    }
    return {key: np.concatenate([cols[key], extra[key].astype(np.int64)]) for key in cols}
